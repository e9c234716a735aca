// Jobs of the commitments domain: the acknowledgement a customer gets when they open a case
// (the case number and the first commitment), written once even if the job runs twice.
import type { AppContext } from '../../context.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import { CLOSED_STATUSES } from '../cases/cases.service.ts';
import { acknowledgeCase } from './customer-messages.ts';

export const commitmentJobs = (ctx: AppContext): JobDefinition<never>[] => [
  {
    queue: 'case.acknowledge',
    async handle(data: { caseId: string }) {
      await ctx.database.transaction(async (tx) => {
        // The row lock orders concurrent runs; the event makes a second run a no-op.
        const { rows } = await tx.executeSql(
          `SELECT c.status, EXISTS (SELECT 1 FROM events e WHERE e.case_id = c.id AND e.type = 'case.acknowledged')
                  AS acknowledged
           FROM cases c WHERE c.id = $1 FOR UPDATE`,
          [data.caseId],
        );
        const row = rows[0] as { status: string; acknowledged: boolean } | undefined;
        if (!row || row.acknowledged || CLOSED_STATUSES.includes(row.status)) return;
        await acknowledgeCase(ctx, tx, data.caseId);
      });
      ctx.jobs?.kick();
    },
  },
];
