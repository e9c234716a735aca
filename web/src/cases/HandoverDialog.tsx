import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { casesApi } from '../api/cases.ts';
import { peopleApi } from '../api/people.ts';
import type { Case } from '../api/types.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

/** A warm hand-over: a named colleague and a note they read; the customer is told who helps now. */
export function HandoverDialog({ item, opened, onClose }: { item: Case; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [toUserId, setToUserId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const users = useQuery({ queryKey: ['users'], queryFn: peopleApi.users, enabled: opened });
  const colleagues = (users.data ?? [])
    .filter((user) => user.active && user.role !== 'customer' && user.id !== item.owner?.id)
    .map((user) => ({
      value: user.id,
      label: user.id === me.id ? t('handover.me', { name: user.name }) : `${user.name} · ${t(`role.${user.role}`)}`,
    }));

  const handover = useMutation({
    mutationFn: () => casesApi.handover(item.id, toUserId ?? '', note.trim()),
    onSuccess: (updated) => {
      queryClient.setQueryData(['case', item.id, 'detail'], updated);
      void queryClient.invalidateQueries({ queryKey: ['case', item.id] });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      setToUserId(null);
      setNote('');
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (toUserId) handover.mutate();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('handover.title', { number: item.number })} size="md">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('handover.help')}
          </Text>
          <Select
            label={t('handover.colleague')}
            placeholder={t('handover.pickColleague')}
            searchable
            required
            data={colleagues}
            value={toUserId}
            onChange={setToUserId}
            nothingFoundMessage={t('handover.nobody')}
            comboboxProps={{ withinPortal: true }}
          />
          <Textarea
            label={t('handover.note')}
            description={t('handover.noteHelp')}
            required
            autosize
            minRows={3}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <ErrorAlert error={users.error ?? handover.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={handover.isPending} disabled={!toUserId || !note.trim()}>
              {t('handover.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
