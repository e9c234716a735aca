import { Button, Group, Paper, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { peopleApi } from '../api/people.ts';
import { LOCALES, type Team } from '../api/types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

function useLanguageOptions() {
  const { t } = useTranslation();
  return LOCALES.map((value) => ({ value, label: t(`language.${value}`) }));
}

function TeamRow({ team }: { team: Team }) {
  const { t } = useTranslation();
  const languages = useLanguageOptions();
  const queryClient = useQueryClient();
  const [name, setName] = useState(team.name);
  const update = useMutation({
    mutationFn: (patch: Partial<Omit<Team, 'id'>>) => peopleApi.updateTeam(team.id, patch),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['teams'] }),
  });
  return (
    <Table.Tr>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={t('admin.teams.name')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          onBlur={() => name.trim() && name !== team.name && update.mutate({ name: name.trim() })}
          error={update.error ? t('admin.teams.saveFailed') : undefined}
        />
      </Table.Td>
      <Table.Td>
        <Select
          size="xs"
          aria-label={t('admin.teams.language')}
          allowDeselect={false}
          data={languages}
          value={team.defaultLanguage}
          onChange={(value) => value && update.mutate({ defaultLanguage: value })}
        />
      </Table.Td>
    </Table.Tr>
  );
}

export function TeamsPage() {
  const { t } = useTranslation();
  const languages = useLanguageOptions();
  const queryClient = useQueryClient();
  const teams = useQuery({ queryKey: ['teams'], queryFn: peopleApi.teams });
  const [name, setName] = useState('');
  const [language, setLanguage] = useState('en');
  const create = useMutation({
    mutationFn: () => peopleApi.createTeam(name.trim(), language),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['teams'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Stack gap="sm" maw={800} mx="auto">
      <Title order={1} size="h3">
        {t('admin.teams.title')}
      </Title>
      <ErrorAlert error={teams.error} />
      <Paper withBorder radius="md">
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.teams.name')}</Table.Th>
              <Table.Th w={180}>{t('admin.teams.language')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(teams.data ?? []).map((team) => (
              <TeamRow key={team.id} team={team} />
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="sm" radius="md">
        <form onSubmit={submit}>
          <Group align="flex-end" gap="xs">
            <TextInput
              label={t('admin.teams.newTeam')}
              required
              style={{ flex: 1, minWidth: 180 }}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <Select
              label={t('admin.teams.language')}
              w={160}
              allowDeselect={false}
              data={languages}
              value={language}
              onChange={(value) => value && setLanguage(value)}
            />
            <Button type="submit" loading={create.isPending}>
              {t('admin.teams.create')}
            </Button>
          </Group>
        </form>
        <ErrorAlert error={create.error} />
      </Paper>
    </Stack>
  );
}
