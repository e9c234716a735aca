// The IMAP poller of a worker process: on every tick it looks at the active mailboxes,
// claims the lease of each one nobody holds (a lease row, renewed while it works, so two
// Heard processes never fetch the same mailbox at once), renews the leases it holds, and
// restarts a mailbox's session when its settings changed. A process that dies simply
// stops renewing; another one takes the mailbox over when the lease runs out.
import { hostname } from 'node:os';
import type { AppContext } from '../../context.ts';
import { randomToken } from '../../platform/ids.ts';
import { imapRepository as repo } from './imap.repository.ts';
import { MailboxSession, type SessionOptions } from './imap.session.ts';

export interface PollerOptions {
  /** Identifies this process in the lease; unique per poller. */
  owner?: string;
  tickMs?: number;
  leaseSeconds?: number;
  batchSize?: number;
  backoffMs?: number;
  maxBackoffMs?: number;
  onAccepted?: SessionOptions['onAccepted'];
}

export class ImapPoller {
  readonly owner: string;
  private readonly sessions = new Map<string, MailboxSession>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = false;
  private readonly sessionOptions: SessionOptions;
  private readonly tickMs: number;
  private readonly leaseSeconds: number;

  private constructor(
    private readonly ctx: AppContext,
    options: PollerOptions,
  ) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomToken(6)}`;
    this.tickMs = options.tickMs ?? 5000;
    this.leaseSeconds = options.leaseSeconds ?? 60;
    this.sessionOptions = {
      owner: this.owner,
      batchSize: options.batchSize ?? 25,
      backoffMs: options.backoffMs ?? 2000,
      maxBackoffMs: options.maxBackoffMs ?? 5 * 60_000,
      ...(options.onAccepted ? { onAccepted: options.onAccepted } : {}),
    };
  }

  static start(ctx: AppContext, options: PollerOptions = {}): ImapPoller {
    const poller = new ImapPoller(ctx, options);
    poller.schedule(0);
    return poller;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick()
        .catch((error: unknown) => this.ctx.log.error({ err: error }, 'IMAP poller tick failed'))
        .finally(() => {
          this.ticking = undefined;
          this.schedule(this.tickMs);
        });
    }, delay);
  }

  private async tick(): Promise<void> {
    const { database } = this.ctx;
    const active = new Map(
      (await repo.activeMailboxes(database)).map((row) => [row.id, row.updatedAt.getTime()] as const),
    );
    for (const [id, session] of this.sessions) {
      const changed = active.get(id) !== session.mailbox.updatedAt.getTime();
      if (changed || !(await repo.renew(database, id, this.owner, this.leaseSeconds))) await this.end(id);
    }
    for (const id of active.keys()) {
      if (this.stopped) return;
      if (this.sessions.has(id)) continue;
      const mailbox = await repo.claim(database, id, this.owner, this.leaseSeconds);
      if (!mailbox) continue;
      const session = new MailboxSession(this.ctx, mailbox, this.sessionOptions);
      this.sessions.set(id, session);
      session.start();
    }
  }

  private async end(id: string): Promise<void> {
    const session = this.sessions.get(id);
    this.sessions.delete(id);
    await session?.stop();
    await repo.release(this.ctx.database, id, this.owner);
  }

  /** The mailboxes this poller holds right now. */
  get polling(): string[] {
    return [...this.sessions.keys()];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    await Promise.all([...this.sessions.keys()].map((id) => this.end(id)));
  }
}
