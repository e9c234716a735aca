// A queue whose jobs are rows of a table of the domain's own, for work that already has such a
// row: email ingestion, where the inbound_mail row recorded at accept is the job (its state says
// whether it is done). A job never goes through the outbox and pg-boss: the process that
// accepted the row hands it to its own queue after the commit (`offer`), and every working
// process also claims waiting rows (`claim`: rows another process recorded, rows whose
// process died, rows whose retry is due) on a short poll. The domain's claim must mark a row
// taken for a lease, so two processes seldom take the same one; the handler must be
// idempotent, since after a crash (or past a lease) one may run twice.

import type { Logger } from 'pino';

export interface RowQueueDefinition<J> {
  /** Its name in the pending-jobs metric and in drain(). */
  name: string;
  /** Jobs run at once. */
  concurrency: number;
  /** How often a working process looks for waiting rows (also at once after a full claim). */
  pollMs?: number;
  /** The job's key: a job offered or claimed while it is queued or running here is not taken twice. */
  key(job: J): string;
  /** Takes up to `limit` waiting rows for this process (for a lease), oldest first. */
  claim(limit: number): Promise<J[]>;
  /** Before the first claim of a process (e.g. freeing what a stopped process had taken). */
  start?(): Promise<void>;
  /** At stop: jobs taken but not started, for another process to take at once. */
  release?(jobs: J[]): Promise<void>;
  /** Rows waiting to be done (claimed or not). */
  pending(): Promise<number>;
  /** Does the job; throwing hands it to `failed`. */
  run(job: J): Promise<void>;
  /** After a run that threw: schedule a retry, or give up for good. */
  failed(job: J, error: unknown): Promise<void>;
}

/** What the jobs platform does with a row queue, whatever its jobs. */
export interface ManagedRowQueue {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  pending(): Promise<number>;
}

export class RowQueue<J> implements ManagedRowQueue {
  private readonly waiting: J[] = [];
  private readonly known = new Set<string>();
  private running = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private stopped = true;
  private readonly idle = new Set<() => void>();

  constructor(
    readonly definition: RowQueueDefinition<J>,
    private readonly log: Logger,
  ) {}

  get name(): string {
    return this.definition.name;
  }

  /** Starts taking rows: waiting ones at once, then on every poll. */
  async start(): Promise<void> {
    await this.definition.start?.();
    this.stopped = false;
    this.poke();
  }

  /** Jobs this process claimed itself (recorded and committed with its claim). */
  offer(jobs: J[]): void {
    for (const job of jobs) this.enqueue(job);
    this.pump();
  }

  /** Looks for waiting rows now (after a row was made waiting again, e.g. a reprocess). */
  poke(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), 0);
  }

  pending(): Promise<number> {
    return this.definition.pending();
  }

  /** Resolves when nothing is queued or running in this process. */
  whenIdle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.add(resolve));
  }

  /** Stops taking rows, gives back those not started and waits for the jobs running. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
    const dropped = this.waiting.splice(0);
    for (const job of dropped) this.known.delete(this.definition.key(job));
    if (dropped.length > 0) {
      await this.definition
        .release?.(dropped)
        .catch((error: unknown) => this.log.error({ err: error, queue: this.name }, 'giving jobs back failed'));
    }
    await this.whenIdle();
  }

  private enqueue(job: J): void {
    const key = this.definition.key(job);
    if (this.known.has(key)) return;
    this.known.add(key);
    this.waiting.push(job);
  }

  private poll(): Promise<void> {
    this.polling ??= (async () => {
      let again = false;
      try {
        const room = this.definition.concurrency * 2 - this.waiting.length - this.running;
        if (room > 0 && !this.stopped) {
          const claimed = await this.definition.claim(room);
          for (const job of claimed) this.enqueue(job);
          again = claimed.length === room;
          this.pump();
        }
      } catch (error) {
        this.log.error({ err: error, queue: this.name }, 'claiming waiting jobs failed');
      } finally {
        this.polling = undefined;
        if (!this.stopped) {
          this.timer = setTimeout(() => void this.poll(), again ? 0 : (this.definition.pollMs ?? 1000));
        }
      }
    })();
    return this.polling;
  }

  private pump(): void {
    while (!this.stopped && this.running < this.definition.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running++;
      void this.runOne(job);
    }
  }

  private async runOne(job: J): Promise<void> {
    try {
      await this.definition.run(job);
    } catch (error) {
      await this.definition
        .failed(job, error)
        .catch((failure: unknown) =>
          this.log.error({ err: failure, queue: this.name }, 'recording a failed job failed'),
        );
    } finally {
      this.running--;
      this.known.delete(this.definition.key(job));
      this.pump();
      if (this.running === 0 && this.waiting.length === 0) {
        for (const resolve of this.idle) resolve();
        this.idle.clear();
      }
    }
  }
}
