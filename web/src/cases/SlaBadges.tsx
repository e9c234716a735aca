import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseSla, SlaState } from '../api/sla.ts';
import { useFormat } from '../common/format.ts';

const SLA_COLORS: Record<SlaState, string> = { ok: 'gray', warning: 'yellow', breached: 'red', met: 'green' };

/** The SLA target that needs attention first: a breached one, else one at risk; nothing when all are fine. */
export function SlaBadge({ sla }: { sla: CaseSla }) {
  const { t } = useTranslation();
  const format = useFormat();
  const targets = [
    ['firstResponse', sla.firstResponse],
    ['resolution', sla.resolution],
  ] as const;
  const shown =
    targets.find(([, target]) => target.state === 'breached') ??
    targets.find(([, target]) => target.state === 'warning');
  if (!shown) return null;
  const [name, target] = shown;
  return (
    <Badge
      color={SLA_COLORS[target.state]}
      variant="light"
      data-testid="case-row-sla"
      title={t('sla.dueAt', { date: format.dateTime(target.dueAt) })}
    >
      {t(`sla.badge.${target.state}`, { target: t(`sla.target.${name}`) })}
      {sla.paused ? ` · ${t('sla.paused')}` : ''}
    </Badge>
  );
}

/** Both SLA targets of the case, each with its state and due time (the case view). */
export function SlaLine({ sla }: { sla: CaseSla }) {
  const { t } = useTranslation();
  const format = useFormat();
  const targets = [
    ['firstResponse', sla.firstResponse],
    ['resolution', sla.resolution],
  ] as const;
  return (
    <Group gap={6} data-testid="case-sla">
      {targets.map(([name, target]) => (
        <Badge key={name} color={SLA_COLORS[target.state]} variant="light" size="sm">
          {t(`sla.badge.${target.state}`, { target: t(`sla.target.${name}`) })} ·{' '}
          {t('sla.dueAt', { date: format.dateTime(target.dueAt) })}
        </Badge>
      ))}
      {sla.paused ? (
        <Badge color="gray" variant="outline" size="sm">
          {t('sla.paused')}
        </Badge>
      ) : null}
    </Group>
  );
}
