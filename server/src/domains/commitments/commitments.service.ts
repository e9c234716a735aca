// Commitments: what happens next, by when, with whom. So far: the honest-date proposal for
// a case's next step, drawn from how long similar steps really took.
import type { AppContext } from '../../context.ts';
import type { Principal } from '../../platform/principal.ts';
import { asLanguage } from '../cases/cases.language.ts';
import { loadVisibleCase } from '../cases/cases.service.ts';
import { businessMinutesBetween, DEFAULT_CALENDAR } from './business-time.ts';
import { commitmentsRepository as repo } from './commitments.repository.ts';
import { DEFAULT_HONEST_DATE_POLICY, describeBasis, proposeDueDate } from './honest-dates.ts';

export const STEP_KINDS = ['first-reply'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** How far back similar steps count, and how many of the newest are used. */
const HISTORY_WINDOW_DAYS = 90;
const HISTORY_LIMIT = 500;

export async function proposeCommitment(ctx: AppContext, principal: Principal, caseId: string, kind: StepKind) {
  const current = await loadVisibleCase(ctx.database, principal, caseId, 'reply');
  const calendar = DEFAULT_CALENDAR;
  const samples = await repo.firstReplySamples(
    ctx.database,
    { category: current.category, channel: current.channel, priority: current.priority, excludeCaseId: current.id },
    HISTORY_WINDOW_DAYS,
    HISTORY_LIMIT,
  );
  const durations = samples.map((sample) => businessMinutesBetween(calendar, sample.started_at, sample.finished_at));
  const from = kind === 'first-reply' ? current.created_at : new Date();
  const proposal = proposeDueDate(calendar, from, durations, DEFAULT_HONEST_DATE_POLICY);
  const language = asLanguage(current.language, 'en');
  return {
    kind,
    dueAt: proposal.dueAt.toISOString(),
    basis: { ...proposal.basis, text: describeBasis(proposal.basis, calendar, language), language },
  };
}
