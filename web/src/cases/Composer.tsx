import {
  Button,
  CloseButton,
  FileButton,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { casesApi } from '../api/cases.ts';
import type { Attachment, Case, Visibility } from '../api/types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useFormat } from '../common/format.ts';
import { useOptions } from '../common/labels.tsx';
import { useDraft } from './useDraft.ts';

export function Composer({ item }: { item: Case }) {
  const { t } = useTranslation();
  const format = useFormat();
  const options = useOptions();
  const queryClient = useQueryClient();
  const draft = useDraft(item.id);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [statusAfter, setStatusAfter] = useState<string | null>(null);

  const upload = useMutation({
    mutationFn: casesApi.upload,
    onSuccess: (attachment) => setAttachments((current) => [...current, attachment]),
  });
  const send = useMutation({
    mutationFn: () =>
      casesApi.reply(item.id, {
        body: draft.body,
        visibility: draft.visibility,
        ...(statusAfter ? { status: statusAfter } : {}),
        ...(attachments.length > 0 ? { attachments: attachments.map((attachment) => attachment.id) } : {}),
      }),
    onSuccess: () => {
      draft.reset();
      setAttachments([]);
      setStatusAfter(null);
      void queryClient.invalidateQueries({ queryKey: ['case', item.id] });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });

  const internal = draft.visibility === 'internal';
  const draftNote =
    draft.state === 'saving'
      ? t('composer.draftSaving')
      : draft.state === 'saved'
        ? t('composer.draftSaved')
        : draft.state === 'failed'
          ? t('composer.draftFailed')
          : '';

  return (
    <Paper withBorder p="sm" radius="md" bg={internal ? 'yellow.0' : undefined} data-testid="composer">
      <Stack gap="xs">
        <SegmentedControl
          size="xs"
          value={draft.visibility}
          onChange={(value) => draft.setVisibility(value as Visibility)}
          data={[
            { value: 'public', label: t('composer.publicReply') },
            { value: 'internal', label: t('composer.internalNote') },
          ]}
        />
        <Textarea
          aria-label={internal ? t('composer.internalNote') : t('composer.publicReply')}
          placeholder={
            internal
              ? t('composer.notePlaceholder')
              : t('composer.replyPlaceholder', { name: item.customer.name || item.customer.email })
          }
          autosize
          minRows={4}
          maxRows={14}
          disabled={!draft.loaded}
          value={draft.body}
          onChange={(event) => draft.setBody(event.currentTarget.value)}
        />
        {attachments.length > 0 ? (
          <Group gap="xs">
            {attachments.map((attachment) => (
              <Group key={attachment.id} gap={2} wrap="nowrap">
                <Text size="xs">
                  📎 {attachment.filename} ({format.size(attachment.size)})
                </Text>
                <CloseButton
                  size="xs"
                  aria-label={t('composer.removeAttachment', { name: attachment.filename })}
                  onClick={() => setAttachments((current) => current.filter((other) => other.id !== attachment.id))}
                />
              </Group>
            ))}
          </Group>
        ) : null}
        <ErrorAlert error={upload.error ?? send.error} />
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <FileButton onChange={(file) => file && upload.mutate(file)}>
              {(props) => (
                <Button {...props} variant="default" size="xs" loading={upload.isPending}>
                  {t('composer.attach')}
                </Button>
              )}
            </FileButton>
            <Text size="xs" c="dimmed" aria-live="polite">
              {draftNote}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Select
              size="xs"
              w={170}
              aria-label={t('composer.statusAfter')}
              placeholder={t('composer.keepStatus')}
              clearable
              data={options.statuses.filter((option) => option.value !== 'new')}
              value={statusAfter}
              onChange={setStatusAfter}
            />
            <Button size="xs" onClick={() => send.mutate()} loading={send.isPending} disabled={!draft.body.trim()}>
              {internal ? t('composer.addNote') : t('composer.send')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
