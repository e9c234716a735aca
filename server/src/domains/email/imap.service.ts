// Admin commands on IMAP mailboxes. The password is encrypted before it reaches the
// repository and never leaves the server again; the poller notices every change through
// `updated_at` and restarts the mailbox's session with the new settings.
import { type AppContext, transaction } from '../../context.ts';
import { invalid, notFound } from '../../errors.ts';
import type { Tx } from '../../platform/db.ts';
import { type MailboxRow, type MailboxSettings, imapRepository as repo } from './imap.repository.ts';
import { encryptPassword } from './imap.secrets.ts';

export const MAILBOX_MODES = ['poll', 'idle'] as const;
export type MailboxMode = (typeof MAILBOX_MODES)[number];

export interface MailboxInput {
  name: string;
  host: string;
  port: number;
  tls: boolean;
  username: string;
  password: string;
  folder: string;
  mode: MailboxMode;
  pollIntervalSeconds: number;
  /** none | flag | move:<folder> */
  afterProcessing: string;
  teamId: string | null;
  category: string | null;
  active: boolean;
}

/** What the API shows: settings without the password, the cursor and the health of the mailbox. */
export interface MailboxView extends Omit<MailboxInput, 'password' | 'mode'> {
  id: string;
  mode: string;
  uidValidity: number | null;
  lastUid: number;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** ok: the last attempt succeeded; error: it failed; pending: not polled yet (or inactive). */
  status: 'ok' | 'error' | 'pending';
  polledBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export function presentMailbox(row: MailboxRow): MailboxView {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  const failedLast = row.lastErrorAt !== null && (row.lastSuccessAt === null || row.lastErrorAt > row.lastSuccessAt);
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    tls: row.tls,
    username: row.username,
    folder: row.folder,
    mode: row.mode,
    pollIntervalSeconds: row.pollIntervalSeconds,
    afterProcessing: row.afterProcessing,
    teamId: row.teamId,
    category: row.category,
    active: row.active,
    uidValidity: row.uidValidity,
    lastUid: row.lastUid,
    lastSuccessAt: iso(row.lastSuccessAt),
    lastError: row.lastError,
    lastErrorAt: iso(row.lastErrorAt),
    status: failedLast ? 'error' : row.lastSuccessAt ? 'ok' : 'pending',
    polledBy: row.leaseUntil && row.leaseUntil > new Date() ? row.leaseOwner : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The folder mail is moved to after processing, or null for none/flag. */
export function moveTarget(afterProcessing: string): string | null {
  return afterProcessing.startsWith('move:') ? afterProcessing.slice('move:'.length) : null;
}

async function checkReferences(tx: Tx, input: Partial<MailboxInput>, folder: string | undefined): Promise<void> {
  if (input.teamId && !(await repo.teamExists(tx, input.teamId))) throw invalid('body/teamId', 'no such team');
  if (input.category && !(await repo.categoryExists(tx, input.category))) {
    throw invalid('body/category', 'no such category');
  }
  if (input.afterProcessing !== undefined && moveTarget(input.afterProcessing) === folder) {
    throw invalid('body/afterProcessing', 'cannot move mail into the folder it is fetched from');
  }
}

function settingsOf(ctx: AppContext, input: Partial<MailboxInput>): Partial<MailboxSettings> {
  const { password, ...rest } = input;
  return {
    ...rest,
    ...(rest.host !== undefined ? { host: rest.host.trim() } : {}),
    ...(password !== undefined ? { passwordEncrypted: encryptPassword(ctx.secret, password) } : {}),
  };
}

export function createMailbox(ctx: AppContext, input: MailboxInput): Promise<MailboxView> {
  return transaction(ctx, async (tx) => {
    await checkReferences(tx, input, input.folder);
    return presentMailbox(await repo.insert(tx, settingsOf(ctx, input) as MailboxSettings));
  });
}

export function updateMailbox(ctx: AppContext, id: string, patch: Partial<MailboxInput>): Promise<MailboxView> {
  return transaction(ctx, async (tx) => {
    const current = await repo.byId(tx, id);
    if (!current) throw notFound('mailbox');
    await checkReferences(tx, { afterProcessing: current.afterProcessing, ...patch }, patch.folder ?? current.folder);
    // Another server, account or folder has its own UIDs: its cursor starts over.
    const elsewhere =
      (patch.host !== undefined && patch.host.trim() !== current.host) ||
      (patch.port !== undefined && patch.port !== current.port) ||
      (patch.username !== undefined && patch.username !== current.username) ||
      (patch.folder !== undefined && patch.folder !== current.folder);
    return presentMailbox((await repo.update(tx, id, settingsOf(ctx, patch), elsewhere))!);
  });
}

export async function deleteMailbox(ctx: AppContext, id: string): Promise<void> {
  const deleted = await transaction(ctx, (tx) => repo.delete(tx, id));
  if (!deleted) throw notFound('mailbox');
}

export async function listMailboxes(ctx: AppContext): Promise<MailboxView[]> {
  return (await repo.list(ctx.database)).map(presentMailbox);
}

export async function getMailbox(ctx: AppContext, id: string): Promise<MailboxView> {
  const row = await repo.byId(ctx.database, id);
  if (!row) throw notFound('mailbox');
  return presentMailbox(row);
}
