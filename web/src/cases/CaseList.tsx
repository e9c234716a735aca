import { Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Case } from '../api/types.ts';
import { useFormat } from '../common/format.ts';
import { PriorityBadge, StatusBadge, useOptions } from '../common/labels.tsx';
import { SlaBadge } from './SlaBadges.tsx';

function CaseRow({ item, categoryLabel }: { item: Case; categoryLabel: (value: string) => string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper
      component={Link}
      to={`/cases/${item.id}`}
      withBorder
      p="sm"
      radius="sm"
      data-testid="case-row"
      style={{ display: 'block', color: 'inherit', textDecoration: 'none' }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed">
            {t('case.short', { number: item.number })} · {item.customer.name || item.customer.email}
          </Text>
          <Text fw={600} lineClamp={2}>
            {item.subject}
          </Text>
        </div>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} title={format.dateTime(item.updatedAt)}>
          {format.ago(item.updatedAt)}
        </Text>
      </Group>
      <Group gap={6} mt={6}>
        <StatusBadge status={item.status} />
        <PriorityBadge priority={item.priority} />
        {item.sla ? <SlaBadge sla={item.sla} /> : null}
        <Text size="xs" c="dimmed">
          {categoryLabel(item.category)} · {item.owner ? item.owner.name : t('case.unassigned')}
          {item.commitment ? (
            <Text
              span
              size="xs"
              c={Date.parse(item.commitment.dueAt) < Date.now() ? 'red.7' : undefined}
              data-testid="case-row-due"
            >
              {' · '}
              {Date.parse(item.commitment.dueAt) < Date.now()
                ? t('commitment.overdue', { date: format.dateTime(item.commitment.dueAt) })
                : t('commitment.dueBy', { date: format.dateTime(item.commitment.dueAt) })}
            </Text>
          ) : null}
        </Text>
      </Group>
    </Paper>
  );
}

export function CaseList({ items }: { items: Case[] }) {
  const options = useOptions();
  return (
    <Stack gap="xs">
      {items.map((item) => (
        <CaseRow key={item.id} item={item} categoryLabel={options.category} />
      ))}
    </Stack>
  );
}
