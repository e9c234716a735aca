// One mailbox, one connection: catch up from the stored cursor, then wait for new mail (IDLE
// where the server offers it, else the poll interval), again and again; on any failure
// record the error on the mailbox, back off and reconnect. The cursor — UIDVALIDITY and the
// last accepted UID — decides what is fetched, never the \Seen flag, and it moves only after
// acceptRawMail has committed the message: a crash in between refetches it, and the
// Message-ID dedupe of the ingest pipeline keeps it from being stored twice.
import type { ImapFlow, ImapFlowError } from 'imapflow';
import type { AppContext } from '../../context.ts';
import type { MailboxRow } from './imap.repository.ts';
import { imapRepository as repo } from './imap.repository.ts';
import { decryptPassword } from './imap.secrets.ts';
import { moveTarget } from './imap.service.ts';
import { acceptRawMail } from './inbound.service.ts';

export interface SessionOptions {
  owner: string;
  /** Messages fetched per FETCH command. */
  batchSize: number;
  /** First reconnect delay; doubled after each failure up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
  /** Called after each message is accepted and the cursor moved past it. */
  onAccepted?: (mailboxId: string, uid: number) => void;
}

/** Messages whose sizes are looked up at once; the rest wait for the next round of the catch-up. */
const SIZE_LOOKUP = 1000;
/** Bytes fetched in one FETCH (memory held at once), unless a single message is bigger. */
const BATCH_BYTES = 32 * 1024 * 1024;

class LeaseLost extends Error {
  constructor() {
    super('the mailbox is now polled by another process');
  }
}

/** A readable reason for the mailbox's error field (never the password). */
export function describeImapError(error: unknown): string {
  const imapError = error as ImapFlowError;
  if (imapError.authenticationFailed) {
    return `authentication failed${imapError.responseText ? `: ${imapError.responseText}` : ''}`;
  }
  const parts = [imapError.code, imapError.responseText ?? imapError.reason ?? imapError.message].filter(Boolean);
  return parts.join(': ') || String(error);
}

export class MailboxSession {
  private stopped = false;
  private client: ImapFlow | undefined;
  /** Wakes whatever the session is waiting for (new mail, a poll tick, the next reconnect). */
  private wake: (() => void) | undefined;
  private running: Promise<void> | undefined;
  /** Set by every EXISTS that grows the folder; cleared before each SEARCH. */
  private newMail = false;

  constructor(
    private readonly ctx: AppContext,
    readonly mailbox: MailboxRow,
    private readonly options: SessionOptions,
  ) {}

  start(): void {
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    this.client?.close();
    await this.running;
  }

  get id(): string {
    return this.mailbox.id;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        await this.connectAndFollow(() => {
          failures = 0;
        });
      } catch (error) {
        if (this.stopped) break;
        if (error instanceof LeaseLost) {
          this.ctx.log.warn({ mailbox: this.id }, error.message);
          break;
        }
        failures += 1;
        const message = describeImapError(error);
        this.ctx.log.warn({ mailbox: this.id, err: error, failures }, `IMAP mailbox ${this.mailbox.name}: ${message}`);
        await repo.recordError(this.ctx.database, this.id, this.options.owner, message).catch(() => {});
        const delay = Math.min(this.options.backoffMs * 2 ** (failures - 1), this.options.maxBackoffMs);
        await this.sleep(delay * (0.75 + Math.random() * 0.5));
      }
    }
  }

  /** Returns only when stopped; throws on any failure. */
  private async connectAndFollow(connected: () => void): Promise<void> {
    const { mailbox } = this;
    // Loaded by the first mailbox to connect: a desk without IMAP mailboxes never pays for it.
    const { ImapFlow } = await import('imapflow');
    const client = new ImapFlow({
      host: mailbox.host,
      port: mailbox.port,
      secure: mailbox.tls,
      auth: { user: mailbox.username, pass: decryptPassword(this.ctx.secret, mailbox.passwordEncrypted) },
      logger: false,
      // IDLE is started explicitly while waiting for mail (waitForMail), never between commands.
      disableAutoIdle: true,
      // Restarting IDLE now and then notices a connection that died silently (NAT, proxies).
      maxIdleTime: 5 * 60_000,
      connectionTimeout: 30_000,
    });
    let lastError: unknown;
    client.on('error', (error: unknown) => {
      lastError = error;
    });
    client.on('exists', (event: { count: number; prevCount: number }) => {
      if (event.count <= event.prevCount) return;
      this.newMail = true;
      this.wake?.();
    });
    this.client = client;
    try {
      await client.connect();
      connected();
      const target = moveTarget(mailbox.afterProcessing);
      if (target) await this.ensureFolder(client, target);
      await client.mailboxOpen(mailbox.folder);
      while (!this.stopped) {
        await this.catchUp(client);
        await repo.recordSuccess(this.ctx.database, this.id, this.options.owner);
        // On each poll tick the folder is selected afresh: a folder deleted and recreated
        // (a new UIDVALIDITY) sends no EXISTS to a session that still has the old one open.
        if ((await this.waitForMail(client, () => lastError)) === 'timer') await client.mailboxOpen(mailbox.folder);
      }
    } finally {
      this.client = undefined;
      if (client.usable) await client.logout().catch(() => client.close());
      else client.close();
    }
  }

  private async ensureFolder(client: ImapFlow, path: string): Promise<void> {
    const folders = await client.list();
    if (!folders.some((folder) => folder.path === path)) await client.mailboxCreate(path);
  }

  /** Fetches everything above the cursor, in UID order and in batches, accepting each message. */
  private async catchUp(client: ImapFlow): Promise<void> {
    const { owner } = this.options;
    const selected = client.mailbox;
    if (!selected) throw new Error(`folder ${this.mailbox.folder} is not selected`);
    const uidValidity = Number(selected.uidValidity);
    const cursor = await repo.cursor(this.ctx.database, this.id, owner);
    if (!cursor) throw new LeaseLost();
    let lastUid = cursor.lastUid;
    if (cursor.uidValidity !== uidValidity) {
      // A new UIDVALIDITY invalidates every UID we knew: fetch the folder again from the
      // start; messages already accepted are recognised by their Message-ID.
      if (cursor.uidValidity !== null) {
        this.ctx.log.warn(
          { mailbox: this.id, from: cursor.uidValidity, to: uidValidity },
          `IMAP mailbox ${this.mailbox.name}: UIDVALIDITY changed, fetching the folder again`,
        );
      }
      lastUid = 0;
      if (!(await repo.setCursor(this.ctx.database, this.id, owner, uidValidity, 0))) throw new LeaseLost();
    }
    for (;;) {
      this.newMail = false;
      // `n:*` also matches the highest UID when it is below n: keep only the new ones.
      const found = (await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [];
      const pending = found.filter((uid) => uid > lastUid).sort((a, b) => a - b);
      if (pending.length === 0 || this.stopped) return;
      for (const batch of await this.batches(client, pending.slice(0, SIZE_LOOKUP))) {
        if (this.stopped) return;
        lastUid = await this.acceptBatch(client, batch, uidValidity, lastUid);
      }
    }
  }

  /** Splits UIDs into FETCH batches of at most `batchSize` messages and BATCH_BYTES (a bigger message alone). */
  private async batches(client: ImapFlow, uids: number[]): Promise<number[][]> {
    const sizes = new Map(
      (await client.fetchAll(uids.join(','), { uid: true, size: true }, { uid: true })).map(
        (message) => [message.uid, message.size ?? 0] as const,
      ),
    );
    const batches: number[][] = [];
    let current: number[] = [];
    let bytes = 0;
    for (const uid of uids) {
      const size = sizes.get(uid) ?? 0;
      if (current.length > 0 && (current.length >= this.options.batchSize || bytes + size > BATCH_BYTES)) {
        batches.push(current);
        current = [];
        bytes = 0;
      }
      current.push(uid);
      bytes += size;
    }
    if (current.length > 0) batches.push(current);
    return batches;
  }

  private async acceptBatch(client: ImapFlow, uids: number[], uidValidity: number, lastUid: number): Promise<number> {
    const { owner } = this.options;
    // fetchAll, not fetch(): no other command may run on the connection while a FETCH streams.
    const messages = await client.fetchAll(uids.join(','), { uid: true, source: true, envelope: true }, { uid: true });
    messages.sort((a, b) => a.uid - b.uid);
    const accepted: number[] = [];
    for (const message of messages) {
      if (this.stopped) break;
      if (!message.source) continue;
      const envelope = message.envelope;
      const recipients = [...(envelope?.to ?? []), ...(envelope?.cc ?? [])]
        .map((entry) => entry.address?.toLowerCase())
        .filter((address): address is string => Boolean(address));
      await acceptRawMail(this.ctx, message.source, {
        kind: 'imap',
        recipients,
        mailbox: this.id,
        uidValidity,
        uid: message.uid,
      });
      if (!(await repo.setCursor(this.ctx.database, this.id, owner, uidValidity, message.uid))) throw new LeaseLost();
      lastUid = message.uid;
      accepted.push(message.uid);
      this.options.onAccepted?.(this.id, message.uid);
    }
    // UIDs with no message were expunged between SEARCH and FETCH: nothing to wait for.
    if (!this.stopped && messages.length < uids.length) {
      const highest = uids.at(-1)!;
      if (highest > lastUid) {
        if (!(await repo.setCursor(this.ctx.database, this.id, owner, uidValidity, highest))) throw new LeaseLost();
        lastUid = highest;
      }
    }
    if (accepted.length > 0) await this.afterProcessing(client, accepted);
    return lastUid;
  }

  /** Flags or moves what was accepted; the cursor has already moved, so a failure here loses nothing. */
  private async afterProcessing(client: ImapFlow, uids: number[]): Promise<void> {
    const action = this.mailbox.afterProcessing;
    const range = uids.join(',');
    if (action === 'flag') await client.messageFlagsAdd(range, ['\\Seen'], { uid: true });
    const target = moveTarget(action);
    if (target) await client.messageMove(range, target, { uid: true });
  }

  /** Resolves on new mail (IDLE), at the poll tick or when stopped; rejects when the connection closes. */
  private waitForMail(client: ImapFlow, lastError: () => unknown): Promise<'mail' | 'timer'> {
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        client.off('close', onClose);
        this.wake = undefined;
      };
      const finish = (reason: 'mail' | 'timer') => {
        done();
        resolve(reason);
      };
      const onClose = () => {
        done();
        if (this.stopped) resolve('mail');
        else reject(lastError() ?? new Error('the server closed the connection'));
      };
      const timer = setTimeout(() => finish('timer'), this.mailbox.pollIntervalSeconds * 1000);
      this.wake = () => finish('mail');
      client.on('close', onClose);
      if (!client.usable) return onClose();
      // New mail announced while the last catch-up ran (in the answer to another command).
      if (this.newMail) return finish('mail');
      // IDLE where the server offers it (the next command ends it); else the timer polls.
      // A failed IDLE closes the connection, which onClose reports.
      if (this.mailbox.mode === 'idle' && client.capabilities.has('IDLE')) client.idle().catch(() => {});
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = finish;
    });
  }
}
