import { Button, Center, Grid, Group, Loader, Select, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type CaseFilters, casesApi, type InboxView } from '../api/cases.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useOptions } from '../common/labels.tsx';
import { CaseList } from './CaseList.tsx';

const VIEWS: InboxView[] = ['mine', 'team', 'all'];
const SEARCH_DELAY_MS = 300;

function isView(value: string | null): value is InboxView {
  return VIEWS.some((view) => view === value);
}

export function InboxPage() {
  const { t } = useTranslation();
  const options = useOptions();
  const [params, setParams] = useSearchParams();
  const viewParam = params.get('view');
  const view: InboxView = isView(viewParam) ? viewParam : 'mine';
  const isDesktop = useMediaQuery('(min-width: 62em)') ?? true;
  const [filtersOpened, { toggle: toggleFilters }] = useDisclosure(false);
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), SEARCH_DELAY_MS);

  const setParam = (key: string, value: string | null) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  };

  useEffect(() => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (q) next.set('q', q);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [q, setParams]);

  const filters: CaseFilters = {
    view,
    status: params.get('status') ?? 'open',
    priority: params.get('priority'),
    category: params.get('category'),
    sort: params.get('sort') === 'due' ? 'due' : null,
    sla:
      params.get('sla') === 'breached' || params.get('sla') === 'warning'
        ? (params.get('sla') as 'breached' | 'warning')
        : null,
    q,
  };
  const query = useInfiniteQuery({
    queryKey: ['cases', 'list', filters],
    queryFn: ({ pageParam }) => casesApi.list(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  // The API's `status=open` means "not resolved or closed", so the literal status "open" has no filter of its own.
  const statusOptions = [
    { value: 'open', label: t('inbox.unresolved') },
    { value: 'any', label: t('inbox.anyStatus') },
    ...options.statuses.filter((option) => option.value !== 'open'),
  ];
  const activeFilters = [params.get('status'), filters.priority, filters.category].filter(Boolean).length;
  const showFilters = isDesktop || filtersOpened;
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="sm" maw={1100} mx="auto">
      <Group justify="space-between">
        <Title order={1} size="h3">
          {t('inbox.title')}
        </Title>
        <Group gap="xs">
          <Button component={Link} to="/cases/phone-call" variant="default" size="xs">
            {t('nav.phoneCall')}
          </Button>
          <Button component={Link} to="/cases/new" size="xs">
            {t('nav.newCase')}
          </Button>
        </Group>
      </Group>
      <Tabs value={view} onChange={(value) => setParam('view', value === 'mine' ? null : value)}>
        <Tabs.List>
          {VIEWS.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {t(`inbox.view.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Grid gap="xs">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Group gap="xs" wrap="nowrap">
            <TextInput
              type="search"
              style={{ flex: 1 }}
              aria-label={t('inbox.search')}
              placeholder={t('inbox.searchPlaceholder')}
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
            />
            <Button
              hiddenFrom="md"
              variant={activeFilters > 0 ? 'light' : 'default'}
              onClick={toggleFilters}
              aria-expanded={showFilters}
            >
              {t('inbox.filters', { count: activeFilters })}
            </Button>
          </Group>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 2 }} display={showFilters ? undefined : 'none'}>
          <Select
            aria-label={t('case.status')}
            allowDeselect={false}
            data={statusOptions}
            value={filters.status ?? 'open'}
            onChange={(value) => setParam('status', value === 'open' ? null : value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 2 }} display={showFilters ? undefined : 'none'}>
          <Select
            aria-label={t('case.priority')}
            placeholder={t('inbox.anyPriority')}
            clearable
            data={options.priorities}
            value={filters.priority ?? null}
            onChange={(value) => setParam('priority', value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 2 }} display={showFilters ? undefined : 'none'}>
          <Select
            aria-label={t('case.category')}
            placeholder={t('inbox.anyCategory')}
            clearable
            data={options.categories}
            value={filters.category ?? null}
            onChange={(value) => setParam('category', value)}
          />
        </Grid.Col>
      </Grid>
      <Group gap="xs">
        <Select
          size="xs"
          w={260}
          aria-label={t('inbox.sortLabel')}
          allowDeselect={false}
          data={[
            { value: 'activity', label: t('inbox.sortedBy') },
            { value: 'due', label: t('inbox.sortDue') },
          ]}
          value={filters.sort ?? 'activity'}
          onChange={(value) => setParam('sort', value === 'due' ? 'due' : null)}
        />
        <Select
          size="xs"
          w={220}
          aria-label={t('sla.filterLabel')}
          placeholder={t('sla.filterAny')}
          clearable
          data={[
            { value: 'breached', label: t('sla.filterBreached') },
            { value: 'warning', label: t('sla.filterWarning') },
          ]}
          value={filters.sla ?? null}
          onChange={(value) => setParam('sla', value)}
        />
      </Group>
      <ErrorAlert error={query.error} />
      {query.isPending ? (
        <Center p="xl">
          <Loader />
        </Center>
      ) : items.length === 0 ? (
        <Text c="dimmed" ta="center" p="xl" data-testid="inbox-empty">
          {q ? t('inbox.noMatches', { q }) : t('inbox.empty')}
        </Text>
      ) : (
        <CaseList items={items} />
      )}
      {query.hasNextPage ? (
        <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('inbox.loadMore')}
        </Button>
      ) : null}
    </Stack>
  );
}
