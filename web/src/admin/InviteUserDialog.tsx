import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { peopleApi } from '../api/people.ts';
import { LOCALES, type Role, STAFF_ROLES, type Team } from '../api/types.ts';
import { ErrorAlert, fieldError } from '../common/ErrorAlert.tsx';

export function InviteUserDialog({ opened, onClose, teams }: { opened: boolean; onClose: () => void; teams: Team[] }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [teamId, setTeamId] = useState<string | null>(null);
  const [locale, setLocale] = useState<string>(i18n.resolvedLanguage ?? 'en');
  const invite = useMutation({
    mutationFn: () => peopleApi.invite({ email, name, role, teamId, locale }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      setEmail('');
      setName('');
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('admin.users.inviteTitle')}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={t('admin.users.email')}
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldError(invite.error, 'email')}
          />
          <TextInput
            label={t('admin.users.name')}
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <Select
            label={t('admin.users.role')}
            allowDeselect={false}
            data={STAFF_ROLES.map((value) => ({ value, label: t(`role.${value}`) }))}
            value={role}
            onChange={(value) => value && setRole(value as Role)}
          />
          <Select
            label={t('admin.users.team')}
            placeholder={t('admin.users.noTeam')}
            clearable
            data={teams.map((team) => ({ value: team.id, label: team.name }))}
            value={teamId}
            onChange={setTeamId}
          />
          <Select
            label={t('admin.users.locale')}
            allowDeselect={false}
            data={LOCALES.map((value) => ({ value, label: t(`language.${value}`) }))}
            value={locale}
            onChange={(value) => value && setLocale(value)}
          />
          <ErrorAlert error={invite.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={invite.isPending}>
              {t('admin.users.sendInvite')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
