// Admin: the IMAP mailboxes the desk fetches mail from — server, account, folder, IDLE or
// polling, what happens to processed mail, where the mail goes — and how each one is doing.
import {
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Mailbox, type MailboxInput, type MailboxMode, mailboxesApi } from '../api/mailboxes.ts';
import { peopleApi } from '../api/people.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useFormat } from '../common/format.ts';
import { useOptions } from '../common/labels.tsx';

type AfterAction = 'none' | 'flag' | 'move';

const EMPTY: MailboxInput = {
  name: '',
  host: '',
  port: 993,
  tls: true,
  username: '',
  password: '',
  folder: 'INBOX',
  mode: 'idle',
  pollIntervalSeconds: 60,
  afterProcessing: 'none',
  teamId: null,
  category: null,
  active: true,
};

/** The editable settings of a mailbox (the API refuses any other field). */
function settingsOf(mailbox: Mailbox): MailboxInput {
  const entries = (Object.keys(EMPTY) as (keyof MailboxInput)[]).map((key) => [key, mailbox[key as keyof Mailbox]]);
  return { ...(Object.fromEntries(entries) as MailboxInput), password: '' };
}

function splitAction(afterProcessing: string): { action: AfterAction; folder: string } {
  if (afterProcessing.startsWith('move:')) return { action: 'move', folder: afterProcessing.slice(5) };
  return { action: afterProcessing === 'flag' ? 'flag' : 'none', folder: '' };
}

function MailboxForm({ mailbox, onDone }: { mailbox?: Mailbox; onDone: () => void }) {
  const { t } = useTranslation();
  const options = useOptions();
  const queryClient = useQueryClient();
  const teams = useQuery({ queryKey: ['teams'], queryFn: peopleApi.teams });
  const [values, setValues] = useState<MailboxInput>(() => (mailbox ? settingsOf(mailbox) : EMPTY));
  const initialAction = splitAction(values.afterProcessing);
  const [action, setAction] = useState<AfterAction>(initialAction.action);
  const [moveFolder, setMoveFolder] = useState(initialAction.folder);
  const set = <K extends keyof MailboxInput>(key: K, value: MailboxInput[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const save = useMutation({
    mutationFn: () => {
      const afterProcessing = action === 'move' ? `move:${moveFolder.trim()}` : action;
      const { password, ...rest } = values;
      const input = { ...rest, host: rest.host.trim(), afterProcessing, ...(password ? { password } : {}) };
      return mailbox ? mailboxesApi.update(mailbox.id, input) : mailboxesApi.create(input);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['mailboxes'] });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} aria-label={t('mailboxes.form')}>
      <Stack gap="sm">
        <Title order={2} size="h5">
          {mailbox ? t('mailboxes.edit') : t('mailboxes.add')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('mailboxes.name')}
            required
            value={values.name}
            onChange={(event) => set('name', event.currentTarget.value)}
          />
          <TextInput
            label={t('mailboxes.host')}
            required
            placeholder="imap.example.com"
            value={values.host}
            onChange={(event) => set('host', event.currentTarget.value)}
          />
          <NumberInput
            label={t('mailboxes.port')}
            required
            min={1}
            max={65535}
            allowDecimal={false}
            value={values.port}
            onChange={(value) => set('port', Number(value) || 0)}
          />
          <Switch
            mt="xl"
            label={t('mailboxes.tls')}
            checked={values.tls}
            onChange={(event) => {
              const tls = event.currentTarget.checked;
              setValues((current) => ({
                ...current,
                tls,
                // Follow the usual port when it was the other usual one.
                port: current.port === (tls ? 143 : 993) ? (tls ? 993 : 143) : current.port,
              }));
            }}
          />
          <TextInput
            label={t('mailboxes.username')}
            required
            autoComplete="off"
            value={values.username}
            onChange={(event) => set('username', event.currentTarget.value)}
          />
          <PasswordInput
            label={t('mailboxes.password')}
            required={!mailbox}
            autoComplete="new-password"
            description={mailbox ? t('mailboxes.passwordKept') : t('mailboxes.passwordStored')}
            value={values.password ?? ''}
            onChange={(event) => set('password', event.currentTarget.value)}
          />
          <TextInput
            label={t('mailboxes.folder')}
            required
            value={values.folder}
            onChange={(event) => set('folder', event.currentTarget.value)}
          />
          <Select
            label={t('mailboxes.mode')}
            allowDeselect={false}
            data={(['idle', 'poll'] as const).map((value) => ({ value, label: t(`mailboxes.modes.${value}`) }))}
            value={values.mode}
            onChange={(value) => value && set('mode', value as MailboxMode)}
          />
          <NumberInput
            label={t('mailboxes.pollInterval')}
            description={t('mailboxes.pollIntervalHint')}
            min={5}
            max={3600}
            allowDecimal={false}
            value={values.pollIntervalSeconds}
            onChange={(value) => set('pollIntervalSeconds', Number(value) || 60)}
          />
          <Select
            label={t('mailboxes.afterProcessing')}
            allowDeselect={false}
            data={(['none', 'flag', 'move'] as const).map((value) => ({
              value,
              label: t(`mailboxes.after.${value}`),
            }))}
            value={action}
            onChange={(value) => value && setAction(value as AfterAction)}
          />
          {action === 'move' ? (
            <TextInput
              label={t('mailboxes.moveTo')}
              required
              value={moveFolder}
              onChange={(event) => setMoveFolder(event.currentTarget.value)}
            />
          ) : null}
          <Select
            label={t('mailboxes.team')}
            placeholder={t('mailboxes.defaultTeam')}
            clearable
            data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
            value={values.teamId}
            onChange={(value) => set('teamId', value)}
          />
          <Select
            label={t('mailboxes.category')}
            placeholder={t('mailboxes.noCategory')}
            clearable
            data={options.categories}
            value={values.category}
            onChange={(value) => set('category', value)}
          />
        </SimpleGrid>
        <Switch
          label={t('mailboxes.active')}
          checked={values.active}
          onChange={(event) => set('active', event.currentTarget.checked)}
        />
        <ErrorAlert error={save.error} />
        <Group gap="xs">
          <Button type="submit" loading={save.isPending}>
            {t('mailboxes.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function StatusCell({ mailbox }: { mailbox: Mailbox }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [color, label] = !mailbox.active
    ? ['gray', t('mailboxes.status.inactive')]
    : mailbox.status === 'ok'
      ? ['teal', t('mailboxes.status.ok')]
      : mailbox.status === 'error'
        ? ['red', t('mailboxes.status.error')]
        : ['blue', t('mailboxes.status.pending')];
  return (
    <Stack gap={2}>
      <Badge color={color} variant="light" data-testid="mailbox-status">
        {label}
      </Badge>
      {mailbox.lastSuccessAt ? (
        <Text size="xs" c="dimmed">
          {t('mailboxes.lastSuccess', { when: format.dateTime(mailbox.lastSuccessAt) })}
        </Text>
      ) : null}
      {mailbox.status === 'error' && mailbox.lastError && mailbox.lastErrorAt ? (
        <Text size="xs" c="red" style={{ overflowWrap: 'anywhere' }} data-testid="mailbox-error">
          {t('mailboxes.lastError', { when: format.dateTime(mailbox.lastErrorAt), error: mailbox.lastError })}
        </Text>
      ) : null}
    </Stack>
  );
}

function MailboxRow({ mailbox, onEdit }: { mailbox: Mailbox; onEdit: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => mailboxesApi.remove(mailbox.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['mailboxes'] }),
  });
  const after = splitAction(mailbox.afterProcessing);
  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={500}>{mailbox.name}</Text>
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {mailbox.username}@{mailbox.host}:{mailbox.port} · {mailbox.folder}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{t(`mailboxes.modes.${mailbox.mode}`, { defaultValue: mailbox.mode })}</Text>
        <Text size="xs" c="dimmed">
          {after.action === 'move'
            ? t('mailboxes.after.moveTo', { folder: after.folder })
            : t(`mailboxes.after.${after.action}`)}
        </Text>
      </Table.Td>
      <Table.Td>
        <StatusCell mailbox={mailbox} />
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          {confirming ? (
            <>
              <Button size="compact-xs" color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
                {t('mailboxes.confirmDelete')}
              </Button>
              <Button size="compact-xs" variant="default" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </Button>
            </>
          ) : (
            <>
              <Button size="compact-xs" variant="light" onClick={onEdit}>
                {t('mailboxes.editButton')}
              </Button>
              <Button size="compact-xs" variant="light" color="red" onClick={() => setConfirming(true)}>
                {t('mailboxes.delete')}
              </Button>
            </>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

export function MailboxesPage() {
  const { t } = useTranslation();
  // The poller works in the background: refresh to show each mailbox's latest state.
  const mailboxes = useQuery({ queryKey: ['mailboxes'], queryFn: mailboxesApi.list, refetchInterval: 10_000 });
  const [editing, setEditing] = useState<Mailbox | 'new' | null>(null);

  return (
    <Stack gap="sm" maw={1000} mx="auto">
      <Group justify="space-between">
        <Title order={1} size="h3">
          {t('mailboxes.title')}
        </Title>
        {editing === null ? <Button onClick={() => setEditing('new')}>{t('mailboxes.add')}</Button> : null}
      </Group>
      <Text size="sm" c="dimmed">
        {t('mailboxes.intro')}
      </Text>
      {editing !== null ? (
        <MailboxForm
          key={editing === 'new' ? 'new' : editing.id}
          mailbox={editing === 'new' ? undefined : editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
      <ErrorAlert error={mailboxes.error} />
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mailboxes.mailbox')}</Table.Th>
                <Table.Th>{t('mailboxes.mode')}</Table.Th>
                <Table.Th>{t('mailboxes.state')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(mailboxes.data ?? []).map((mailbox) => (
                <MailboxRow key={mailbox.id} mailbox={mailbox} onEdit={() => setEditing(mailbox)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {mailboxes.data?.length === 0 ? (
          <Text size="sm" c="dimmed" p="md">
            {t('mailboxes.empty')}
          </Text>
        ) : null}
      </Paper>
    </Stack>
  );
}
