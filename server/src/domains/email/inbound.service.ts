// Accepting inbound mail: the raw message is spooled (fsynced) and recorded in one statement
// before the sender hears 250 — from SMTP here, from IMAP through `acceptRawMail`; the row is
// the ingest job (email.jobs.ts). Also which recipients the desk accepts, spool recovery at start, and the
// admin side: inbound addresses, catch-all, the quarantine and the sender blocklist.
import { randomUUID } from 'node:crypto';
import { type AppContext, transaction } from '../../context.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import { groupCommit } from '../../platform/group-commit.ts';
import { sha256 } from '../../platform/ids.ts';
import type { Principal } from '../../platform/principal.ts';
import { getCase, updateCase } from '../cases/cases.service.ts';
import { caseReferenceData } from '../cases/reference-data.ts';
import { settingsRepository } from '../settings/settings.repository.ts';
import { type AddressRow, type InboundRow, type InboundState, emailRepository as repo } from './email.repository.ts';
import type { IngestJob } from './ingest.repository.ts';
import { listSpool, readSpool, removeSpool, spoolExists, spoolPath, writeSpool } from './spool.ts';

export const INGEST_QUEUE = 'email.ingest';
/** How long a row taken for ingestion is left to its process before another may take it. */
export const INGEST_LEASE_SECONDS = 300;
const SETTINGS_KEY = 'email.inbound';

export interface MailSource {
  kind: 'smtp' | 'imap';
  envelopeFrom?: string | null;
  recipients: string[];
  /** SMTP: the connecting client's address and HELO name. */
  remoteAddress?: string;
  helo?: string;
  /** IMAP: the mailbox (e.g. "support@example.com/INBOX"), its UIDVALIDITY and the message UID. */
  mailbox?: string;
  uidValidity?: number;
  uid?: number;
}

/**
 * Makes an accepted message durable: spool file fsynced, row committed. Only
 * after this resolves may the sender be told 250 (or the IMAP message be flagged/moved).
 * An IMAP message recorded before (same mailbox, UIDVALIDITY and UID) is not recorded twice.
 */
export async function acceptRawMail(
  ctx: AppContext,
  raw: Uint8Array,
  source: MailSource,
): Promise<{ id: string; duplicate: boolean }> {
  const id = randomUUID();
  await writeSpool(ctx.config.dataDir, id, raw);
  const recorded = await recorder(ctx)({ id, raw, source });
  if (!recorded.inserted) await removeSpool(ctx.config.dataDir, id);
  return { id: recorded.id, duplicate: !recorded.inserted };
}

interface Spooled {
  id: string;
  raw: Uint8Array;
  source: MailSource;
}

/**
 * Records spooled messages in one statement; messages handed over while one is running are
 * recorded together in the next (group commit). A worker process ingests what it records
 * itself (taken for a lease in the same statement, handed to its queue after the commit);
 * otherwise the rows wait for a worker to take them.
 */
async function record(ctx: AppContext, messages: Spooled[]) {
  const queue = ctx.jobs?.working ? ctx.jobs.rowQueue<IngestJob>(INGEST_QUEUE) : undefined;
  const rows = messages.map(({ id, raw, source }) => ({
    id,
    source: source.kind,
    envelopeFrom: source.envelopeFrom?.toLowerCase() || null,
    remoteAddress: source.remoteAddress ?? null,
    helo: source.helo ?? null,
    recipients: source.recipients.map((address) => address.toLowerCase()),
    mailbox: source.mailbox ?? null,
    uidValidity: source.uidValidity ?? null,
    uid: source.uid ?? null,
    spoolPath: spoolPath(id),
    size: raw.length,
    sha256: sha256(raw),
  }));
  const recorded = await repo.insertInbound(ctx.database, rows, queue ? INGEST_LEASE_SECONDS : null);
  queue?.offer(
    rows.flatMap((row, index) =>
      recorded[index]!.inserted
        ? [
            {
              id: row.id,
              spool_path: row.spoolPath,
              size: row.size,
              remote_address: row.remoteAddress,
              helo: row.helo,
              envelope_from: row.envelopeFrom,
            },
          ]
        : [],
    ),
  );
  return recorded;
}

/** Accept statements at once: a message need not wait for the one in flight to commit. */
const RECORD_ROUNDS = 2;
const recorders = new WeakMap<AppContext, (message: Spooled) => Promise<{ id: string; inserted: boolean }>>();
function recorder(ctx: AppContext) {
  let recorderOfCtx = recorders.get(ctx);
  if (!recorderOfCtx) {
    recorderOfCtx = groupCommit((messages: Spooled[]) => record(ctx, messages), { rounds: RECORD_ROUNDS });
    recorders.set(ctx, recorderOfCtx);
  }
  return recorderOfCtx;
}

/** Spool files read and recorded together by the recovery (whole messages in memory). */
const RECOVER_BATCH = 50;

/**
 * Records and ingests spool files (older than `minAgeMs`) that have no row: mail accepted just
 * before the database lost it (an embedded database restored after a power failure), or
 * written by a process killed between the fsync and the commit (its sender got no 250 and
 * retries; the copy is then a duplicate by Message-ID). Recorded mail still waiting needs
 * nothing: the ingest queue takes it. Returns how many files were recovered.
 */
export async function recoverSpool(ctx: AppContext, minAgeMs: number): Promise<number> {
  const ids = await listSpool(ctx.config.dataDir, minAgeMs);
  let recovered = 0;
  for (let start = 0; start < ids.length; start += RECOVER_BATCH) {
    const batch = ids.slice(start, start + RECOVER_BATCH);
    const known = await repo.existingIds(ctx.database, batch);
    const missing = batch.filter((candidate) => !known.has(candidate));
    if (missing.length === 0) continue;
    const messages = await Promise.all(
      missing.map(async (id) => ({
        id,
        raw: await readSpool(ctx.config.dataDir, spoolPath(id)),
        // The envelope is gone with the row: routing falls back to the To and Cc headers.
        source: { kind: 'smtp' as const, recipients: [] },
      })),
    );
    recovered += (await record(ctx, messages)).filter((entry) => entry.inserted).length;
  }
  if (recovered > 0) ctx.log.warn({ recovered }, `recovered ${recovered} spooled message(s) without a record`);
  return recovered;
}

/**
 * States whose raw message is no longer needed once the retention has passed. Quarantined mail
 * keeps its spool file: its download and its reprocessing read it.
 */
const PRUNABLE_STATES: InboundState[] = ['ingested', 'duplicate', 'ignored'];

/** Removes the spool files of mail processed (ingested, duplicate, ignored) and older than `retentionMs`. */
export async function pruneSpool(ctx: AppContext, retentionMs: number): Promise<number> {
  const ids = await listSpool(ctx.config.dataDir, retentionMs);
  let pruned = 0;
  for (let start = 0; start < ids.length; start += 500) {
    const prunable = await repo.idsInStates(ctx.database, ids.slice(start, start + 500), PRUNABLE_STATES);
    for (const id of prunable) await removeSpool(ctx.config.dataDir, id);
    pruned += prunable.length;
  }
  if (pruned > 0) ctx.log.info({ pruned }, `pruned ${pruned} spool file(s) past the retention`);
  return pruned;
}

// ---- Recipients -------------------------------------------------------------------------

interface Routing {
  addresses: Map<string, AddressRow>;
  catchAll: boolean;
}

const ROUTING_TTL_MS = 5_000;
const routingCache = new WeakMap<AppContext, { at: number; routing: Promise<Routing> }>();

/** The inbound addresses and the catch-all switch, cached briefly (the SMTP listener asks per recipient). */
function routing(ctx: AppContext): Promise<Routing> {
  const cached = routingCache.get(ctx);
  if (cached && Date.now() - cached.at < ROUTING_TTL_MS) return cached.routing;
  const loaded = (async () => ({
    addresses: new Map((await repo.addresses(ctx.database)).map((row) => [row.address, row])),
    catchAll: (await settingsRepository.get<{ catchAll?: boolean }>(ctx.database, SETTINGS_KEY))?.catchAll === true,
  }))();
  routingCache.set(ctx, { at: Date.now(), routing: loaded });
  loaded.catch(() => routingCache.delete(ctx));
  return loaded;
}

/** Until addresses are configured every recipient is accepted; then only those, unless catch-all is on. */
export async function acceptsRecipient(ctx: AppContext, address: string): Promise<boolean> {
  const current = await routing(ctx);
  return current.addresses.size === 0 || current.catchAll || current.addresses.has(address.toLowerCase());
}

export interface InboundRouting {
  /** Where mail to these recipients goes: the first configured address among them, else the default team. */
  route(recipients: string[]): { teamId: string | null; category: string | null };
  /** Whether an address is one of the desk's own (it never becomes a participant). */
  isDeskAddress(address: string): boolean;
}

export async function inboundRouting(ctx: AppContext): Promise<InboundRouting> {
  const current = await routing(ctx);
  return {
    route(recipients) {
      const match = recipients.map((address) => current.addresses.get(address.toLowerCase())).find(Boolean);
      return { teamId: match?.team_id ?? null, category: match?.category ?? null };
    },
    isDeskAddress: (address) => current.addresses.has(address.toLowerCase()),
  };
}

// ---- Admin: addresses and catch-all ----------------------------------------------------------

const presentAddress = (row: AddressRow) => ({
  id: row.id,
  address: row.address,
  teamId: row.team_id,
  category: row.category,
});

export async function listAddresses(ctx: AppContext) {
  const current = await routing(ctx);
  return { items: [...current.addresses.values()].map(presentAddress), nextCursor: null, catchAll: current.catchAll };
}

export async function addAddress(
  ctx: AppContext,
  input: { address: string; teamId?: string | null; category?: string | null },
) {
  const address = input.address.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(address)) throw invalid('body/address', 'is not an email address');
  const reference = await caseReferenceData(ctx);
  if (input.category && !reference.categories.has(input.category)) {
    throw invalid('body/category', `unknown category "${input.category}"`);
  }
  if (input.teamId) {
    const team = await ctx.database.executeSql('SELECT 1 FROM teams WHERE id = $1', [input.teamId]);
    if (team.rows.length === 0) throw invalid('body/teamId', 'no such team');
  }
  const row = await repo.insertAddress(ctx.database, {
    address,
    teamId: input.teamId ?? null,
    category: input.category ?? null,
  });
  if (!row) throw new AppError('conflict', `${address} is already an inbound address`);
  routingCache.delete(ctx);
  return presentAddress(row);
}

export async function removeAddress(ctx: AppContext, id: string): Promise<void> {
  if (!(await repo.deleteAddress(ctx.database, id))) throw notFound('inbound address');
  routingCache.delete(ctx);
}

export async function setCatchAll(ctx: AppContext, catchAll: boolean) {
  await settingsRepository.put(ctx.database, SETTINGS_KEY, { catchAll });
  routingCache.delete(ctx);
  return listAddresses(ctx);
}

// ---- Admin: quarantine -------------------------------------------------------------------------

export const presentInbound = (row: InboundRow) => ({
  id: row.id,
  source: row.source,
  state: row.state,
  reason: row.reason,
  envelopeFrom: row.envelope_from,
  recipients: row.recipients,
  from: row.from_address,
  subject: row.subject,
  size: row.size,
  caseId: row.case_id,
  receivedAt: new Date(row.received_at).toISOString(),
  processedAt: row.processed_at ? new Date(row.processed_at).toISOString() : null,
});

const isInboundCursor = (value: unknown[]): value is [string, string] =>
  value.length === 2 &&
  typeof value[0] === 'string' &&
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?[+-]\d{2}(?::\d{2})?$/.test(value[0]) &&
  typeof value[1] === 'string' &&
  /^[0-9a-f-]{36}$/.test(value[1]);

export async function listInbound(ctx: AppContext, query: { state?: InboundState; cursor?: string; limit?: number }) {
  const limit = query.limit ?? 50;
  const before = query.cursor ? decodeCursor(query.cursor, isInboundCursor) : undefined;
  const rows = await repo.list(ctx.database, query.state ?? 'quarantined', before, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(presentInbound),
    nextCursor: rows.length > limit && last ? encodeCursor([last.received_key, last.id]) : null,
  };
}

/** The raw message as it was received, for download. */
export async function rawMessage(ctx: AppContext, id: string): Promise<{ row: InboundRow; raw: Buffer }> {
  const row = await repo.byId(ctx.database, id);
  if (!row) throw notFound('inbound message');
  return { row, raw: await readSpool(ctx.config.dataDir, row.spool_path) };
}

/** Sends a quarantined (or ignored) message through ingestion again, e.g. after a fix or an unblock. */
export async function reprocess(ctx: AppContext, id: string) {
  return transaction(ctx, async (unit) => {
    const row = await repo.byId(unit, id);
    if (!row) throw notFound('inbound message');
    if (!(await spoolExists(ctx.config.dataDir, row.spool_path))) {
      throw new AppError('conflict', 'the raw message is no longer kept (spool retention passed)');
    }
    if (!(await repo.requeue(unit, id))) {
      throw new AppError('conflict', `only quarantined or ignored mail can be reprocessed (this one is ${row.state})`);
    }
    unit.afterCommit(() => ctx.jobs?.rowQueue(INGEST_QUEUE)?.poke());
    return presentInbound((await repo.byId(unit, id))!);
  });
}

// ---- Admin: blocklist ----------------------------------------------------------------------------

const presentBlock = (row: Awaited<ReturnType<typeof repo.blocklist>>[number]) => ({
  id: row.id,
  kind: row.kind,
  value: row.value,
  reason: row.reason,
  createdAt: new Date(row.created_at).toISOString(),
});

export async function listBlocklist(ctx: AppContext) {
  return { items: (await repo.blocklist(ctx.database)).map(presentBlock), nextCursor: null };
}

export async function blockSender(
  ctx: AppContext,
  principal: Principal,
  input: { kind: 'address' | 'domain'; value: string; reason?: string },
) {
  const value = input.value.trim().toLowerCase().replace(/^@/, '');
  const valid = input.kind === 'address' ? /^[^\s@]+@[^\s@]+$/.test(value) : /^[^\s@]+\.[^\s@]+$/.test(value);
  if (!valid) throw invalid('body/value', `is not ${input.kind === 'address' ? 'an email address' : 'a domain'}`);
  return presentBlock(
    await repo.block(ctx.database, {
      kind: input.kind,
      value,
      reason: input.reason?.trim() || 'blocked by an admin',
      createdBy: principal.kind === 'user' ? principal.id : null,
    }),
  );
}

export async function unblock(ctx: AppContext, id: string): Promise<void> {
  if (!(await repo.unblock(ctx.database, id))) throw notFound('blocklist entry');
}

// ---- Spam -----------------------------------------------------------------------------------

export const SPAM_TAG = 'spam';

/**
 * Marks a case as spam: tagged `spam` and closed (out of every inbox), and — unless told
 * otherwise — its customer's address goes on the blocklist, so their next mail is kept as
 * `ignored` instead of opening a case.
 */
export async function markSpam(ctx: AppContext, principal: Principal, caseId: string, block: boolean) {
  const current = await getCase(ctx, principal, caseId);
  const updated = await updateCase(ctx, principal, caseId, {
    version: current.version,
    status: 'closed',
    tags: [...new Set([...current.tags, SPAM_TAG])],
  });
  const blocked = block
    ? await blockSender(ctx, principal, {
        kind: 'address',
        value: current.customer.email,
        reason: `marked as spam on case #${current.number}`,
      })
    : null;
  return { case: updated, blocked };
}
