import type { Tx } from '../../platform/db.ts';

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
};
