import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { peopleApi } from '../api/people.ts';
import type { Case } from '../api/types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { StatusBadge } from '../common/labels.tsx';

const SHOWN_CASES = 6;

export function CustomerPanel({ item }: { item: Case }) {
  const { t } = useTranslation();
  const customer = useQuery({
    queryKey: ['customer', item.customer.id],
    queryFn: () => peopleApi.customer(item.customer.id),
  });
  const others = (customer.data?.cases ?? []).filter((other) => other.id !== item.id);
  return (
    <Paper withBorder p="sm" radius="md" data-testid="customer-panel">
      <Stack gap={4}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {t('customer.title')}
        </Text>
        <Anchor component={Link} to={`/customers/${item.customer.id}`} fw={600}>
          {item.customer.name || item.customer.email}
        </Anchor>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {item.customer.email}
        </Text>
        {customer.data?.phone ? <Text size="sm">{customer.data.phone}</Text> : null}
        {customer.data?.organization ? (
          <Text size="sm" c="dimmed">
            {customer.data.organization.name}
          </Text>
        ) : null}
        <ErrorAlert error={customer.error} />
        <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt="sm">
          {t('customer.otherCases')}
        </Text>
        {customer.data && others.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('customer.noOtherCases')}
          </Text>
        ) : null}
        {others.slice(0, SHOWN_CASES).map((other) => (
          <div key={other.id}>
            <Anchor component={Link} to={`/cases/${other.id}`} size="sm" lineClamp={1}>
              {t('case.short', { number: other.number })} {other.subject}
            </Anchor>
            <StatusBadge status={other.status} size="xs" />
          </div>
        ))}
        {others.length > SHOWN_CASES ? (
          <Anchor component={Link} to={`/customers/${item.customer.id}`} size="sm">
            {t('customer.allCases', { count: others.length + 1 })}
          </Anchor>
        ) : null}
      </Stack>
    </Paper>
  );
}
