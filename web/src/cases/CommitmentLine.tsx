import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Case } from '../api/types.ts';
import { useFormat } from '../common/format.ts';

/** The case's current commitment in one line: what happens next, by when, with whom, whom we wait on. */
export function CommitmentLine({ item }: { item: Case }) {
  const { t } = useTranslation();
  const format = useFormat();
  const commitment = item.commitment;
  if (!commitment) {
    return (
      <Text size="sm" c="dimmed" data-testid="case-commitment">
        {t('commitment.noCommitment')}
      </Text>
    );
  }
  const overdue = Date.parse(commitment.dueAt) < Date.now();
  const date = format.dateTime(commitment.dueAt);
  return (
    <Text size="sm" data-testid="case-commitment">
      <Text span fw={600}>
        {t('commitment.nextStep', { step: commitment.nextStep })}
      </Text>{' '}
      ·{' '}
      <Text span c={overdue ? 'red.7' : undefined} fw={overdue ? 600 : undefined}>
        {overdue ? t('commitment.overdue', { date }) : t('commitment.dueBy', { date })}
      </Text>
      {commitment.owner ? ` · ${t('commitment.with', { name: commitment.owner.name })}` : ''} ·{' '}
      {t(`commitment.waitingOn_${commitment.waitingOn}`)}
    </Text>
  );
}
