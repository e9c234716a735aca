// Commitments: what happens next, by when, with whom. The honest-date proposal for a case's
// next step (drawn from how long similar steps really took) and setting the commitment.
import { type AppContext, transaction } from '../../context.ts';
import { AppError, invalid } from '../../errors.ts';
import type { Tx } from '../../platform/db.ts';
import type { Principal } from '../../platform/principal.ts';
import { asLanguage } from '../cases/cases.language.ts';
import { presentCase } from '../cases/cases.presenter.ts';
import { type CaseRow, casesRepository } from '../cases/cases.repository.ts';
import { announce, CLOSED_STATUSES, loadVisibleCase } from '../cases/cases.service.ts';
import { caseReferenceData } from '../cases/reference-data.ts';
import { businessMinutesBetween } from './business-time.ts';
import { commitmentWrites, commitmentsRepository as repo } from './commitments.repository.ts';
import { DEFAULT_HONEST_DATE_POLICY, describeBasis, proposeDueDate } from './honest-dates.ts';
import { teamCalendar } from './sla.calendars.ts';

export const STEP_KINDS = ['first-reply'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/**
 * How far back similar steps count, and how many of the newest are used: 200 place the 85th
 * percentile well enough and keep the proposal within its 20 ms budget on a million cases
 * (bench/scenarios/commitments.ts).
 */
const HISTORY_WINDOW_DAYS = 90;
const HISTORY_LIMIT = 200;

export async function proposeCommitment(ctx: AppContext, principal: Principal, caseId: string, kind: StepKind) {
  const current = await loadVisibleCase(ctx.database, principal, caseId, 'reply');
  const from = kind === 'first-reply' ? current.created_at : new Date();
  const { calendar, proposal } = await honestProposal(ctx.database, current, kind, from);
  const language = asLanguage(current.language, 'en');
  return {
    kind,
    dueAt: proposal.dueAt.toISOString(),
    basis: { ...proposal.basis, text: describeBasis(proposal.basis, calendar, language), language },
  };
}

/**
 * The honest due date for a case's step from `from`, in the case team's calendar: drawn from
 * how long similar first replies took (other steps: the policy default, as yet).
 */
export async function honestProposal(
  tx: Tx,
  current: Pick<CaseRow, 'id' | 'category' | 'channel' | 'priority' | 'team_id'>,
  kind: string,
  from: Date,
) {
  const calendar = await teamCalendar(tx, current.team_id);
  const samples =
    kind === 'first-reply'
      ? await repo.firstReplySamples(
          tx,
          {
            category: current.category,
            channel: current.channel,
            priority: current.priority,
            excludeCaseId: current.id,
          },
          HISTORY_WINDOW_DAYS,
          HISTORY_LIMIT,
        )
      : [];
  const durations = samples.map((sample) => businessMinutesBetween(calendar, sample.started_at, sample.finished_at));
  return { calendar, proposal: proposeDueDate(calendar, from, durations, DEFAULT_HONEST_DATE_POLICY) };
}

export interface CommitmentInput {
  nextStep: string;
  dueAt?: string;
  ownerId?: string | null;
  waitingOn: 'us' | 'customer' | 'third-party';
  reason?: string;
}

const STATUS_FOR: Record<CommitmentInput['waitingOn'], string> = {
  us: 'open',
  customer: 'waiting-customer',
  'third-party': 'waiting-third-party',
};

/**
 * Sets the case's current commitment (the previous one is superseded): what happens next,
 * by when (the honest proposal when no date is given; an earlier date needs a reason), with
 * whom, and whom we wait on — which the case status follows.
 */
export async function setCommitment(ctx: AppContext, principal: Principal, caseId: string, input: CommitmentInput) {
  const reference = await caseReferenceData(ctx);
  if (input.ownerId && !(await reference.isActiveStaff(input.ownerId)))
    throw invalid('body/ownerId', 'no such active colleague');
  return transaction(ctx, async (unit) => {
    const current = await loadVisibleCase(unit, principal, caseId, 'update');
    if (CLOSED_STATUSES.includes(current.status)) {
      throw new AppError('unprocessable', 'a resolved or closed case has no next step; reopen it first');
    }
    const now = new Date();
    const proposal = proposeDueDate(await teamCalendar(unit, current.team_id), now, [], DEFAULT_HONEST_DATE_POLICY);
    const dueAt = input.dueAt ? new Date(input.dueAt) : proposal.dueAt;
    if (dueAt.getTime() <= now.getTime()) throw invalid('body/dueAt', 'must be in the future');
    const earlier = dueAt.getTime() < proposal.dueAt.getTime();
    if (earlier && !input.reason?.trim()) {
      throw new AppError(
        'unprocessable',
        `a date earlier than the honest proposal (${proposal.dueAt.toISOString()}) needs a reason`,
        {
          proposal: { dueAt: proposal.dueAt.toISOString(), basis: proposal.basis },
        },
      );
    }
    const ownerId = input.ownerId === undefined ? current.owner_id : input.ownerId;
    const basis = input.dueAt
      ? { kind: 'agent', proposal: { dueAt: proposal.dueAt.toISOString(), ...proposal.basis } }
      : { ...proposal.basis };
    await commitmentWrites.supersede(unit, caseId);
    await commitmentWrites.insert(unit, {
      caseId,
      kind: 'next-step',
      nextStep: input.nextStep.trim(),
      dueAt,
      ownerId,
      teamId: current.team_id,
      waitingOn: input.waitingOn,
      basis,
      reason: earlier ? input.reason!.trim() : null,
      createdBy: principal.kind === 'user' ? principal.id : null,
    });
    const status = STATUS_FOR[input.waitingOn];
    const updated = await commitmentWrites.applyToCase(unit, caseId, current.version, dueAt, status);
    if (!updated) throw new AppError('case-changed', 'the case changed meanwhile; reload it');
    await casesRepository.insertEvent(unit, {
      caseId,
      actorType: principal.kind,
      actorUserId: principal.kind === 'user' ? principal.id : null,
      type: 'commitment.set',
      data: {
        version: updated.version,
        nextStep: input.nextStep.trim(),
        dueAt: dueAt.toISOString(),
        waitingOn: input.waitingOn,
        ownerId,
        ...(earlier ? { reason: input.reason!.trim() } : {}),
        ...(current.status !== status ? { status: { from: current.status, to: status } } : {}),
        actorName: principal.name,
      },
    });
    const after = (await casesRepository.byId(unit, caseId))!;
    announce(ctx, unit, after);
    return presentCase(after);
  });
}
