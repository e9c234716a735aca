import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { peopleApi } from '../api/people.ts';
import { type ApiToken, type Role, STAFF_ROLES } from '../api/types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useFormat } from '../common/format.ts';

function TokenRow({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: () => peopleApi.revokeToken(token.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });
  return (
    <Table.Tr>
      <Table.Td>{token.name}</Table.Td>
      <Table.Td>{t(`role.${token.role}`)}</Table.Td>
      <Table.Td>{token.createdAt ? format.dateTime(token.createdAt) : '—'}</Table.Td>
      <Table.Td>
        {token.revokedAt ? (
          <Badge color="gray">{t('admin.tokens.revoked')}</Badge>
        ) : confirming ? (
          <Group gap={4} wrap="nowrap">
            <Button size="compact-xs" color="red" loading={revoke.isPending} onClick={() => revoke.mutate()}>
              {t('admin.tokens.confirmRevoke')}
            </Button>
            <Button size="compact-xs" variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
          </Group>
        ) : (
          <Button size="compact-xs" variant="light" color="red" onClick={() => setConfirming(true)}>
            {t('admin.tokens.revoke')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function TokensPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: peopleApi.tokens });
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const create = useMutation({
    mutationFn: () => peopleApi.createToken(name.trim(), role),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const secret = create.data?.token;

  return (
    <Stack gap="sm" maw={900} mx="auto">
      <Title order={1} size="h3">
        {t('admin.tokens.title')}
      </Title>
      {secret ? (
        <Alert color="green" title={t('admin.tokens.createdTitle')} withCloseButton onClose={() => create.reset()}>
          <Text size="sm" mb="xs">
            {t('admin.tokens.shownOnce')}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Code block style={{ flex: 1, overflowWrap: 'anywhere' }} data-testid="new-token">
              {secret}
            </Code>
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy}>
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      ) : null}
      <Paper withBorder p="sm" radius="md">
        <form onSubmit={submit}>
          <Group align="flex-end" gap="xs">
            <TextInput
              label={t('admin.tokens.name')}
              required
              style={{ flex: 1, minWidth: 180 }}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <Select
              label={t('admin.tokens.role')}
              w={160}
              allowDeselect={false}
              data={STAFF_ROLES.map((value) => ({ value, label: t(`role.${value}`) }))}
              value={role}
              onChange={(value) => value && setRole(value as Role)}
            />
            <Button type="submit" loading={create.isPending}>
              {t('admin.tokens.create')}
            </Button>
          </Group>
        </form>
        <ErrorAlert error={create.error} />
      </Paper>
      <ErrorAlert error={tokens.error} />
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.tokens.name')}</Table.Th>
                <Table.Th>{t('admin.tokens.role')}</Table.Th>
                <Table.Th>{t('admin.tokens.created')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(tokens.data ?? []).map((token) => (
                <TokenRow key={token.id} token={token} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
