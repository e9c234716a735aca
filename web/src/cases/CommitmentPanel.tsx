import { Paper, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type CommitmentRequest, casesApi } from '../api/cases.ts';
import { settingsApi } from '../api/settings.ts';
import type { Case, WaitingOn } from '../api/types.ts';
import { useFormat } from '../common/format.ts';

/** What the reply leaves the customer with: a new next step, the current one kept, the case resolved, or (when the desk only warns) nothing. */
export type PlanMode = 'set' | 'keep' | 'resolve' | 'none';

export interface Plan {
  mode: PlanMode;
  nextStep: string;
  /** `YYYY-MM-DDTHH:mm` in local time; empty = the honest proposal. */
  due: string;
  waitingOn: WaitingOn;
  reason: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const toLocalInput = (iso: string) => {
  const date = new Date(iso);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

/** The current commitment can be kept when it is a step of our own that is still ahead. */
export const canKeep = (item: Case) =>
  !!item.commitment && item.commitment.kind !== 'first-reply' && Date.parse(item.commitment.dueAt) > Date.now();

export function initialPlan(item: Case): Plan {
  const current = item.commitment && item.commitment.kind !== 'first-reply' ? item.commitment : null;
  return {
    mode: canKeep(item) ? 'keep' : 'set',
    nextStep: current?.nextStep ?? '',
    due: '',
    waitingOn: current?.waitingOn ?? 'us',
    reason: '',
  };
}

export function useProposal(item: Case, enabled: boolean) {
  return useQuery({
    queryKey: ['case', item.id, 'proposal'],
    queryFn: () => casesApi.proposal(item.id, 'next-step'),
    enabled,
    staleTime: 60_000,
  });
}

/** Earlier than the honest proposal: the agent must say why. */
export const isEarlier = (plan: Plan, proposalDueAt: string | undefined) =>
  plan.due !== '' && proposalDueAt !== undefined && new Date(plan.due).getTime() < Date.parse(proposalDueAt);

/** The reply's `status`/`commitment` fields for the plan; null when the plan is not complete. */
export function planRequest(
  plan: Plan,
  proposalDueAt: string | undefined,
): { status?: string; commitment?: CommitmentRequest | 'keep' } | null {
  switch (plan.mode) {
    case 'resolve':
      return { status: 'resolved' };
    case 'keep':
      return { commitment: 'keep' };
    case 'none':
      return {};
    case 'set': {
      if (!plan.nextStep.trim()) return null;
      const earlier = isEarlier(plan, proposalDueAt);
      if (earlier && !plan.reason.trim()) return null;
      return {
        commitment: {
          nextStep: plan.nextStep.trim(),
          waitingOn: plan.waitingOn,
          ...(plan.due ? { dueAt: new Date(plan.due).toISOString() } : {}),
          ...(earlier ? { reason: plan.reason.trim() } : {}),
        },
      };
    }
  }
}

/** The commitment panel beside the reply: what happens next, by when, whom we wait on. */
export function CommitmentPanel({ item, plan, onChange }: { item: Case; plan: Plan; onChange: (plan: Plan) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const proposal = useProposal(item, plan.mode === 'set');
  const policy = useQuery({ queryKey: ['send-policy'], queryFn: settingsApi.sendPolicy, staleTime: 60_000 });
  const set = (patch: Partial<Plan>) => onChange({ ...plan, ...patch });
  const modes = [
    { value: 'set', label: t('commitment.panel.set') },
    ...(canKeep(item) ? [{ value: 'keep', label: t('commitment.panel.keep') }] : []),
    { value: 'resolve', label: t('commitment.panel.resolve') },
    ...(policy.data?.missingCommitment === 'warn' ? [{ value: 'none', label: t('commitment.panel.none') }] : []),
  ];
  const earlier = isEarlier(plan, proposal.data?.dueAt);

  return (
    <Paper withBorder p="xs" radius="sm" bg="gray.0" data-testid="commitment-panel">
      <Stack gap={6}>
        <Text size="xs" fw={600}>
          {t('commitment.panel.title')}
        </Text>
        <SegmentedControl
          size="xs"
          fullWidth
          value={plan.mode}
          onChange={(mode) => set({ mode: mode as PlanMode })}
          data={modes}
        />
        {plan.mode === 'keep' && item.commitment ? (
          <Text size="xs" c="dimmed">
            {t('commitment.panel.keeping', {
              step: item.commitment.nextStep,
              date: format.dateTime(item.commitment.dueAt),
            })}
          </Text>
        ) : null}
        {plan.mode === 'none' ? (
          <Text size="xs" c="orange.8">
            {t('commitment.panel.noneWarning')}
          </Text>
        ) : null}
        {plan.mode === 'set' ? (
          <>
            <Textarea
              size="xs"
              label={t('commitment.panel.nextStep')}
              placeholder={t('commitment.panel.nextStepPlaceholder')}
              autosize
              minRows={2}
              required
              value={plan.nextStep}
              onChange={(event) => set({ nextStep: event.currentTarget.value })}
            />
            <Select
              size="xs"
              label={t('commitment.panel.waitingOn')}
              allowDeselect={false}
              data={(['us', 'customer', 'third-party'] as const).map((value) => ({
                value,
                label: t(`commitment.waitingOn_${value}`),
              }))}
              value={plan.waitingOn}
              onChange={(value) => value && set({ waitingOn: value as WaitingOn })}
            />
            <TextInput
              size="xs"
              type="datetime-local"
              label={t('commitment.panel.dueAt')}
              value={plan.due || (proposal.data ? toLocalInput(proposal.data.dueAt) : '')}
              onChange={(event) => set({ due: event.currentTarget.value })}
            />
            {proposal.data ? (
              <Text size="xs" c="dimmed" data-testid="commitment-basis">
                {proposal.data.basis.text}
              </Text>
            ) : null}
            {earlier ? (
              <TextInput
                size="xs"
                required
                label={t('commitment.panel.earlierReason')}
                value={plan.reason}
                onChange={(event) => set({ reason: event.currentTarget.value })}
              />
            ) : null}
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
