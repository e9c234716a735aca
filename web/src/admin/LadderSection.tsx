import { ActionIcon, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { peopleApi } from '../api/people.ts';
import { type Rung, settingsApi } from '../api/settings.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SavedNote, SettingsSection } from './SettingsSection.tsx';

const MAX_RUNGS = 10;
type RungField = 'title' | 'contactEmail' | 'contactPhone';

interface RowProps {
  rung: Rung;
  index: number;
  count: number;
  readOnly: boolean;
  users: { value: string; label: string }[];
  onChange: (rung: Rung) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}

function RungRow({ rung, index, count, readOnly, users, onChange, onMove, onRemove }: RowProps) {
  const { t } = useTranslation();
  const input = (field: RungField, label: string) => (
    <TextInput
      size="xs"
      aria-label={`${label} ${index + 1}`}
      required={field === 'title'}
      readOnly={readOnly}
      value={rung[field] ?? ''}
      onChange={(event) => onChange({ ...rung, [field]: event.currentTarget.value || (field === 'title' ? '' : null) })}
    />
  );
  return (
    <Table.Tr data-testid="ladder-rung">
      <Table.Td>
        <Text size="sm" fw={600}>
          {index + 1}
        </Text>
      </Table.Td>
      <Table.Td>{input('title', t('admin.ladder.rungTitle'))}</Table.Td>
      <Table.Td>
        <Select
          size="xs"
          aria-label={`${t('admin.ladder.person')} ${index + 1}`}
          placeholder={t('admin.ladder.nobody')}
          clearable
          searchable
          readOnly={readOnly}
          data={users}
          value={rung.userId}
          onChange={(value) => onChange({ ...rung, userId: value })}
        />
      </Table.Td>
      <Table.Td>{input('contactEmail', t('admin.ladder.email'))}</Table.Td>
      <Table.Td>{input('contactPhone', t('admin.ladder.phone'))}</Table.Td>
      {readOnly ? null : (
        <Table.Td>
          <Group gap={2} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              size="sm"
              aria-label={t('admin.ladder.moveUp')}
              disabled={index === 0}
              onClick={() => onMove(index - 1)}
            >
              ↑
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              size="sm"
              aria-label={t('admin.ladder.moveDown')}
              disabled={index === count - 1}
              onClick={() => onMove(index + 1)}
            >
              ↓
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              size="sm"
              aria-label={t('admin.ladder.remove')}
              disabled={count <= 1}
              onClick={onRemove}
            >
              ✕
            </ActionIcon>
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

/** Who the case goes to, in order, when the customer asks to escalate. */
export function LadderSection({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const ladder = useQuery({ queryKey: ['escalation-ladder'], queryFn: settingsApi.ladder });
  const users = useQuery({ queryKey: ['users'], queryFn: peopleApi.users });
  const [rungs, setRungs] = useState<Rung[]>([]);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (ladder.data) setRungs(ladder.data);
  }, [ladder.data]);
  const save = useMutation({
    mutationFn: () =>
      settingsApi.saveLadder(
        rungs.map(({ title, userId, contactEmail, contactPhone }) => ({ title, userId, contactEmail, contactPhone })),
      ),
    onSuccess: (next) => {
      queryClient.setQueryData(['escalation-ladder'], next);
      setSaved(true);
    },
  });
  const update = (next: Rung[]) => {
    setSaved(false);
    setRungs(next);
  };
  const move = (from: number, to: number) => {
    const next = [...rungs];
    const [moved] = next.splice(from, 1);
    if (moved) next.splice(to, 0, moved);
    update(next);
  };
  const userOptions = (users.data ?? [])
    .filter((user) => user.active)
    .map((user) => ({ value: user.id, label: user.name }));

  return (
    <SettingsSection title={t('admin.ladder.title')} help={t('admin.ladder.help')} error={ladder.error} testId="ladder">
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={30}>#</Table.Th>
              <Table.Th>{t('admin.ladder.rungTitle')}</Table.Th>
              <Table.Th w={190}>{t('admin.ladder.person')}</Table.Th>
              <Table.Th>{t('admin.ladder.email')}</Table.Th>
              <Table.Th w={150}>{t('admin.ladder.phone')}</Table.Th>
              {readOnly ? null : <Table.Th w={90} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rungs.map((rung, index) => (
              <RungRow
                // Rungs have no id; position in the list is their identity while editing.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                key={index}
                rung={rung}
                index={index}
                count={rungs.length}
                readOnly={readOnly}
                users={userOptions}
                onChange={(next) => update(rungs.map((other, at) => (at === index ? next : other)))}
                onMove={(to) => move(index, to)}
                onRemove={() => update(rungs.filter((_, at) => at !== index))}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ErrorAlert error={save.error} />
      {readOnly ? null : (
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            disabled={rungs.length >= MAX_RUNGS}
            onClick={() => update([...rungs, { title: '', userId: null, contactEmail: null, contactPhone: null }])}
          >
            {t('admin.ladder.add')}
          </Button>
          <Button size="xs" loading={save.isPending} onClick={() => save.mutate()}>
            {t('admin.ladder.save')}
          </Button>
          <SavedNote shown={saved} />
        </Group>
      )}
    </SettingsSection>
  );
}
