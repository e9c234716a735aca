import { Alert, Anchor, Badge, Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { emailApi, type InboundMail, type InboundState } from '../api/email.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useFormat } from '../common/format.ts';

const STATES: InboundState[] = ['quarantined', 'ignored', 'duplicate', 'received', 'ingested'];
const REPROCESSABLE: InboundState[] = ['quarantined', 'ignored'];

function InboundRow({ mail }: { mail: InboundMail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const reprocess = useMutation({
    mutationFn: () => emailApi.reprocess(mail.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['quarantine'] }),
  });
  return (
    <Table.Tr>
      <Table.Td>{format.dateTime(mail.receivedAt)}</Table.Td>
      <Table.Td>
        <Text size="sm">{mail.from ?? mail.envelopeFrom ?? '—'}</Text>
        <Text size="xs" c="dimmed">
          {mail.source.toUpperCase()} → {mail.recipients.join(', ') || '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        {mail.caseId ? (
          <Anchor component={Link} to={`/cases/${mail.caseId}`} size="sm">
            {mail.subject || t('quarantine.noSubject')}
          </Anchor>
        ) : (
          <Text size="sm">{mail.subject || t('quarantine.noSubject')}</Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={mail.state === 'quarantined' ? 'red' : undefined}>
          {mail.reason ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>{format.size(mail.size)}</Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button size="compact-xs" variant="default" component="a" href={emailApi.emlUrl(mail.id)} download>
            {t('quarantine.download')}
          </Button>
          {REPROCESSABLE.includes(mail.state) ? (
            <Button
              size="compact-xs"
              variant="light"
              loading={reprocess.isPending}
              disabled={reprocess.isSuccess}
              onClick={() => reprocess.mutate()}
            >
              {reprocess.isSuccess ? t('quarantine.queued') : t('quarantine.reprocess')}
            </Button>
          ) : null}
        </Group>
        {reprocess.error ? <ErrorAlert error={reprocess.error} /> : null}
      </Table.Td>
    </Table.Tr>
  );
}

export function QuarantinePage() {
  const { t } = useTranslation();
  const [state, setState] = useState<InboundState>('quarantined');
  const list = useInfiniteQuery({
    queryKey: ['quarantine', state],
    queryFn: ({ pageParam }) => emailApi.inbound(state, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="sm" maw={1200} mx="auto">
      <Title order={2}>{t('quarantine.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('quarantine.intro')}
      </Text>
      <SegmentedControl
        value={state}
        onChange={(value) => setState(value as InboundState)}
        data={STATES.map((value) => ({ value, label: t(`quarantine.state.${value}`) }))}
      />
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.isSuccess && items.length === 0 ? (
        <Alert color="gray">{t('quarantine.empty')}</Alert>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('quarantine.received')}</Table.Th>
              <Table.Th>{t('quarantine.from')}</Table.Th>
              <Table.Th>{t('quarantine.subject')}</Table.Th>
              <Table.Th>{t('quarantine.reason')}</Table.Th>
              <Table.Th>{t('quarantine.size')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((mail) => (
              <InboundRow key={mail.id} mail={mail} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.hasNextPage ? (
        <Group justify="center">
          <Badge variant="light">{items.length}</Badge>
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('quarantine.more')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
