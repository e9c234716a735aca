import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { casesApi } from '../api/cases.ts';
import type { Case } from '../api/types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

/** Move the case one rung up the escalation ladder, saying why; the customer is told who handles it now. */
export function EscalateDialog({ item, opened, onClose }: { item: Case; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const next = item.commitment?.ladder.next;
  const escalate = useMutation({
    mutationFn: () => casesApi.escalate(item.id, reason.trim()),
    onSuccess: (updated) => {
      queryClient.setQueryData(['case', item.id, 'detail'], updated);
      void queryClient.invalidateQueries({ queryKey: ['case', item.id] });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      setReason('');
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length >= 3) escalate.mutate();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('escalate.title', { number: item.number })} size="md">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {next ? t('escalate.help', { rung: next.title, name: next.name ?? next.title }) : t('escalate.top')}
          </Text>
          <Textarea
            label={t('escalate.reason')}
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          <ErrorAlert error={escalate.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={escalate.isPending} disabled={reason.trim().length < 3}>
              {t('escalate.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
