import type { Finding } from '@heard/replycheck';
import type { Tx } from '../../platform/db.ts';

export interface StoredPack {
  language: string;
  pack: unknown;
  version: number;
  updated_at: Date;
  updated_by: string | null;
  updated_by_name: string | null;
}

export interface FindingRow extends Finding {
  id: string;
  message_id: string;
  dismissed: boolean;
}

export const replycheckRepository = {
  async packs(tx: Tx): Promise<StoredPack[]> {
    const { rows } = await tx.executeSql(
      `SELECT p.language, p.pack, p.version, p.updated_at, p.updated_by, u.name AS updated_by_name
       FROM reply_packs p LEFT JOIN users u ON u.id = p.updated_by ORDER BY p.language`,
      [],
    );
    return rows as unknown as StoredPack[];
  },

  async storedPack(tx: Tx, language: string): Promise<unknown> {
    const { rows } = await tx.executeSql('SELECT pack FROM reply_packs WHERE language = $1', [language]);
    return rows[0]?.pack;
  },

  async packVersion(tx: Tx, language: string): Promise<number | undefined> {
    const { rows } = await tx.executeSql('SELECT version FROM reply_packs WHERE language = $1', [language]);
    return rows[0]?.version as number | undefined;
  },

  async savePack(tx: Tx, language: string, pack: unknown, userId: string | null) {
    const { rows } = await tx.executeSql(
      `INSERT INTO reply_packs (language, pack, version, updated_by) VALUES ($1, $2::jsonb, 2, $3)
       ON CONFLICT (language) DO UPDATE SET pack = EXCLUDED.pack, version = reply_packs.version + 1,
         updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING version, updated_at`,
      [language, JSON.stringify(pack), userId],
    );
    return rows[0] as { version: number; updated_at: Date };
  },

  async insertFindings(
    tx: Tx,
    message: { id: string; caseId: string; agentId: string | null; language: string },
    findings: Finding[],
  ): Promise<void> {
    if (findings.length === 0) return;
    await tx.executeSql(
      `INSERT INTO message_findings (message_id, case_id, agent_id, language, category, rule, severity, start, "end",
                                     text, message, suggestion)
       SELECT $1, $2, $3, $4, f.category, f.rule, f.severity, f.start, f."end", f.text, f.message, f.suggestion
       FROM jsonb_to_recordset($5::jsonb) AS f(category text, rule text, severity text, start int, "end" int, text text,
                                                message text, suggestion text)`,
      [message.id, message.caseId, message.agentId, message.language, JSON.stringify(findings)],
    );
  },

  /** Recomputes a case's QA score from its sent replies and their findings that still count. */
  async refreshScore(tx: Tx, caseId: string, weights: { block: number; warn: number; info: number }): Promise<void> {
    await tx.executeSql(
      `WITH sent AS (
         SELECT max(created_at) AS last_sent_at,
                (array_agg(author_user_id ORDER BY created_at DESC))[1] AS agent_id
         FROM messages WHERE case_id = $1 AND direction = 'outbound' AND visibility = 'public' AND author_user_id IS NOT NULL),
       counted AS (
         SELECT category, severity FROM message_findings WHERE case_id = $1 AND dismissed_at IS NULL),
       totals AS (
         SELECT count(*)::int AS findings,
                COALESCE(sum(CASE severity WHEN 'block' THEN $2::int WHEN 'warn' THEN $3::int ELSE $4::int END), 0)::int AS penalty,
                COALESCE((SELECT jsonb_object_agg(category, n) FROM (SELECT category, count(*) AS n FROM counted GROUP BY category) g),
                         '{}'::jsonb) AS by_category
         FROM counted)
       INSERT INTO qa_scores (case_id, agent_id, score, findings, by_category, last_sent_at)
       SELECT $1, sent.agent_id, GREATEST(0, 100 - totals.penalty), totals.findings, totals.by_category, sent.last_sent_at
       FROM sent, totals WHERE sent.last_sent_at IS NOT NULL
       ON CONFLICT (case_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, score = EXCLUDED.score,
         findings = EXCLUDED.findings, by_category = EXCLUDED.by_category, last_sent_at = EXCLUDED.last_sent_at`,
      [caseId, weights.block, weights.warn, weights.info],
    );
  },

  async worstConversations(tx: Tx, query: { agentId?: string; after?: [number, string, string]; limit: number }) {
    const { rows } = await tx.executeSql(
      `SELECT q.case_id, c.number::int AS number, c.subject, q.agent_id, u.name AS agent_name, q.score, q.findings,
              q.by_category, q.last_sent_at, q.last_sent_at::text AS sent_key
       FROM qa_scores q JOIN cases c ON c.id = q.case_id LEFT JOIN users u ON u.id = q.agent_id
       WHERE ($1::uuid IS NULL OR q.agent_id = $1::uuid)
         AND ($2::int IS NULL OR (q.score, q.last_sent_at, q.case_id) > ($2::int, $3::timestamptz, $4::uuid))
       ORDER BY q.score, q.last_sent_at, q.case_id LIMIT ${query.limit}`,
      [query.agentId ?? null, query.after?.[0] ?? null, query.after?.[1] ?? null, query.after?.[2] ?? null],
    );
    return rows as {
      case_id: string;
      number: number;
      subject: string;
      agent_id: string | null;
      agent_name: string | null;
      score: number;
      findings: number;
      by_category: Record<string, number>;
      last_sent_at: Date;
      /** The exact time for the cursor (microseconds: a Date would round to milliseconds). */
      sent_key: string;
    }[];
  },

  async caseScore(tx: Tx, caseId: string) {
    const { rows } = await tx.executeSql('SELECT score, by_category FROM qa_scores WHERE case_id = $1', [caseId]);
    return rows[0] as { score: number; by_category: Record<string, number> } | undefined;
  },

  async caseFindings(tx: Tx, caseId: string): Promise<FindingRow[]> {
    const { rows } = await tx.executeSql(
      `SELECT id, message_id, category, rule, severity, start, "end", text, message, suggestion,
              dismissed_at IS NOT NULL AS dismissed
       FROM message_findings WHERE case_id = $1 ORDER BY created_at, start`,
      [caseId],
    );
    return rows as unknown as FindingRow[];
  },

  async dismiss(tx: Tx, id: string, userId: string | null, reason: string) {
    const { rows } = await tx.executeSql(
      `UPDATE message_findings SET dismissed_at = now(), dismissed_by = $2, dismiss_reason = $3
       WHERE id = $1 AND dismissed_at IS NULL RETURNING case_id`,
      [id, userId, reason],
    );
    return rows[0]?.case_id as string | undefined;
  },

  async feedback(tx: Tx, language: string | undefined) {
    const { rows } = await tx.executeSql(
      `SELECT f.id, f.language, f.category, f.rule, f.text, f.dismiss_reason AS reason, f.dismissed_by, u.name AS dismissed_by_name,
              f.dismissed_at, m.body_text AS reply
       FROM message_findings f JOIN messages m ON m.id = f.message_id LEFT JOIN users u ON u.id = f.dismissed_by
       WHERE f.dismissed_at IS NOT NULL AND ($1::text IS NULL OR f.language = $1)
       ORDER BY f.dismissed_at DESC LIMIT 200`,
      [language ?? null],
    );
    return rows as {
      id: string;
      language: string;
      category: string;
      rule: string;
      text: string;
      reason: string;
      dismissed_by: string | null;
      dismissed_by_name: string | null;
      dismissed_at: Date;
      reply: string;
    }[];
  },
};
