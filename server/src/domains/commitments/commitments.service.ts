// Commitments: what happens next, by when, with whom. The honest-date proposal for a case's
// next step (drawn from how long similar steps really took) and setting the commitment.
import { type AppContext, transaction } from '../../context.ts';
import { AppError, invalid } from '../../errors.ts';
import type { Tx } from '../../platform/db.ts';
import type { Principal } from '../../platform/principal.ts';
import { asLanguage } from '../cases/cases.language.ts';
import { presentCase } from '../cases/cases.presenter.ts';
import { type CaseRow, casesRepository } from '../cases/cases.repository.ts';
import { announce, CLOSED_STATUSES, caseChanged, loadVisibleCase } from '../cases/cases.service.ts';
import { caseReferenceData } from '../cases/reference-data.ts';
import { settingsRepository } from '../settings/settings.repository.ts';
import { businessMinutesBetween } from './business-time.ts';
import {
  commitmentReports,
  commitmentWrites,
  type KeptReportRow,
  commitmentsRepository as repo,
} from './commitments.repository.ts';
import { postCustomerMessage } from './customer-messages.ts';
import { DEFAULT_HONEST_DATE_POLICY, describeBasis, proposeDueDate } from './honest-dates.ts';
import { teamCalendar } from './sla.calendars.ts';

export const STEP_KINDS = ['first-reply', 'next-step'] as const;
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
 * The honest due date for a case's step from `from`, in the case team's calendar: how long the
 * same kind of step really took on similar cases (category, channel, priority) — a high
 * percentile plus a margin, in business time — or the policy default when there are too few.
 */
export async function honestProposal(
  tx: Tx,
  current: Pick<CaseRow, 'id' | 'category' | 'channel' | 'priority' | 'team_id'>,
  kind: string,
  from: Date,
) {
  const calendar = await teamCalendar(tx, current.team_id);
  const similar = {
    category: current.category,
    channel: current.channel,
    priority: current.priority,
    excludeCaseId: current.id,
  };
  const samples =
    kind === 'first-reply'
      ? await repo.firstReplySamples(tx, similar, HISTORY_WINDOW_DAYS, HISTORY_LIMIT)
      : await repo.stepSamples(tx, kind, similar, HISTORY_WINDOW_DAYS, HISTORY_LIMIT);
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

/** The case status follows whom the commitment waits on: one source of truth. */
export const statusForWaitingOn = (waitingOn: CommitmentInput['waitingOn']): string => STATUS_FOR[waitingOn];

/** The desk's rule for public replies that leave the customer without a current commitment. */
export interface SendPolicy {
  missingCommitment: 'block' | 'warn';
}
const DEFAULT_SEND_POLICY: SendPolicy = { missingCommitment: 'block' };

export const sendPolicy = async (tx: Tx): Promise<SendPolicy> =>
  (await settingsRepository.get<SendPolicy>(tx, 'send-policy')) ?? DEFAULT_SEND_POLICY;

export async function updateSendPolicy(ctx: AppContext, policy: SendPolicy): Promise<SendPolicy> {
  await transaction(ctx, async (tx) => {
    await settingsRepository.put(tx, 'send-policy', policy);
  });
  return policy;
}

/** A commitment request checked and dated: the honest proposal when no date was given. */
export interface ResolvedCommitment {
  input: CommitmentInput;
  dueAt: Date;
  basis: Record<string, unknown>;
  /** Why the agent promised earlier than the proposal, when they did. */
  earlierReason: string | null;
}

/** Checks a commitment request (owner, date in the future, a reason for an earlier date) and dates it. */
export async function resolveCommitment(
  tx: Tx,
  row: CaseRow,
  input: CommitmentInput,
  isActiveStaff: (id: string) => Promise<boolean>,
  field = 'body',
  now = new Date(),
): Promise<ResolvedCommitment> {
  if (input.ownerId && !(await isActiveStaff(input.ownerId)))
    throw invalid(`${field}/ownerId`, 'no such active colleague');
  const { proposal } = await honestProposal(tx, row, 'next-step', now);
  const dueAt = input.dueAt ? new Date(input.dueAt) : proposal.dueAt;
  if (dueAt.getTime() <= now.getTime()) throw invalid(`${field}/dueAt`, 'must be in the future');
  const earlier = dueAt.getTime() < proposal.dueAt.getTime();
  if (earlier && !input.reason?.trim()) {
    throw new AppError(
      'unprocessable',
      `a date earlier than the honest proposal (${proposal.dueAt.toISOString()}) needs a reason`,
      { proposal: { dueAt: proposal.dueAt.toISOString(), basis: proposal.basis } },
    );
  }
  const basis = input.dueAt
    ? { kind: 'agent', proposal: { dueAt: proposal.dueAt.toISOString(), ...proposal.basis } }
    : { ...proposal.basis };
  return { input, dueAt, basis, earlierReason: earlier ? input.reason!.trim() : null };
}

/** What a public reply does with the case's commitment. */
export type ReplyCommitment =
  | { action: 'set'; commitment: ResolvedCommitment }
  | { action: 'keep' }
  | { action: 'fulfil' }
  | { action: 'missing' };

/**
 * The send rule: a public reply on a case that stays open must leave the customer with a
 * current, future-dated commitment — a new one, or `keep` of a current one that is still
 * ahead and is not the first reply this message fulfils — unless it resolves the case.
 * Otherwise 422 `commitment-required`, or, when the supervisor chose `warn`, the reply goes
 * and the case's timeline says it went without one.
 */
export async function decideReplyCommitment(
  tx: Tx,
  current: CaseRow,
  nextStatus: string,
  requested: CommitmentInput | 'keep' | undefined,
  isActiveStaff: (id: string) => Promise<boolean>,
  now = new Date(),
): Promise<ReplyCommitment> {
  if (CLOSED_STATUSES.includes(nextStatus)) {
    if (requested !== undefined)
      throw invalid('body/commitment', 'a reply that resolves or closes the case sets no next step');
    return { action: 'fulfil' };
  }
  if (requested !== undefined && requested !== 'keep') {
    return {
      action: 'set',
      commitment: await resolveCommitment(tx, current, requested, isActiveStaff, 'body/commitment', now),
    };
  }
  let problem: string;
  if (requested === 'keep') {
    const due = current.commitment_due_at ? new Date(current.commitment_due_at) : null;
    if (!due) problem = 'there is no current commitment to keep';
    else if (current.commitment_kind === 'first-reply')
      problem = 'this reply fulfils the first-reply commitment; say what happens next';
    else if (due.getTime() <= now.getTime()) problem = 'the current commitment is already due; set a new date';
    else return { action: 'keep' };
  } else {
    problem = 'say what happens next, by when and with whom (commitment), or resolve the case';
  }
  if ((await sendPolicy(tx)).missingCommitment === 'warn') return { action: 'missing' };
  throw new AppError('commitment-required', problem);
}

/**
 * Supersedes the case's current commitment with a new one, inside the caller's transaction;
 * the case status follows whom we wait on. Records the event.
 */
export async function applyCommitment(
  unit: Tx,
  principal: Principal,
  current: CaseRow,
  commitment: ResolvedCommitment,
): Promise<{ version: number; status: string }> {
  const { input, dueAt } = commitment;
  const ownerId = input.ownerId === undefined ? current.owner_id : input.ownerId;
  await commitmentWrites.supersede(unit, current.id);
  await commitmentWrites.insert(unit, {
    caseId: current.id,
    kind: 'next-step',
    nextStep: input.nextStep.trim(),
    dueAt,
    ownerId,
    teamId: current.team_id,
    waitingOn: input.waitingOn,
    basis: commitment.basis,
    reason: commitment.earlierReason,
    createdBy: principal.kind === 'user' ? principal.id : null,
  });
  const status = statusForWaitingOn(input.waitingOn);
  const updated = await commitmentWrites.applyToCase(unit, current.id, current.version, dueAt, status);
  if (!updated) throw await caseChanged(unit, current.id, current.version);
  await casesRepository.insertEvent(unit, {
    caseId: current.id,
    actorType: principal.kind,
    actorUserId: principal.kind === 'user' ? principal.id : null,
    type: 'commitment.set',
    data: {
      version: updated.version,
      nextStep: input.nextStep.trim(),
      dueAt: dueAt.toISOString(),
      waitingOn: input.waitingOn,
      ownerId,
      ...(input.reason?.trim() ? { reason: input.reason.trim() } : {}),
      ...(current.status !== status ? { status: { from: current.status, to: status } } : {}),
      actorName: principal.name,
    },
  });
  return { version: updated.version, status };
}

/**
 * Sets the case's current commitment and tells the customer of the new plan in one message
 * (with the reason, when given).
 */
export async function setCommitment(
  ctx: AppContext,
  principal: Principal,
  caseId: string,
  input: CommitmentInput & { notifyCustomer?: boolean },
) {
  const reference = await caseReferenceData(ctx);
  return transaction(ctx, async (unit) => {
    const current = await loadVisibleCase(unit, principal, caseId, 'update');
    if (CLOSED_STATUSES.includes(current.status)) {
      throw new AppError('unprocessable', 'a resolved or closed case has no next step; reopen it first');
    }
    await applyCommitment(
      unit,
      principal,
      current,
      await resolveCommitment(unit, current, input, reference.isActiveStaff),
    );
    if (input.notifyCustomer !== false) {
      await postCustomerMessage(ctx, unit, caseId, {
        template: 'commitment.changed',
        variables: { reason: input.reason?.trim() ?? '' },
        authorUserId: principal.kind === 'user' ? principal.id : null,
      });
    }
    const after = (await casesRepository.byId(unit, caseId))!;
    announce(ctx, unit, after);
    return presentCase(after);
  });
}

const presentFigures = (row: KeptReportRow | undefined) => {
  const kept = row?.kept ?? 0;
  const missed = row?.missed ?? 0;
  return {
    kept,
    missed,
    superseded: row?.superseded ?? 0,
    keptShare: kept + missed > 0 ? kept / (kept + missed) : null,
    medianEarlyMinutes: row?.median_early_minutes ?? null,
  };
};

/** The kept/early report: share of commitments kept, and how early they were met. */
export async function keptReport(ctx: AppContext, from: Date, to: Date) {
  if (!(from.getTime() < to.getTime())) throw invalid('querystring/to', 'must be after from');
  const rows = await commitmentReports.keptAndEarly(ctx.database, from, to);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    total: presentFigures(rows.find((row) => row.kind === null)),
    byKind: rows.filter((row) => row.kind !== null).map((row) => ({ kind: row.kind!, ...presentFigures(row) })),
  };
}
