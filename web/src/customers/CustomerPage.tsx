import { Anchor, Button, Center, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { peopleApi } from '../api/people.ts';
import { CaseList } from '../cases/CaseList.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { CustomerEditForm } from './CustomerEditForm.tsx';

function Detail({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {value || '—'}
      </Text>
    </div>
  );
}

export function CustomerPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const customer = useQuery({ queryKey: ['customer', id], queryFn: () => peopleApi.customer(id) });
  const [editing, setEditing] = useState(false);
  if (customer.isPending) {
    return (
      <Center p="xl">
        <Loader />
      </Center>
    );
  }
  if (!customer.data) return <ErrorAlert error={customer.error} />;
  const data = customer.data;
  return (
    <Stack gap="sm" maw={1000} mx="auto">
      <Anchor component={Link} to="/customers" size="sm">
        ← {t('customer.backToList')}
      </Anchor>
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" align="flex-start" mb="sm">
          <Title order={1} size="h3">
            {data.name || data.email}
          </Title>
          {editing ? null : (
            <Button size="xs" variant="light" onClick={() => setEditing(true)}>
              {t('customer.edit')}
            </Button>
          )}
        </Group>
        {editing ? (
          <CustomerEditForm customer={data} onDone={() => setEditing(false)} />
        ) : (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
            <Detail label={t('customer.email')} value={data.email} />
            <Detail label={t('customer.phone')} value={data.phone} />
            <Detail label={t('customer.organization')} value={data.organization?.name ?? null} />
            <Detail label={t('customer.country')} value={data.country} />
            <Detail label={t('customer.locale')} value={data.locale ? t(`language.${data.locale}`) : null} />
            <Detail label={t('customer.otherEmails')} value={(data.otherEmails ?? []).join(', ') || null} />
          </SimpleGrid>
        )}
      </Paper>
      <Title order={2} size="h4">
        {t('customer.cases', { count: data.cases.length })}
      </Title>
      {data.cases.length === 0 ? <Text c="dimmed">{t('customer.noCases')}</Text> : <CaseList items={data.cases} />}
    </Stack>
  );
}
