// IMAP mailboxes: the settings admins edit, and the poller's lease and cursor. Every write
// the poller makes is fenced by its lease (`lease_owner = owner`), so a process that lost
// the mailbox to another can never move the cursor.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db.ts';
import { categories, imapMailboxes, teams } from '../../platform/schema/index.ts';

export type MailboxRow = typeof imapMailboxes.$inferSelect;
export type MailboxSettings = Pick<
  MailboxRow,
  | 'name'
  | 'host'
  | 'port'
  | 'tls'
  | 'username'
  | 'passwordEncrypted'
  | 'folder'
  | 'mode'
  | 'pollIntervalSeconds'
  | 'afterProcessing'
  | 'teamId'
  | 'category'
  | 'active'
>;

/** Who owns a mailbox: the lease is claimable when free, expired or already ours. */
const claimable = (owner: string) =>
  sql`(${imapMailboxes.leaseOwner} IS NULL OR ${imapMailboxes.leaseUntil} < now() OR ${imapMailboxes.leaseOwner} = ${owner})`;
const leaseFor = (seconds: number) => sql`now() + make_interval(secs => ${seconds})`;
const heldBy = (id: string, owner: string) => and(eq(imapMailboxes.id, id), eq(imapMailboxes.leaseOwner, owner));

export const imapRepository = {
  list: (tx: Tx) => tx.db.select().from(imapMailboxes).orderBy(asc(imapMailboxes.name), asc(imapMailboxes.createdAt)),

  byId: async (tx: Tx, id: string) =>
    (await tx.db.select().from(imapMailboxes).where(eq(imapMailboxes.id, id)).limit(1))[0],

  insert: async (tx: Tx, values: MailboxSettings) => (await tx.db.insert(imapMailboxes).values(values).returning())[0]!,

  /** Applies the change; a different server, account or folder starts a new cursor. */
  update: async (tx: Tx, id: string, patch: Partial<MailboxSettings>, resetCursor: boolean) =>
    (
      await tx.db
        .update(imapMailboxes)
        .set({ ...patch, ...(resetCursor ? { uidValidity: null, lastUid: 0 } : {}), updatedAt: sql`now()` })
        .where(eq(imapMailboxes.id, id))
        .returning()
    )[0],

  delete: async (tx: Tx, id: string) =>
    (await tx.db.delete(imapMailboxes).where(eq(imapMailboxes.id, id)).returning({ id: imapMailboxes.id })).length > 0,

  teamExists: async (tx: Tx, id: string) =>
    (await tx.db.select({ id: teams.id }).from(teams).where(eq(teams.id, id)).limit(1)).length > 0,
  categoryExists: async (tx: Tx, id: string) =>
    (await tx.db.select({ id: categories.id }).from(categories).where(eq(categories.id, id)).limit(1)).length > 0,

  /** Where mail fetched from this mailbox goes (for the ingest pipeline). */
  routing: async (tx: Tx, id: string) =>
    (
      await tx.db
        .select({ teamId: imapMailboxes.teamId, category: imapMailboxes.category })
        .from(imapMailboxes)
        .where(eq(imapMailboxes.id, id))
        .limit(1)
    )[0],

  /** What the poller looks at on each tick. */
  activeMailboxes: (tx: Tx) =>
    tx.db
      .select({ id: imapMailboxes.id, updatedAt: imapMailboxes.updatedAt })
      .from(imapMailboxes)
      .where(eq(imapMailboxes.active, true)),

  /** Takes (or keeps) the lease; returns the mailbox when this process owns it now. */
  claim: async (tx: Tx, id: string, owner: string, seconds: number) =>
    (
      await tx.db
        .update(imapMailboxes)
        .set({ leaseOwner: owner, leaseUntil: leaseFor(seconds) })
        .where(and(eq(imapMailboxes.id, id), eq(imapMailboxes.active, true), claimable(owner)))
        .returning()
    )[0],

  renew: async (tx: Tx, id: string, owner: string, seconds: number) =>
    (
      await tx.db
        .update(imapMailboxes)
        .set({ leaseUntil: leaseFor(seconds) })
        .where(heldBy(id, owner))
        .returning({ id: imapMailboxes.id })
    ).length > 0,

  release: (tx: Tx, id: string, owner: string) =>
    tx.db.update(imapMailboxes).set({ leaseOwner: null, leaseUntil: null }).where(heldBy(id, owner)),

  /** The cursor as stored (read at the start of every catch-up: an admin may have reset it). */
  cursor: async (tx: Tx, id: string, owner: string) =>
    (
      await tx.db
        .select({ uidValidity: imapMailboxes.uidValidity, lastUid: imapMailboxes.lastUid })
        .from(imapMailboxes)
        .where(heldBy(id, owner))
        .limit(1)
    )[0],

  /** Moves the cursor (a new UIDVALIDITY starts again from 0); false when the lease was lost. */
  setCursor: async (tx: Tx, id: string, owner: string, uidValidity: number, lastUid: number) =>
    (
      await tx.db
        .update(imapMailboxes)
        .set({ uidValidity, lastUid })
        .where(heldBy(id, owner))
        .returning({ id: imapMailboxes.id })
    ).length > 0,

  recordSuccess: (tx: Tx, id: string, owner: string) =>
    tx.db.update(imapMailboxes).set({ lastSuccessAt: sql`now()` }).where(heldBy(id, owner)),

  recordError: (tx: Tx, id: string, owner: string, message: string) =>
    tx.db
      .update(imapMailboxes)
      .set({ lastError: message.slice(0, 1000), lastErrorAt: sql`now()` })
      .where(heldBy(id, owner)),
};
