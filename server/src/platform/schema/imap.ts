import { bigint, boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { categories } from './cases.ts';
import { teams } from './identity.ts';

/**
 * IMAP mailboxes polled by the worker. The cursor (UIDVALIDITY + last accepted UID) decides
 * what is fetched, never the \Seen flag; the lease makes one process at a time the owner.
 */
export const imapMailboxes = pgTable('imap_mailboxes', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  host: text('host').notNull(),
  port: integer('port').notNull(),
  tls: boolean('tls').notNull(),
  username: text('username').notNull(),
  /** AES-256-GCM under a key derived from the server secret (imap.secrets.ts); never returned by the API. */
  passwordEncrypted: text('password_encrypted').notNull(),
  folder: text('folder').notNull().default('INBOX'),
  /** poll | idle */
  mode: text('mode').notNull().default('idle'),
  pollIntervalSeconds: integer('poll_interval_seconds').notNull().default(60),
  /** none | flag | move:<folder> */
  afterProcessing: text('after_processing').notNull().default('none'),
  teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
  category: text('category').references(() => categories.id, { onDelete: 'set null' }),
  active: boolean('active').notNull().default(true),
  /** The cursor: mail with a UID above lastUid under this UIDVALIDITY is still to fetch. */
  uidValidity: bigint('uid_validity', { mode: 'number' }),
  lastUid: bigint('last_uid', { mode: 'number' }).notNull().default(0),
  lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  lastError: text('last_error'),
  lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
  /** Which process polls it, until when (renewed while it works). */
  leaseOwner: text('lease_owner'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** Bumped on every change of the settings: a running session restarts with the new ones. */
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
