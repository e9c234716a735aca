// SLA policies: first-response and resolution targets by priority, category and customer
// tier (the most specific matching policy applies), and the timing of the commitments sweep.
// Admins edit; supervisors see them read-only.
import { ActionIcon, Button, Group, NumberInput, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_TIERS, type SlaPolicy, type SlaSettings, slaApi } from '../api/sla.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useOptions } from '../common/labels.tsx';

const ANY = '*';
const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
const minutes = (value: string | number) => Math.max(1, Math.round(Number(value) * 60));

function PolicyRow({
  policy,
  editable,
  onChange,
  onRemove,
}: {
  policy: SlaPolicy;
  editable: boolean;
  onChange: (policy: SlaPolicy) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const options = useOptions();
  const any = { value: ANY, label: t('sla.any') };
  const selector = (field: 'priority' | 'category' | 'tier', data: { value: string; label: string }[]) => (
    <Select
      size="xs"
      aria-label={t(`sla.${field}`)}
      allowDeselect={false}
      disabled={!editable}
      data={[any, ...data]}
      value={policy[field] ?? ANY}
      onChange={(value) => onChange({ ...policy, [field]: value === ANY || value === null ? null : value })}
    />
  );
  return (
    <Table.Tr data-testid="sla-policy-row">
      <Table.Td>{selector('priority', options.priorities)}</Table.Td>
      <Table.Td>{selector('category', options.categories)}</Table.Td>
      <Table.Td>
        {selector(
          'tier',
          CUSTOMER_TIERS.map((value) => ({ value, label: t(`sla.tiers.${value}`) })),
        )}
      </Table.Td>
      <Table.Td>
        <NumberInput
          size="xs"
          aria-label={t('sla.firstResponseHours')}
          min={0.25}
          step={0.5}
          decimalScale={2}
          disabled={!editable}
          value={hours(policy.firstResponseMinutes)}
          onChange={(value) => onChange({ ...policy, firstResponseMinutes: minutes(value) })}
        />
      </Table.Td>
      <Table.Td>
        <NumberInput
          size="xs"
          aria-label={t('sla.resolutionHours')}
          min={0.25}
          step={1}
          decimalScale={2}
          disabled={!editable}
          value={hours(policy.resolutionMinutes)}
          onChange={(value) => onChange({ ...policy, resolutionMinutes: minutes(value) })}
        />
      </Table.Td>
      <Table.Td>
        {editable ? (
          <ActionIcon variant="subtle" color="red" aria-label={t('sla.remove')} onClick={onRemove}>
            ×
          </ActionIcon>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

export function SlaPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const editable = user.role === 'admin';
  const queryClient = useQueryClient();
  const stored = useQuery({ queryKey: ['sla-settings'], queryFn: slaApi.settings });
  const [draft, setDraft] = useState<SlaSettings | null>(null);
  useEffect(() => {
    if (stored.data) setDraft(stored.data);
  }, [stored.data]);
  const save = useMutation({
    mutationFn: (settings: SlaSettings) => slaApi.saveSettings(settings),
    onSuccess: (saved) => queryClient.setQueryData(['sla-settings'], saved),
  });
  const update = (change: Partial<SlaSettings>) =>
    setDraft((current) => (current ? { ...current, ...change } : current));
  const policies = draft?.policies ?? [];

  return (
    <Stack gap="sm" maw={1000} mx="auto">
      <Title order={1} size="h3">
        {t('sla.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('sla.explain')}
      </Text>
      <ErrorAlert error={stored.error} />
      <Paper withBorder radius="md">
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sla.priority')}</Table.Th>
              <Table.Th>{t('sla.category')}</Table.Th>
              <Table.Th>{t('sla.tier')}</Table.Th>
              <Table.Th w={150}>{t('sla.firstResponseHours')}</Table.Th>
              <Table.Th w={150}>{t('sla.resolutionHours')}</Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {policies.map((policy, index) => (
              <PolicyRow
                // Rows have no id of their own until saved; the position is their identity while editing.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                key={index}
                policy={policy}
                editable={editable}
                onChange={(next) => update({ policies: policies.map((item, i) => (i === index ? next : item)) })}
                onRemove={() => update({ policies: policies.filter((_, i) => i !== index) })}
              />
            ))}
          </Table.Tbody>
        </Table>
        {policies.length === 0 ? (
          <Text size="sm" c="dimmed" p="sm">
            {t('sla.noPolicies')}
          </Text>
        ) : null}
      </Paper>
      {editable ? (
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() =>
              update({
                policies: [
                  ...policies,
                  { priority: null, category: null, tier: null, firstResponseMinutes: 480, resolutionMinutes: 2400 },
                ],
              })
            }
          >
            {t('sla.add')}
          </Button>
        </Group>
      ) : null}
      <Paper withBorder p="sm" radius="md">
        <Title order={2} size="h5" mb="xs">
          {t('sla.sweepTitle')}
        </Title>
        <Group align="flex-end">
          <NumberInput
            label={t('sla.dueSoonMinutes')}
            description={t('sla.dueSoonHelp')}
            min={1}
            disabled={!editable}
            value={draft?.dueSoonMinutes ?? ''}
            onChange={(value) => update({ dueSoonMinutes: Math.max(1, Math.round(Number(value))) })}
            w={280}
          />
          <NumberInput
            label={t('sla.reasonGraceMinutes')}
            description={t('sla.reasonGraceHelp')}
            min={0}
            disabled={!editable}
            value={draft?.reasonGraceMinutes ?? ''}
            onChange={(value) => update({ reasonGraceMinutes: Math.max(0, Math.round(Number(value))) })}
            w={280}
          />
        </Group>
      </Paper>
      <ErrorAlert error={save.error} />
      {editable ? (
        <Group>
          <Button onClick={() => draft && save.mutate(draft)} loading={save.isPending} disabled={!draft}>
            {t('sla.save')}
          </Button>
          {save.isSuccess ? (
            <Text size="sm" c="green.7" role="status">
              {t('sla.saved')}
            </Text>
          ) : null}
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t('sla.readOnly')}
        </Text>
      )}
    </Stack>
  );
}
