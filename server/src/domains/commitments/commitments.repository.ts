import type { Tx } from '../../platform/db.ts';
import { firstReplyCommitment } from './first-reply.ts';
import { teamCalendar } from './sla.calendars.ts';

export interface StepSample {
  started_at: Date;
  finished_at: Date;
}

export const commitmentsRepository = {
  /**
   * How long the first reply took on similar cases (same category, channel and priority)
   * opened within the window: the history an honest first-reply date is drawn from.
   */
  async firstReplySamples(
    tx: Tx,
    similar: { category: string; channel: string; priority: string; excludeCaseId: string },
    windowDays: number,
    limit: number,
  ): Promise<StepSample[]> {
    const { rows } = await tx.executeSql(
      `SELECT c.created_at AS started_at, first_reply.created_at AS finished_at
       FROM cases c
       CROSS JOIN LATERAL (
         SELECT m.created_at FROM messages m
         WHERE m.case_id = c.id AND m.direction = 'outbound' AND m.visibility = 'public'
         ORDER BY m.created_at LIMIT 1) first_reply
       WHERE c.category = $1 AND c.channel = $2 AND c.priority = $3 AND c.id <> $4
         AND c.created_at > now() - make_interval(days => $5::int)
       ORDER BY c.created_at DESC
       LIMIT ${limit}`,
      [similar.category, similar.channel, similar.priority, similar.excludeCaseId, windowDays],
    );
    return rows as unknown as StepSample[];
  },

  /** How long steps of this kind took on similar cases: from the promise to its fulfilment. */
  async stepSamples(
    tx: Tx,
    kind: string,
    similar: { category: string; channel: string; priority: string; excludeCaseId: string },
    windowDays: number,
    limit: number,
  ): Promise<StepSample[]> {
    const { rows } = await tx.executeSql(
      `SELECT k.created_at AS started_at, k.closed_at AS finished_at
       FROM commitments k JOIN cases c ON c.id = k.case_id
       WHERE k.kind = $1 AND k.state IN ('kept', 'missed')
         AND c.category = $2 AND c.channel = $3 AND c.priority = $4 AND c.id <> $5
         AND k.created_at > now() - make_interval(days => $6::int)
       ORDER BY k.created_at DESC
       LIMIT ${limit}`,
      [kind, similar.category, similar.channel, similar.priority, similar.excludeCaseId, windowDays],
    );
    return rows as unknown as StepSample[];
  },
};

export interface KeptReportRow {
  kind: string | null;
  kept: number;
  missed: number;
  superseded: number;
  median_early_minutes: number | null;
}

export const commitmentReports = {
  /**
   * Commitments that came due in the period: how many were kept, missed or replaced before
   * their date, and how early the kept ones were met (the "over-deliver" figure), per kind
   * and in total (the row whose kind is null).
   */
  async keptAndEarly(tx: Tx, from: Date, to: Date): Promise<KeptReportRow[]> {
    const { rows } = await tx.executeSql(
      `SELECT kind,
              count(*) FILTER (WHERE state = 'kept')::int AS kept,
              count(*) FILTER (WHERE state = 'missed')::int AS missed,
              count(*) FILTER (WHERE state = 'superseded')::int AS superseded,
              (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM due_at - closed_at) / 60)
                 FILTER (WHERE state = 'kept'))::float8 AS median_early_minutes
       FROM commitments
       WHERE state IN ('kept', 'missed', 'superseded') AND closed_at >= $1 AND closed_at < $2
       GROUP BY ROLLUP (kind)
       ORDER BY kind NULLS FIRST`,
      [from, to],
    );
    return rows as unknown as KeptReportRow[];
  },
};

export interface NewCommitment {
  caseId: string;
  kind: string;
  /** Null for standard steps, whose words come from the kind. */
  nextStep: string | null;
  dueAt: Date;
  ownerId: string | null;
  teamId: string | null;
  waitingOn: string;
  basis: Record<string, unknown>;
  reason: string | null;
  createdBy: string | null;
}

export const commitmentWrites = {
  /**
   * The ball is in our court (the customer wrote, or the case reopened): unless we already
   * owe a step, whatever we waited on is superseded and we answer by an honest date.
   */
  async ourTurn(
    tx: Tx,
    row: {
      id: string;
      owner_id: string | null;
      team_id: string | null;
      commitment_id: string | null;
      commitment_waiting_on: string | null;
    },
  ): Promise<void> {
    if (row.commitment_id && row.commitment_waiting_on === 'us') return;
    const first = firstReplyCommitment(await teamCalendar(tx, row.team_id));
    await commitmentWrites.replaceCurrent(tx, {
      caseId: row.id,
      kind: 'first-reply',
      nextStep: null,
      dueAt: first.dueAt,
      ownerId: row.owner_id,
      teamId: row.team_id,
      waitingOn: 'us',
      basis: first.basis,
      reason: null,
      createdBy: null,
    });
  },

  /**
   * A new current commitment in place of the old one (superseded), with the case's due time
   * moved to it; the case's status and version are the caller's business.
   */
  async replaceCurrent(tx: Tx, values: NewCommitment): Promise<void> {
    await commitmentWrites.supersede(tx, values.caseId);
    await commitmentWrites.insert(tx, values);
    await tx.executeSql('UPDATE cases SET commitment_due_at = $2 WHERE id = $1', [values.caseId, values.dueAt]);
  },

  /** The current commitment is now in someone else's hands (a hand-over). */
  async reassignCurrent(tx: Tx, caseId: string, ownerId: string): Promise<void> {
    await tx.executeSql(`UPDATE commitments SET owner_id = $2 WHERE case_id = $1 AND state = 'current'`, [
      caseId,
      ownerId,
    ]);
  },

  /** Ends the current commitment as superseded by a new one. */
  async supersede(tx: Tx, caseId: string): Promise<void> {
    await tx.executeSql(
      `UPDATE commitments SET state = 'superseded', closed_at = now() WHERE case_id = $1 AND state = 'current'`,
      [caseId],
    );
  },

  async insert(tx: Tx, values: NewCommitment): Promise<void> {
    await tx.executeSql(
      `INSERT INTO commitments (case_id, kind, next_step, due_at, owner_id, team_id, waiting_on, basis, reason, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)`,
      [
        values.caseId,
        values.kind,
        values.nextStep,
        values.dueAt,
        values.ownerId,
        values.teamId,
        values.waitingOn,
        JSON.stringify(values.basis),
        values.reason,
        values.createdBy,
      ],
    );
  },

  /** Moves the case to the new commitment: its due time, the status that follows who we wait on, a new version. */
  async applyToCase(tx: Tx, caseId: string, version: number, dueAt: Date | null, status: string) {
    const { rows } = await tx.executeSql(
      `UPDATE cases SET commitment_due_at = $3, status = $4, version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2 RETURNING version`,
      [caseId, version, dueAt, status],
    );
    return rows[0] as { version: number } | undefined;
  },

  /**
   * Fulfils the current commitment — kept if on time, missed if late: the first public reply
   * fulfils a first-reply commitment (`onlyKind`), resolving the case fulfils any.
   */
  async closeCurrent(
    tx: Tx,
    caseId: string,
    onlyKind?: string,
  ): Promise<{ kind: string; state: 'kept' | 'missed'; due_at: Date } | undefined> {
    const { rows } = await tx.executeSql(
      `WITH closed AS (
         UPDATE commitments SET state = CASE WHEN now() <= due_at THEN 'kept' ELSE 'missed' END, closed_at = now()
         WHERE case_id = $1 AND state = 'current' AND ($2::text IS NULL OR kind = $2)
         RETURNING kind, state, due_at),
       cleared AS (
         UPDATE cases SET commitment_due_at = NULL WHERE id = $1 AND EXISTS (SELECT 1 FROM closed))
       SELECT kind, state, due_at FROM closed`,
      [caseId, onlyKind ?? null],
    );
    return rows[0] as { kind: string; state: 'kept' | 'missed'; due_at: Date } | undefined;
  },
};
