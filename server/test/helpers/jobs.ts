// Looking at recorded jobs from a test.
import type { Tx } from '../../src/platform/db.ts';

/** A case's jobs of a queue: still in the outbox, or already moved to pg-boss by the relay (one transaction). */
export const jobsFor = async (database: Tx, queue: string, caseId: string) =>
  (
    await database.executeSql(
      `SELECT data FROM outbox WHERE queue = $1 AND data->>'caseId' = $2
       UNION ALL SELECT data FROM pgboss.job WHERE name = $1 AND data->>'caseId' = $2`,
      [queue, caseId],
    )
  ).rows;
