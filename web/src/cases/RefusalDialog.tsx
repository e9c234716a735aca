import { Alert, Button, Group, Modal, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { casesApi } from '../api/cases.ts';
import {
  partnersApi,
  REFUSAL_CAUSES,
  REFUSAL_REASONS,
  type RefusalCause,
  type RefusalInput,
  type RefusalReason,
} from '../api/partners.ts';
import type { Case } from '../api/types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

/** The end of the chosen day, local time, as the API's date-time. */
const endOfDay = (day: string) => new Date(`${day}T17:00:00`).toISOString();

/**
 * "We can't do this": the agent picks why (reason) and what caused it, sees the partner Heard
 * would recommend, and gets a draft reply in the case language in the composer (saved as the
 * case draft; nothing is sent until the agent sends it).
 */
function RefusalDialog({
  item,
  opened,
  onClose,
  onDrafted,
}: {
  item: Case;
  opened: boolean;
  onClose: () => void;
  onDrafted: (refusal: { reason: string; waitUntil: string | null }) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState<RefusalReason>('other-specialization');
  const [cause, setCause] = useState<RefusalCause>('misdirected');
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [alternative, setAlternative] = useState('');
  const [waitUntil, setWaitUntil] = useState('');
  const referring = reason !== 'unrelated';
  const suggestion = useQuery({
    queryKey: ['case', item.id, 'partner-suggestion'],
    queryFn: () => partnersApi.suggestion(item.id),
    enabled: opened,
  });
  const directory = useQuery({
    queryKey: ['partners', 'active'],
    queryFn: () => partnersApi.list({ status: 'active' }),
    enabled: opened && referring,
  });
  const suggested = suggestion.data?.partner ?? null;
  const chosen = directory.data?.items.find((partner) => partner.id === partnerId) ?? suggested;

  const refuse = useMutation({
    mutationFn: async () => {
      const input: RefusalInput = {
        reason,
        cause,
        ...(referring && partnerId ? { partnerId } : {}),
        ...(reason === 'temporarily-unable' && alternative.trim() ? { alternative: alternative.trim() } : {}),
        ...(reason === 'temporarily-unable' && waitUntil ? { waitUntil: endOfDay(waitUntil) } : {}),
      };
      const result = await partnersApi.refuse(item.id, input);
      await casesApi.saveDraft(item.id, { body: result.draft.body, visibility: 'public', recipient: null });
      return result;
    },
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['case', item.id] });
      onDrafted({ reason: result.refusal.reason, waitUntil: result.refusal.waitUntil ?? null });
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    refuse.mutate();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('refusal.title', { number: item.number })} size="lg">
      <form onSubmit={submit} data-testid="refusal-dialog">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('refusal.help')}
          </Text>
          <Radio.Group
            label={t('refusal.reason')}
            value={reason}
            onChange={(value) => setReason(value as RefusalReason)}
          >
            <Stack gap={6} mt={4}>
              {REFUSAL_REASONS.map((value) => (
                <Radio
                  key={value}
                  value={value}
                  label={t(`refusal.reasons.${value}`)}
                  description={t(`refusal.reasonHelp.${value}`)}
                />
              ))}
            </Stack>
          </Radio.Group>
          <Radio.Group label={t('refusal.cause')} value={cause} onChange={(value) => setCause(value as RefusalCause)}>
            <Group gap="md" mt={4}>
              {REFUSAL_CAUSES.map((value) => (
                <Radio key={value} value={value} label={t(`refusal.causes.${value}`)} />
              ))}
            </Group>
          </Radio.Group>
          {referring ? (
            <Stack gap={6}>
              <Alert color={chosen ? 'blue' : 'gray'} data-testid="refusal-partner">
                {chosen
                  ? t('refusal.partnerProposed', { name: chosen.name, terms: chosen.terms })
                  : t('refusal.noPartner')}
              </Alert>
              <Select
                label={t('refusal.otherPartner')}
                placeholder={suggested ? suggested.name : t('refusal.pickPartner')}
                clearable
                searchable
                data={(directory.data?.items ?? []).map((partner) => ({ value: partner.id, label: partner.name }))}
                value={partnerId}
                onChange={setPartnerId}
                comboboxProps={{ withinPortal: true }}
              />
            </Stack>
          ) : null}
          {reason === 'temporarily-unable' ? (
            <>
              <TextInput
                type="date"
                label={t('refusal.waitUntil')}
                description={t('refusal.waitUntilHelp')}
                value={waitUntil}
                onChange={(event) => setWaitUntil(event.currentTarget.value)}
              />
              <Textarea
                label={t('refusal.alternative')}
                description={t('refusal.alternativeHelp')}
                autosize
                minRows={2}
                value={alternative}
                onChange={(event) => setAlternative(event.currentTarget.value)}
              />
            </>
          ) : null}
          <ErrorAlert error={suggestion.error ?? directory.error ?? refuse.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={refuse.isPending}>
              {t('refusal.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The "We can't do this" button and its dialog; `onDrafted` reloads the composer with the draft. */
export function RefusalButton({
  item,
  onDrafted,
}: {
  item: Case;
  onDrafted: (refusal: { reason: string; waitUntil: string | null }) => void;
}) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Group justify="flex-end">
        <Button size="xs" variant="light" color="orange" onClick={open}>
          {t('refusal.open')}
        </Button>
      </Group>
      <RefusalDialog item={item} opened={opened} onClose={close} onDrafted={onDrafted} />
    </>
  );
}
