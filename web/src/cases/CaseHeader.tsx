import { Alert, Button, Grid, Group, List, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CasePatch, casesApi } from '../api/cases.ts';
import { isApiError } from '../api/client.ts';
import type { Case, CaseChangedProblem, CaseEvent } from '../api/types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useOptions } from '../common/labels.tsx';
import { CommitmentLine } from './CommitmentLine.tsx';
import { describeEvent } from './events.ts';
import { SlaLine } from './SlaBadges.tsx';

type Field = 'status' | 'priority' | 'category';

/** What someone else changed while we were looking: shown after a 409 `case-changed`. */
function ConflictNotice({ changes, onClose }: { changes: CaseEvent[]; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" title={t('case.conflictTitle')} withCloseButton onClose={onClose} data-testid="case-conflict">
      <Text size="sm">{t('case.conflictHelp')}</Text>
      {changes.length > 0 ? (
        <List size="sm" mt="xs">
          {changes.map((change) => (
            <List.Item key={String(change.id)}>{describeEvent(t, change)}</List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}

export function CaseHeader({
  item,
  onHandover,
  onEscalate,
}: {
  item: Case;
  onHandover: () => void;
  onEscalate: () => void;
}) {
  const { t } = useTranslation();
  const options = useOptions();
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState<CaseEvent[] | null>(null);

  const update = useMutation({
    mutationFn: (patch: Omit<CasePatch, 'version'>) => casesApi.update(item.id, { version: item.version, ...patch }),
    onSuccess: (updated) => {
      setConflict(null);
      queryClient.setQueryData(['case', item.id, 'detail'], updated);
      void queryClient.invalidateQueries({ queryKey: ['case', item.id] });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
    onError: (error) => {
      if (!isApiError(error, 'case-changed')) return;
      const problem = error.problem as CaseChangedProblem;
      setConflict(problem.changes ?? []);
      if (problem.current) queryClient.setQueryData(['case', item.id, 'detail'], problem.current);
      void queryClient.invalidateQueries({ queryKey: ['case', item.id] });
    },
  });

  const categoryOptions = options.categories.some((option) => option.value === item.category)
    ? options.categories
    : [...options.categories, { value: item.category, label: options.category(item.category) }];
  const change = (field: Field) => (value: string | null) => {
    if (value && value !== item[field]) update.mutate({ [field]: value });
  };

  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div style={{ minWidth: 0, flex: 1 }}>
            <Text size="xs" c="dimmed">
              {t('case.number', { number: item.number })} ·{' '}
              {t(`channel.${item.channel}`, { defaultValue: item.channel })}
            </Text>
            <Title order={1} size="h3" style={{ overflowWrap: 'anywhere' }} data-testid="case-subject">
              {item.subject}
            </Title>
            <Text size="sm" c="dimmed" data-testid="case-owner">
              {item.owner ? t('case.ownedBy', { name: item.owner.name }) : t('case.unassigned')}
              {item.team ? ` · ${item.team.name}` : ''}
            </Text>
            <CommitmentLine item={item} />
            {item.sla ? <SlaLine sla={item.sla} /> : null}
          </div>
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={onHandover}>
              {t('handover.open')}
            </Button>
            <Button
              size="xs"
              variant="light"
              color="orange"
              onClick={onEscalate}
              disabled={!item.commitment?.ladder.next}
            >
              {t('escalate.open')}
            </Button>
          </Group>
        </Group>
        <Grid gap="xs">
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              size="xs"
              label={t('case.status')}
              allowDeselect={false}
              // Waiting on the customer or a third party follows the commitment (set it in the panel).
              data={options.statuses.filter(
                (option) => !option.value.startsWith('waiting-') || option.value === item.status,
              )}
              value={item.status}
              onChange={change('status')}
              disabled={update.isPending}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4 }}>
            <Select
              size="xs"
              label={t('case.priority')}
              allowDeselect={false}
              data={options.priorities}
              value={item.priority}
              onChange={change('priority')}
              disabled={update.isPending}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4 }}>
            <Select
              size="xs"
              label={t('case.category')}
              allowDeselect={false}
              data={categoryOptions}
              value={item.category}
              onChange={change('category')}
              disabled={update.isPending}
            />
          </Grid.Col>
        </Grid>
        {conflict ? <ConflictNotice changes={conflict} onClose={() => setConflict(null)} /> : null}
        {update.error && !isApiError(update.error, 'case-changed') ? <ErrorAlert error={update.error} /> : null}
      </Stack>
    </Paper>
  );
}
