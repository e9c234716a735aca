// SQL for SLA policies, team calendars, the sweep's settings and the SLA clock of cases.
import type { Tx } from '../../platform/db.ts';
import type { CaseSlaClock, SlaPolicy } from './sla.ts';

export interface CaseSlaSource {
  id: string;
  team_id: string | null;
  priority: string;
  category: string;
  tier: string;
  created_at: Date;
  updated_at: Date;
  /** `updated_at` in full (microsecond) precision, for the watermark; a Date keeps only milliseconds. */
  updated_at_key: string;
  resolved_at: Date | null;
  status: string;
  first_response_at: Date | null;
  changes: { created_at: string; data: Record<string, unknown> }[];
}

/** The last case whose clock was computed, in (updated_at, id) order. */
export interface Watermark {
  at: string;
  id: string;
}

const START: Watermark = { at: '-infinity', id: '00000000-0000-0000-0000-000000000000' };
const SETTLE_SECONDS = 5;

export const slaRepository = {
  async policies(tx: Tx): Promise<SlaPolicy[]> {
    const { rows } = await tx.executeSql(
      `SELECT id, priority, category, tier, first_response_minutes AS "firstResponseMinutes",
              resolution_minutes AS "resolutionMinutes"
       FROM sla_policies ORDER BY position`,
      [],
    );
    return rows as unknown as SlaPolicy[];
  },

  async replacePolicies(tx: Tx, policies: Omit<SlaPolicy, 'id'>[], userId: string | null): Promise<void> {
    await tx.executeSql('DELETE FROM sla_policies', []);
    if (policies.length === 0) return;
    await tx.executeSql(
      `INSERT INTO sla_policies (priority, category, tier, first_response_minutes, resolution_minutes, position, updated_by)
       SELECT p.priority, p.category, p.tier, p.first, p.resolution, p.position, $2::uuid
       FROM jsonb_to_recordset($1::jsonb) AS p(priority text, category text, tier text, first int, resolution int, position int)`,
      [
        JSON.stringify(
          policies.map((policy, index) => ({
            priority: policy.priority,
            category: policy.category,
            tier: policy.tier,
            first: policy.firstResponseMinutes,
            resolution: policy.resolutionMinutes,
            position: index + 1,
          })),
        ),
        userId,
      ],
    );
  },

  async teamCalendar(tx: Tx, teamId: string): Promise<unknown> {
    const { rows } = await tx.executeSql('SELECT calendar FROM team_calendars WHERE team_id = $1', [teamId]);
    return rows[0]?.calendar;
  },

  async teamCalendars(tx: Tx) {
    const { rows } = await tx.executeSql(
      `SELECT t.id AS "teamId", t.name AS "teamName", tc.calendar, tc.updated_at AS "updatedAt"
       FROM teams t LEFT JOIN team_calendars tc ON tc.team_id = t.id ORDER BY t.name, t.id`,
      [],
    );
    return rows as unknown as { teamId: string; teamName: string; calendar: unknown; updatedAt: Date | null }[];
  },

  async teamExists(tx: Tx, teamId: string): Promise<boolean> {
    return (await tx.executeSql('SELECT 1 FROM teams WHERE id = $1', [teamId])).rows.length > 0;
  },

  async putTeamCalendar(tx: Tx, teamId: string, calendar: unknown, userId: string | null): Promise<void> {
    await tx.executeSql(
      `INSERT INTO team_calendars (team_id, calendar, updated_by) VALUES ($1, $2::jsonb, $3)
       ON CONFLICT (team_id) DO UPDATE SET calendar = EXCLUDED.calendar, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [teamId, JSON.stringify(calendar), userId],
    );
  },

  async deleteTeamCalendar(tx: Tx, teamId: string): Promise<void> {
    await tx.executeSql('DELETE FROM team_calendars WHERE team_id = $1', [teamId]);
  },

  /**
   * Cases changed after the watermark (the last case a tick computed), in change order: what
   * each tick of the sweep recomputes, walking the `cases_updated_idx` index. The last
   * `SETTLE_SECONDS` are left for the next tick, so a transaction that commits a little after
   * its `updated_at` is not skipped.
   */
  async changedCases(tx: Tx, after: Watermark, limit: number): Promise<CaseSlaSource[]> {
    const { rows } = await tx.executeSql(
      `SELECT c.id, c.team_id, c.priority, c.category, cu.tier, c.created_at, c.updated_at, c.updated_at::text AS updated_at_key,
              c.resolved_at, c.status,
              (SELECT m.created_at FROM messages m
               WHERE m.case_id = c.id AND m.direction = 'outbound' AND m.visibility = 'public'
               ORDER BY m.created_at LIMIT 1) AS first_response_at,
              COALESCE((SELECT jsonb_agg(jsonb_build_object('created_at', e.created_at, 'data', e.data) ORDER BY e.id)
                        FROM events e WHERE e.case_id = c.id
                          AND (e.data ? 'status' OR e.data->'to' ? 'status')), '[]'::jsonb) AS changes
       FROM cases c JOIN customers cu ON cu.id = c.customer_id
       WHERE (c.updated_at, c.id) > ($1::timestamptz, $2::uuid)
         AND c.updated_at <= now() - make_interval(secs => ${SETTLE_SECONDS})
       ORDER BY c.updated_at, c.id LIMIT ${limit}`,
      [after.at, after.id],
    );
    return rows as unknown as CaseSlaSource[];
  },

  async watermark(tx: Tx): Promise<Watermark> {
    const { rows } = await tx.executeSql(`SELECT value FROM settings WHERE key = 'sla.watermark'`, []);
    return (rows[0]?.value as Watermark | undefined) ?? START;
  },

  async setWatermark(tx: Tx, watermark: Watermark): Promise<void> {
    await tx.executeSql(
      `INSERT INTO settings (key, value) VALUES ('sla.watermark', $1::jsonb)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [JSON.stringify(watermark)],
    );
  },

  async saveClocks(tx: Tx, clocks: (CaseSlaClock & { caseId: string; caseUpdatedAt: Date })[]): Promise<void> {
    if (clocks.length === 0) return;
    await tx.executeSql(
      `INSERT INTO case_sla (case_id, policy_id, first_response_warn_at, first_response_due_at, first_response_at,
                             resolution_warn_at, resolution_due_at, resolved_at, paused_since, case_updated_at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(case_id uuid, policy_id uuid, first_response_warn_at timestamptz,
         first_response_due_at timestamptz, first_response_at timestamptz, resolution_warn_at timestamptz,
         resolution_due_at timestamptz, resolved_at timestamptz, paused_since timestamptz, case_updated_at timestamptz)
       ON CONFLICT (case_id) DO UPDATE SET policy_id = EXCLUDED.policy_id,
         first_response_warn_at = EXCLUDED.first_response_warn_at, first_response_due_at = EXCLUDED.first_response_due_at,
         first_response_at = EXCLUDED.first_response_at, resolution_warn_at = EXCLUDED.resolution_warn_at,
         resolution_due_at = EXCLUDED.resolution_due_at, resolved_at = EXCLUDED.resolved_at,
         paused_since = EXCLUDED.paused_since, case_updated_at = EXCLUDED.case_updated_at
`,
      [
        JSON.stringify(
          clocks.map((clock) => ({
            case_id: clock.caseId,
            policy_id: clock.policyId,
            first_response_warn_at: clock.firstResponseWarnAt,
            first_response_due_at: clock.firstResponseDueAt,
            first_response_at: clock.firstResponseAt,
            resolution_warn_at: clock.resolutionWarnAt,
            resolution_due_at: clock.resolutionDueAt,
            resolved_at: clock.resolvedAt,
            paused_since: clock.pausedSince,
            case_updated_at: clock.caseUpdatedAt,
          })),
        ),
      ],
    );
  },

  /** Every clock is recomputed by the next ticks (a policy or calendar changed). */
  invalidateClocks: (tx: Tx) => slaRepository.setWatermark(tx, START),
};
