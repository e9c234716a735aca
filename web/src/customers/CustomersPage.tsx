import { Anchor, Center, Loader, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { peopleApi } from '../api/people.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

export function CustomersPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const customers = useQuery({ queryKey: ['customers', q], queryFn: () => peopleApi.customers(q) });
  const items = customers.data ?? [];
  return (
    <Stack gap="sm" maw={1000} mx="auto">
      <Title order={1} size="h3">
        {t('customer.listTitle')}
      </Title>
      <TextInput
        type="search"
        aria-label={t('customer.search')}
        placeholder={t('customer.search')}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
      />
      <ErrorAlert error={customers.error} />
      {customers.isPending ? (
        <Center p="lg">
          <Loader />
        </Center>
      ) : items.length === 0 ? (
        <Text c="dimmed" ta="center" p="lg">
          {t('customer.none')}
        </Text>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={480}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('customer.name')}</Table.Th>
                  <Table.Th>{t('customer.email')}</Table.Th>
                  <Table.Th>{t('customer.organization')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((customer) => (
                  <Table.Tr key={customer.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/customers/${customer.id}`}>
                        {customer.name || customer.email}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{customer.email}</Table.Td>
                    <Table.Td>{customer.organization?.name}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
