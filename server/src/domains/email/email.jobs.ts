// The inbound email jobs: ingesting each accepted message, and a sweep that records spool
// files a crash left without a row, re-queues mail long left waiting (the start of a worker
// does both at once) and prunes the spool files of processed mail past the retention.
import type { AppContext } from '../../context.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import { INGEST_QUEUE, pruneSpool, recoverSpool } from './inbound.service.ts';
import { type IngestJob, ingestInbound, quarantineFailed } from './ingest.ts';

/**
 * Younger spool files may still be on their way into the database (another process's
 * listener), younger waiting rows may simply be queued behind others.
 */
const SWEEP_MIN_AGE_MS = 15 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

export function emailJobs(ctx: AppContext): JobDefinition<never>[] {
  return [
    {
      queue: INGEST_QUEUE,
      // Parsing runs in parser processes and storing waits on the database: several at once
      // (on PGlite the database works on this process's thread, and fewer in flight hold less memory).
      batchSize: 32,
      concurrency: ctx.database.kind === 'postgres' ? 16 : 8,
      async handle(data: IngestJob, job) {
        try {
          await ingestInbound(ctx, data);
        } catch (error) {
          if (job.retryLimit === undefined || (job.retryCount ?? 0) < job.retryLimit) throw error;
          ctx.log.error({ err: error, inboundId: data.id }, 'inbound mail could not be ingested: quarantined');
          await quarantineFailed(ctx, data.id, error);
        }
      },
    },
    {
      queue: 'email.spool-sweep',
      cron: '*/10 * * * *',
      async handle() {
        await recoverSpool(ctx, SWEEP_MIN_AGE_MS);
        await pruneSpool(ctx, ctx.config.spoolRetentionDays * DAY_MS);
      },
    },
  ];
}
