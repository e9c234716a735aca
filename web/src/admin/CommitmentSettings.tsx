import { Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type KeptFigures, type SendPolicy, settingsApi } from '../api/settings.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

/** The supervisor's choice for public replies without a next step: block (default) or warn. */
export function SendPolicySection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const policy = useQuery({ queryKey: ['send-policy'], queryFn: settingsApi.sendPolicy });
  const save = useMutation({
    mutationFn: settingsApi.saveSendPolicy,
    onSuccess: (saved) => queryClient.setQueryData(['send-policy'], saved),
  });
  return (
    <Paper withBorder p="sm" radius="md" data-testid="send-policy">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('sendPolicy.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('sendPolicy.help')}
        </Text>
        <SegmentedControl
          w="fit-content"
          value={policy.data?.missingCommitment ?? 'block'}
          disabled={!policy.data || save.isPending}
          onChange={(value) => save.mutate({ missingCommitment: value as SendPolicy['missingCommitment'] })}
          data={[
            { value: 'block', label: t('sendPolicy.block') },
            { value: 'warn', label: t('sendPolicy.warn') },
          ]}
        />
        <ErrorAlert error={policy.error ?? save.error} />
      </Stack>
    </Paper>
  );
}

const DAY = 24 * 3600_000;

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </div>
  );
}

/** Share of promises kept over the last 30 days, and how early the kept ones were met ("over-delivery"). */
export function KeptReportSection() {
  const { t } = useTranslation();
  const [range] = useState(() => {
    const to = new Date();
    return { from: new Date(to.getTime() - 30 * DAY).toISOString(), to: to.toISOString() };
  });
  const report = useQuery({
    queryKey: ['reports', 'commitments', range],
    queryFn: () => settingsApi.keptReport(range.from, range.to),
  });
  const share = (figures: KeptFigures) =>
    figures.keptShare === null ? '—' : `${Math.round(figures.keptShare * 100)}%`;
  const early = (figures: KeptFigures) =>
    figures.medianEarlyMinutes === null ? '—' : `${(figures.medianEarlyMinutes / 60).toFixed(1)} h`;
  const total = report.data?.total;
  return (
    <Paper withBorder p="sm" radius="md" data-testid="kept-report">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('keptReport.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('keptReport.period')}
        </Text>
        <ErrorAlert error={report.error} />
        {total && total.kept + total.missed + total.superseded === 0 ? (
          <Text size="sm">{t('keptReport.none')}</Text>
        ) : null}
        {total && total.kept + total.missed + total.superseded > 0 ? (
          <>
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <Figure label={t('keptReport.share')} value={share(total)} />
              <Figure label={t('keptReport.early')} value={early(total)} />
              <Figure label={t('keptReport.kept')} value={String(total.kept)} />
              <Figure label={t('keptReport.missed')} value={String(total.missed)} />
            </SimpleGrid>
            <Table striped withTableBorder fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('keptReport.kind')}</Table.Th>
                  <Table.Th>{t('keptReport.kept')}</Table.Th>
                  <Table.Th>{t('keptReport.missed')}</Table.Th>
                  <Table.Th>{t('keptReport.superseded')}</Table.Th>
                  <Table.Th>{t('keptReport.share')}</Table.Th>
                  <Table.Th>{t('keptReport.early')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.data?.byKind.map((row) => (
                  <Table.Tr key={row.kind}>
                    <Table.Td>{row.kind}</Table.Td>
                    <Table.Td>{row.kept}</Table.Td>
                    <Table.Td>{row.missed}</Table.Td>
                    <Table.Td>{row.superseded}</Table.Td>
                    <Table.Td>{share(row)}</Table.Td>
                    <Table.Td>{early(row)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
