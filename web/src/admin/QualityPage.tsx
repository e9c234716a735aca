import type { CategoryId } from '@heard/replycheck';
import { Anchor, Badge, Button, Center, Group, Loader, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { peopleApi } from '../api/people.ts';
import { replycheckApi } from '../api/replycheck.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useFormat } from '../common/format.ts';
import { KeptReportSection } from './CommitmentSettings.tsx';

export function scoreColor(score: number): string {
  return score < 50 ? 'red' : score < 80 ? 'orange' : 'teal';
}

export function ScoreBadge({ score }: { score: number }) {
  const { t } = useTranslation();
  return (
    <Badge color={scoreColor(score)} variant="filled" size="lg" aria-label={t('admin.quality.scoreLabel', { score })}>
      {score}
    </Badge>
  );
}

export function CategoryCounts({ byCategory }: { byCategory: Partial<Record<CategoryId, number>> }) {
  const { t } = useTranslation();
  const entries = Object.entries(byCategory).filter(([, count]) => (count ?? 0) > 0);
  if (entries.length === 0)
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap={4}>
      {entries.map(([category, count]) => (
        <Badge key={category} size="xs" variant="light" color="gray">
          {t(`replycheck.category.${category}`, { defaultValue: category })} × {count}
        </Badge>
      ))}
    </Group>
  );
}

/** Auto-QA: every sent conversation with its quality score, worst first. */
export function QualityPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [agentId, setAgentId] = useState<string | null>(null);
  const users = useQuery({ queryKey: ['users'], queryFn: peopleApi.users });
  const list = useInfiniteQuery({
    queryKey: ['qa', 'conversations', agentId],
    queryFn: ({ pageParam }) => replycheckApi.qaList(pageParam, agentId),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const agents = (users.data ?? []).map((user) => ({ value: user.id, label: user.name }));

  return (
    <Stack gap="sm" maw={1200} mx="auto">
      <KeptReportSection />
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h3">
            {t('admin.quality.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('admin.quality.help')}
          </Text>
        </div>
        <Select
          w={220}
          size="xs"
          label={t('admin.quality.agent')}
          placeholder={t('admin.quality.allAgents')}
          clearable
          searchable
          data={agents}
          value={agentId}
          onChange={setAgentId}
        />
      </Group>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Center p="md">
          <Loader size="sm" />
        </Center>
      ) : null}
      {list.isSuccess && items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('admin.quality.empty')}
        </Text>
      ) : null}
      {items.length > 0 ? (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" data-testid="qa-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={80}>{t('admin.quality.score')}</Table.Th>
                  <Table.Th>{t('admin.quality.case')}</Table.Th>
                  <Table.Th w={160}>{t('admin.quality.agent')}</Table.Th>
                  <Table.Th>{t('admin.quality.findings')}</Table.Th>
                  <Table.Th w={150}>{t('admin.quality.lastSent')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={item.case.id} data-testid="qa-row">
                    <Table.Td>
                      <ScoreBadge score={item.score} />
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/admin/quality/${item.case.id}`} size="sm" fw={500}>
                        {t('case.short', { number: item.case.number })} {item.case.subject}
                      </Anchor>
                      <Anchor component={Link} to={`/cases/${item.case.id}`} size="xs" c="dimmed" display="block">
                        {t('admin.quality.openCase')}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{item.agent?.name ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" mb={4}>
                        {t('replycheck.problems', { count: item.findings })}
                      </Text>
                      <CategoryCounts byCategory={item.byCategory} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{format.dateTime(item.lastSentAt)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ) : null}
      {list.hasNextPage ? (
        <Center>
          <Button variant="default" size="xs" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('inbox.loadMore')}
          </Button>
        </Center>
      ) : null}
    </Stack>
  );
}
