// The jobs platform: pg-boss on the same database (PGlite through an executeSql adapter),
// fed by a transactional outbox. A command records its side effects with `enqueue(tx, …)`
// in its own transaction; the relay moves committed outbox rows into pg-boss in batches,
// using the outbox row id as the job id, so a crash between the two steps never loses or
// doubles a job. Handlers must be idempotent (pg-boss retries failed jobs).
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database, Tx } from './db.ts';
import type { ManagedRowQueue, RowQueue } from './row-queue.ts';

export interface JobDefinition<T = Record<string, unknown>> {
  queue: string;
  /** Runs one job; throwing makes pg-boss retry it (up to retryLimit) without failing the rest of its batch. */
  handle(data: T, job: JobInfo): Promise<void>;
  /** Cron expression for sweeps: pg-boss keys each tick so two processes never run the same one. */
  cron?: string;
  batchSize?: number;
  /** Jobs of a batch run at once (default 1: one after the other). */
  concurrency?: number;
  pollingIntervalSeconds?: number;
  retryLimit?: number;
  /** Seconds before the first retry (default 5); doubled at each retry unless `retryBackoff` is false. */
  retryDelay?: number;
  retryBackoff?: boolean;
}

export interface JobInfo {
  id: string;
  /** Retries so far (0 on the first attempt); the last attempt is when it equals `retryLimit`. Set by the workers. */
  retryCount?: number;
  retryLimit?: number;
}

/** Records a job in the caller's transaction; it runs only if that transaction commits. */
export async function enqueue(tx: Tx, queue: string, data: Record<string, unknown>): Promise<void> {
  await tx.executeSql('INSERT INTO outbox (queue, data) VALUES ($1, $2::jsonb)', [queue, JSON.stringify(data)]);
}

const RELAY_BATCH = 500;

/**
 * pg-boss's job insert — once per relayed batch — is prepared (platform/db.ts), as is the
 * relay's delete: unprepared, PostgreSQL planned each on every call (~0.25 ms). Its fetch and
 * completion are not: PostgreSQL keeps planning them per call anyway (custom plans: the job
 * table is partitioned by queue). The insert's text is fixed, so it is prepared once per connection.
 */
const BOSS_PREPARED = /^\s*WITH defaults as \(/i;
const bossExecutor = (tx: Tx) => ({
  executeSql: (text: string, values?: unknown[]) => tx.executeSql(text, values, BOSS_PREPARED.test(text)),
});

/**
 * Jobs recorded and not yet done, by queue: in the outbox, or created, retrying or running in
 * pg-boss (its own maintenance queues left out). Queues with none are absent.
 */
export async function pendingJobs(database: Tx): Promise<Map<string, number>> {
  const { rows } = await database.executeSql(
    `SELECT queue, sum(n)::int AS n FROM (
       SELECT queue, count(*) AS n FROM outbox GROUP BY queue
       UNION ALL SELECT name, count(*) FROM pgboss.job
       WHERE state IN ('created', 'retry', 'active') AND name NOT LIKE '\\_\\_%' GROUP BY name) jobs
     GROUP BY queue`,
    [],
  );
  return new Map(rows.map((row) => [row.queue as string, row.n as number]));
}

export class Jobs {
  private relayTimer: NodeJS.Timeout | undefined;
  private relayInterval: NodeJS.Timeout | undefined;
  private relaying: Promise<number> | undefined;
  private relayAgain = false;
  private stopped = false;

  private constructor(
    private readonly database: Database,
    private readonly boss: PgBoss,
    private readonly definitions: JobDefinition<never>[],
    private readonly log: Logger,
    private readonly rowQueues: ManagedRowQueue[],
    /** Whether this process runs jobs (the workers, and its row queues). */
    readonly working: boolean,
  ) {}

  /**
   * Starts pg-boss, creates every queue (pg-boss silently drops jobs sent to a queue that
   * does not exist), schedules the cron sweeps and, when `work` is set, the workers and the
   * row queues (jobs kept in a domain table: row-queue.ts).
   */
  static async start(
    database: Database,
    definitions: JobDefinition<never>[],
    log: Logger,
    options: { work: boolean; relay: boolean },
    rowQueues: ManagedRowQueue[] = [],
  ): Promise<Jobs> {
    const boss = new PgBoss({
      db: bossExecutor(database),
      schema: 'pgboss',
      supervise: options.work,
      schedule: options.work,
      migrate: true,
    });
    boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
    await boss.start();
    const queues = new Set((await boss.getQueues()).map((queue) => queue.name));
    for (const definition of definitions) {
      const retry = {
        retryLimit: definition.retryLimit ?? 5,
        retryBackoff: definition.retryBackoff ?? true,
        retryDelay: definition.retryDelay ?? 5,
      };
      const queue = { name: definition.queue, ...retry };
      if (!queues.has(definition.queue)) await boss.createQueue(definition.queue, queue);
      // Configured retries (e.g. of outbound mail) apply to a queue created by an earlier start too.
      else if (definition.retryDelay !== undefined) await boss.updateQueue(definition.queue, queue);
    }
    const jobs = new Jobs(database, boss, definitions, log, rowQueues, options.work);
    if (options.work) {
      await jobs.startWorkers();
      for (const queue of rowQueues) await queue.start();
    }
    if (options.relay) {
      jobs.relayInterval = setInterval(() => jobs.kick(), 1000);
      jobs.kick();
    }
    return jobs;
  }

  private async startWorkers(): Promise<void> {
    for (const definition of this.definitions) {
      const batchSize = definition.batchSize ?? 20;
      let workerId: string | undefined;
      workerId = await this.boss.work<Record<string, unknown>>(
        definition.queue,
        {
          batchSize,
          pollingIntervalSeconds: definition.pollingIntervalSeconds ?? 0.5,
          includeMetadata: true,
        },
        async (batch) => {
          const run = async (job: (typeof batch)[number]) => {
            try {
              await (definition.handle as JobDefinition['handle'])(job.data, job);
            } catch (error) {
              // Only this job is retried; the others of the batch still run and complete.
              const { message, stack } = error instanceof Error ? error : new Error(String(error));
              await this.boss.fail(definition.queue, job.id, { message, stack });
            }
          };
          let next = 0;
          const lane = async () => {
            while (next < batch.length) await run(batch[next++]!);
          };
          await Promise.all(Array.from({ length: Math.min(definition.concurrency ?? 1, batch.length) }, lane));
          // pg-boss waits out the polling interval after every batch, which caps a queue at
          // batchSize jobs per interval (32 per 0.5 s: 64 jobs/s). A full
          // batch means more are waiting: fetch again at once.
          if (batch.length === batchSize && workerId) this.boss.notifyWorker(workerId);
        },
      );
      if (definition.cron) await this.boss.schedule(definition.queue, definition.cron, {});
    }
  }

  /** Asks the relay to run soon (right after a commit that enqueued something). */
  kick(): void {
    if (this.stopped || this.relayTimer) return;
    this.relayTimer = setTimeout(() => {
      this.relayTimer = undefined;
      this.relay().catch((error: unknown) => this.log.error({ err: error }, 'outbox relay failed'));
    }, 5);
  }

  /** Moves committed outbox rows into pg-boss; returns how many it moved. Safe to run from any process. */
  relay(): Promise<number> {
    if (this.relaying) {
      this.relayAgain = true;
      return this.relaying;
    }
    this.relaying = (async () => {
      let moved = 0;
      do {
        this.relayAgain = false;
        for (;;) {
          const batch = await this.database.transaction(async (tx) => {
            const { rows } = await tx.executeSql(
              `DELETE FROM outbox WHERE id IN (
                 SELECT id FROM outbox ORDER BY created_at LIMIT ${RELAY_BATCH} FOR UPDATE SKIP LOCKED)
               RETURNING id, queue, data`,
              [],
              true,
            );
            if (rows.length > 0) {
              await this.boss.insert(
                rows.map((row) => ({ id: row.id as string, name: row.queue as string, data: row.data as object })),
                { db: bossExecutor(tx) },
              );
            }
            return rows.length;
          });
          moved += batch;
          if (batch < RELAY_BATCH) break;
        }
      } while (this.relayAgain && !this.stopped);
      return moved;
    })().finally(() => {
      this.relaying = undefined;
    });
    return this.relaying;
  }

  /** A row queue by name, when this process has it. */
  rowQueue<J>(name: string): RowQueue<J> | undefined {
    // Each queue is registered under its own name by its domain, which asks for it with its job type.
    return this.rowQueues.find((queue) => queue.name === name) as RowQueue<J> | undefined;
  }

  /** pendingJobs() with the row queues' waiting rows. */
  async pending(): Promise<Map<string, number>> {
    const pending = await pendingJobs(this.database);
    for (const queue of this.rowQueues) {
      const count = await queue.pending();
      if (count > 0) pending.set(queue.name, (pending.get(queue.name) ?? 0) + count);
    }
    return pending;
  }

  /** Waits until every queue is empty (tests, demo loading). */
  async drain(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.relay();
      const pending = await this.pending();
      if (pending.size === 0) return;
      if (Date.now() > deadline) {
        throw new Error(`jobs not drained in ${timeoutMs} ms: ${JSON.stringify(Object.fromEntries(pending))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.rowQueues.map((queue) => queue.stop()));
    clearTimeout(this.relayTimer);
    clearInterval(this.relayInterval);
    await this.relaying?.catch(() => {});
    await this.boss.stop({ graceful: true, wait: true, close: false, timeout: 10_000 });
  }
}
