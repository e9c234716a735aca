// The inbound email jobs. Ingestion runs on a row queue (platform/row-queue.ts): the
// inbound_mail row recorded at accept is the job, so accepting costs one statement and no
// outbox or pg-boss round trips. The process that accepted a message ingests it (its row is
// recorded taken for a lease); every worker also takes rows left waiting (another process's,
// a crashed one's, retries that are due). A failed attempt is retried with a backoff, then the
// message is quarantined with the error. A sweep records spool files a crash left without a
// row and prunes the spool files of processed mail past the retention.
import type { AppContext } from '../../context.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import { RowQueue } from '../../platform/row-queue.ts';
import { INGEST_LEASE_SECONDS, INGEST_QUEUE, pruneSpool, recoverSpool } from './inbound.service.ts';
import { type IngestJob, ingestRepository } from './ingest.repository.ts';
import { ingestInbound, quarantineFailed } from './ingest.ts';

/** Younger spool files may still be on their way into the database (another process's listener). */
const SWEEP_MIN_AGE_MS = 15 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
/** Failed attempts before the message is quarantined; the retries wait 5, 10, 20 and 40 s. */
const INGEST_ATTEMPTS = 5;
const RETRY_DELAY_SECONDS = 5;

export function emailJobs(ctx: AppContext): JobDefinition<never>[] {
  return [
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

export function ingestQueue(ctx: AppContext): RowQueue<IngestJob> {
  return new RowQueue<IngestJob>(
    {
      name: INGEST_QUEUE,
      // Parsing runs in parser processes and storing waits on the database: several at once
      // (on PGlite the database works on this process's thread, and fewer in flight hold less memory).
      concurrency: ctx.database.kind === 'postgres' ? 16 : 8,
      key: (job) => job.id,
      async start() {
        await ingestRepository.releaseClaims(ctx.database);
      },
      async release(jobs) {
        await ingestRepository.releaseClaims(
          ctx.database,
          jobs.map((job) => job.id),
        );
      },
      claim: (limit) => ingestRepository.claimWaiting(ctx.database, limit, INGEST_LEASE_SECONDS),
      pending: () => ingestRepository.waitingCount(ctx.database),
      run: (job) => ingestInbound(ctx, job),
      async failed(job, error) {
        const attempts = await ingestRepository.failedAttempt(ctx.database, job.id, RETRY_DELAY_SECONDS);
        if (attempts < INGEST_ATTEMPTS) {
          ctx.log.warn(
            { err: error, inboundId: job.id, attempts },
            'inbound mail could not be ingested: retried later',
          );
          return;
        }
        ctx.log.error({ err: error, inboundId: job.id }, 'inbound mail could not be ingested: quarantined');
        await quarantineFailed(ctx, job.id, error);
      },
    },
    ctx.log,
  );
}
