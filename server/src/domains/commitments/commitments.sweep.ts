// The commitments sweep, run every minute by the jobs platform: warns the owner before a
// commitment is due, marks a missed one (timeline, next rung of the ladder alerted, owner
// asked for the reason) and, when the owner has not given the reason within the grace
// period, tells the customer itself with a new honest date. It also brings the SLA clocks
// of changed cases up to date.
//
// Two guards keep every notice single: a tick key (one row per minute in `sweep_ticks`,
// so two processes never run the same tick) and a conditional state transition per
// commitment (`warned_at IS NULL`, `state = 'current'`, `followed_up_at IS NULL`, rows
// taken with FOR UPDATE SKIP LOCKED), so even overlapping ticks never act twice on one.
import { type AppContext, transaction, type Unit } from '../../context.ts';
import type { Tx } from '../../platform/db.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import { enqueue } from '../../platform/jobs.ts';
import type { Language } from '../../platform/templates.ts';
import { asLanguage } from '../cases/cases.language.ts';
import { type CaseRow, casesRepository } from '../cases/cases.repository.ts';
import { announce, CLOSED_STATUSES } from '../cases/cases.service.ts';
import { commitmentWrites } from './commitments.repository.ts';
import { honestProposal } from './commitments.service.ts';
import { postCustomerMessage } from './customer-messages.ts';
import { describeBasis } from './honest-dates.ts';
import { refreshSlaClocks, type SweepSettings, sweepSettings } from './sla.service.ts';
import { stepText } from './standard-steps.ts';

export const SWEEP_QUEUE = 'commitments.sweep';
/** Commitments handled per step and tick; a backlog is worked off over the following ticks. */
export const SWEEP_BATCH = 200;
/** SLA clocks recomputed per batch, and at most this many batches per tick (a backlog after a settings change). */
const SLA_BATCH = 1000;
const SLA_BATCHES_PER_TICK = 10;

/** Said to the customer when the owner gave no reason within the grace period. */
export const GENERIC_DELAY_REASON: Record<Language, string> = {
  en: 'Your request is taking longer than we expected.',
  ru: 'Работа над вашим обращением занимает больше времени, чем мы рассчитывали.',
  pl: 'Rozpatrzenie Pana/Pani zgłoszenia trwa dłużej, niż zakładaliśmy.',
  ro: 'Soluționarea solicitării dumneavoastră durează mai mult decât estimam.',
};

interface CommitmentRow {
  id: string;
  case_id: string;
  kind: string;
  next_step: string | null;
  due_at: Date;
  owner_id: string | null;
  team_id: string | null;
  waiting_on: string;
  /** Whom to tell: the commitment's owner, else the case owner, else the first rung's person. */
  recipient_id: string | null;
}

/** Commitments due within the lead and not yet warned about: taken and marked in one statement. */
export const DUE_SOON_SQL = `
  WITH due AS (
    SELECT id FROM commitments
    WHERE state = 'current' AND warned_at IS NULL AND due_at > now() AND due_at <= now() + make_interval(mins => $1)
    ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED)
  UPDATE commitments k SET warned_at = now()
  FROM due JOIN commitments d ON d.id = due.id JOIN cases c ON c.id = d.case_id
  WHERE k.id = due.id AND k.state = 'current' AND k.warned_at IS NULL
  RETURNING k.id, k.case_id, k.kind, k.next_step, k.due_at, k.owner_id, k.team_id, k.waiting_on,
    COALESCE(k.owner_id, c.owner_id, (SELECT user_id FROM escalation_rungs ORDER BY position LIMIT 1)) AS recipient_id`;

/** Current commitments past their due time: marked missed (closed) in one statement. */
export const MISSED_SQL = `
  WITH due AS (
    SELECT id FROM commitments WHERE state = 'current' AND due_at <= now()
    ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
  UPDATE commitments k SET state = 'missed', closed_at = now()
  FROM due JOIN commitments d ON d.id = due.id JOIN cases c ON c.id = d.case_id
  WHERE k.id = due.id AND k.state = 'current'
  RETURNING k.id, k.case_id, k.kind, k.next_step, k.due_at, k.owner_id, k.team_id, k.waiting_on,
    COALESCE(k.owner_id, c.owner_id, (SELECT user_id FROM escalation_rungs ORDER BY position LIMIT 1)) AS recipient_id`;

/** Missed commitments whose grace period for the owner's reason is over: taken for their follow-up. */
export const FOLLOW_UP_SQL = `
  UPDATE commitments k SET followed_up_at = now()
  WHERE k.id IN (
    SELECT id FROM commitments
    WHERE state = 'missed' AND followed_up_at IS NULL AND closed_at <= now() - make_interval(mins => $1)
    ORDER BY closed_at LIMIT $2 FOR UPDATE SKIP LOCKED)
    AND k.followed_up_at IS NULL
  RETURNING k.id, k.case_id, k.kind, k.next_step, k.due_at, k.owner_id, k.team_id, k.waiting_on, k.owner_id AS recipient_id`;

export interface SweepReport {
  warned: number;
  missed: number;
  followedUp: number;
  customerNotices: number;
  slaClocks: number;
}

/**
 * Claims the tick of `at` (its minute) for this process: true for exactly one caller per
 * minute, whichever process asks first. Old tick rows are pruned on the way.
 */
export async function claimTick(tx: Tx, at: Date): Promise<boolean> {
  await tx.executeSql(`DELETE FROM sweep_ticks WHERE sweep = 'commitments' AND tick < now() - interval '1 day'`, []);
  const { rows } = await tx.executeSql(
    `INSERT INTO sweep_ticks (sweep, tick) VALUES ('commitments', date_trunc('minute', $1::timestamptz))
     ON CONFLICT DO NOTHING RETURNING tick`,
    [at],
  );
  return rows.length > 0;
}

/** Runs the tick of `at` unless another process already did; null when it was taken. */
export async function sweepTick(ctx: AppContext, at: Date = new Date()): Promise<SweepReport | null> {
  const claimed = await ctx.database.transaction((tx) => claimTick(tx, at));
  return claimed ? sweepCommitments(ctx) : null;
}

/** One pass of every step. Safe to run concurrently with another pass: each commitment is acted on once. */
export async function sweepCommitments(ctx: AppContext): Promise<SweepReport> {
  const settings = await sweepSettings(ctx.database);
  const warned = await warnDueSoon(ctx, settings);
  const missed = await markMissed(ctx);
  const { followedUp, customerNotices } = await followUpMissed(ctx, settings);
  let slaClocks = 0;
  for (let batch = 0; batch < SLA_BATCHES_PER_TICK; batch++) {
    const refreshed = await refreshSlaClocks(ctx, SLA_BATCH);
    slaClocks += refreshed;
    if (refreshed < SLA_BATCH) break;
  }
  return { warned, missed, followedUp, customerNotices, slaClocks };
}

async function warnDueSoon(ctx: AppContext, settings: SweepSettings): Promise<number> {
  return transaction(ctx, async (unit) => {
    const { rows } = await unit.executeSql(DUE_SOON_SQL, [settings.dueSoonMinutes, SWEEP_BATCH]);
    for (const row of rows as unknown as CommitmentRow[]) {
      await recordEvent(unit, row.case_id, 'commitment.due-soon', { kind: row.kind, dueAt: iso(row.due_at) });
      if (row.recipient_id) await notify(unit, row.recipient_id, row.case_id, 'commitment-due-soon');
    }
    return rows.length;
  });
}

async function markMissed(ctx: AppContext): Promise<number> {
  return transaction(ctx, async (unit) => {
    const { rows } = await unit.executeSql(MISSED_SQL, [SWEEP_BATCH]);
    for (const row of rows as unknown as CommitmentRow[]) {
      const next = await nextRung(unit, row.case_id);
      await recordEvent(unit, row.case_id, 'commitment.missed', {
        kind: row.kind,
        dueAt: iso(row.due_at),
        escalatedTo: next ? { position: next.position, title: next.title, userId: next.user_id } : null,
      });
      if (next?.user_id) await notify(unit, next.user_id, row.case_id, 'commitment-missed');
      if (row.recipient_id) await notify(unit, row.recipient_id, row.case_id, 'delay-reason-needed');
    }
    return rows.length;
  });
}

async function followUpMissed(
  ctx: AppContext,
  settings: SweepSettings,
): Promise<{ followedUp: number; customerNotices: number }> {
  return transaction(ctx, async (unit) => {
    const { rows } = await unit.executeSql(FOLLOW_UP_SQL, [settings.reasonGraceMinutes, SWEEP_BATCH]);
    let customerNotices = 0;
    for (const missed of rows as unknown as CommitmentRow[]) {
      const current = await casesRepository.byId(unit, missed.case_id);
      // The owner set a new commitment with the reason (that path told the customer), or the case is over.
      if (!current || current.commitment_id || CLOSED_STATUSES.includes(current.status)) continue;
      if (await redateMissed(ctx, unit, current, missed)) customerNotices += 1;
    }
    return { followedUp: rows.length, customerNotices };
  });
}

/**
 * Sets the new commitment after a miss nobody explained (same step, a new honest date, the
 * generic reason) and, unless we wait on the customer, tells them. True when told.
 */
async function redateMissed(ctx: AppContext, unit: Unit, current: CaseRow, missed: CommitmentRow): Promise<boolean> {
  const language = asLanguage(current.language, 'en');
  const { calendar, proposal } = await honestProposal(unit, current, missed.kind, new Date());
  const reason = GENERIC_DELAY_REASON[language];
  const basisText = describeBasis(proposal.basis, calendar, language);
  await commitmentWrites.insert(unit, {
    caseId: current.id,
    kind: missed.kind,
    nextStep: missed.next_step,
    dueAt: proposal.dueAt,
    ownerId: missed.owner_id,
    teamId: current.team_id,
    waitingOn: missed.waiting_on,
    basis: { ...proposal.basis, text: basisText, language, after: { missed: missed.id, dueAt: iso(missed.due_at) } },
    reason,
    createdBy: null,
  });
  const updated = await commitmentWrites.applyToCase(unit, current.id, current.version, proposal.dueAt, current.status);
  // The case changed under us: the whole batch is rolled back and taken again by the next tick.
  if (!updated) throw new Error(`case ${current.id} changed during the sweep`);
  await recordEvent(unit, current.id, 'commitment.set', {
    version: updated.version,
    kind: missed.kind,
    nextStep: missed.next_step,
    dueAt: iso(proposal.dueAt),
    waitingOn: missed.waiting_on,
    ownerId: missed.owner_id,
    reason,
    basis: basisText,
    automatic: true,
  });
  const told = missed.waiting_on !== 'customer';
  if (told) {
    const nextStep = stepText(missed.kind, missed.next_step || null, language);
    await sendMissedCommitmentNotice(ctx, unit, current, { nextStep, reason, dueAt: proposal.dueAt, basis: basisText });
  }
  announce(ctx, unit, current);
  return told;
}

/**
 * The customer notice after a miss: one customer message from the `commitment.missed`
 * template in the case language — the reason and the new honest date — with the footer.
 */
export async function sendMissedCommitmentNotice(
  ctx: AppContext,
  tx: Tx,
  current: CaseRow,
  notice: { nextStep: string; reason: string; dueAt: Date; basis: string },
): Promise<string> {
  const message = await postCustomerMessage(ctx, tx, current.id, {
    template: 'commitment.missed',
    variables: { nextStep: notice.nextStep, reason: notice.reason, dueAt: notice.dueAt, basis: notice.basis },
    authorUserId: null,
    automatic: 'auto-generated',
  });
  await recordEvent(tx, current.id, 'commitment.customer-notified', {
    messageId: message.id,
    dueAt: iso(notice.dueAt),
  });
  return message.id;
}

/** The rung above the one handling the case (`cases.escalation_level`). */
async function nextRung(tx: Tx, caseId: string) {
  const { rows } = await tx.executeSql(
    `SELECT r.position, r.title, r.user_id FROM escalation_rungs r
     WHERE r.position > (SELECT escalation_level FROM cases WHERE id = $1)
     ORDER BY r.position LIMIT 1`,
    [caseId],
  );
  return rows[0] as { position: number; title: string; user_id: string | null } | undefined;
}

const iso = (value: Date | string) => new Date(value).toISOString();

const recordEvent = (tx: Tx, caseId: string, type: string, data: Record<string, unknown>) =>
  casesRepository.insertEvent(tx, {
    caseId,
    actorType: 'system',
    actorUserId: null,
    type,
    data: { ...data, actorName: 'Heard' },
  });

const notify = (tx: Tx, userId: string, caseId: string, kind: string) =>
  enqueue(tx, 'notify.user', { userId, caseId, kind });

export function sweepJobs(ctx: AppContext): JobDefinition<never>[] {
  return [
    {
      queue: SWEEP_QUEUE,
      cron: '* * * * *',
      retryLimit: 0,
      async handle() {
        const report = await sweepTick(ctx);
        if (report && Object.values(report).some((count) => count > 0))
          ctx.log.info({ sweep: report }, 'commitments sweep');
      },
    },
  ];
}
