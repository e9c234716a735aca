import { Badge, Button, Group, Paper, Select, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { peopleApi, type UserPatch } from '../api/people.ts';
import { type Role, STAFF_ROLES, type User } from '../api/types.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { InviteUserDialog } from './InviteUserDialog.tsx';

export function UsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [inviteOpened, invite] = useDisclosure(false);
  const users = useQuery({ queryKey: ['users'], queryFn: peopleApi.users });
  const teams = useQuery({ queryKey: ['teams'], queryFn: peopleApi.teams });
  const update = useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UserPatch }) => peopleApi.updateUser(id, patch),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
  const teamOptions = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));
  const roleOptions = STAFF_ROLES.map((value) => ({ value, label: t(`role.${value}`) }));

  const row = (user: User) => (
    <Table.Tr key={user.id} data-testid="user-row">
      <Table.Td>
        <Text size="sm" fw={500}>
          {user.name}
        </Text>
        <Text size="xs" c="dimmed">
          {user.email}
        </Text>
      </Table.Td>
      <Table.Td>
        <Select
          size="xs"
          aria-label={t('admin.users.role')}
          allowDeselect={false}
          data={roleOptions}
          value={user.role}
          disabled={user.id === me.id}
          onChange={(value) => value && update.mutate({ id: user.id, patch: { role: value as Role } })}
        />
      </Table.Td>
      <Table.Td>
        <Select
          size="xs"
          aria-label={t('admin.users.team')}
          placeholder={t('admin.users.noTeam')}
          clearable
          data={teamOptions}
          value={user.teamId}
          onChange={(value) => update.mutate({ id: user.id, patch: { teamId: value } })}
        />
      </Table.Td>
      <Table.Td>
        <Switch
          aria-label={t('admin.users.active')}
          checked={user.active}
          disabled={user.id === me.id}
          onChange={(event) => update.mutate({ id: user.id, patch: { active: event.currentTarget.checked } })}
          label={
            user.active ? (
              t('admin.users.active')
            ) : (
              <Badge color="gray" size="sm">
                {t('admin.users.deactivated')}
              </Badge>
            )
          }
        />
      </Table.Td>
    </Table.Tr>
  );

  return (
    <Stack gap="sm" maw={1100} mx="auto">
      <Group justify="space-between">
        <Title order={1} size="h3">
          {t('admin.users.title')}
        </Title>
        <Button size="xs" onClick={invite.open}>
          {t('admin.users.invite')}
        </Button>
      </Group>
      <ErrorAlert error={users.error ?? update.error} />
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.users.name')}</Table.Th>
                <Table.Th w={170}>{t('admin.users.role')}</Table.Th>
                <Table.Th w={190}>{t('admin.users.team')}</Table.Th>
                <Table.Th w={150}>{t('admin.users.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{(users.data ?? []).map(row)}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <InviteUserDialog opened={inviteOpened} onClose={invite.close} teams={teams.data ?? []} />
    </Stack>
  );
}
