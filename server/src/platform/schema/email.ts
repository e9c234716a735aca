import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cases, messages } from './cases.ts';
import { teams, users } from './identity.ts';

/**
 * Every message the desk accepted (SMTP) or fetched (IMAP), recorded before the sender got
 * its 250: the raw bytes live in the spool file, this row says what became of them.
 */
export const inboundMail = pgTable(
  'inbound_mail',
  {
    id: uuid('id').primaryKey(),
    /** smtp | imap */
    source: text('source').notNull(),
    envelopeFrom: text('envelope_from'),
    /** SMTP: the connecting client and its HELO, for SPF/DKIM/DMARC verification at ingest. */
    remoteAddress: text('remote_address'),
    helo: text('helo'),
    recipients: text('recipients').array().notNull().default(sql`'{}'::text[]`),
    /** IMAP only: where the message was fetched from, so a refetch is recognised. */
    mailbox: text('mailbox'),
    uidValidity: bigint('uid_validity', { mode: 'number' }),
    uid: bigint('uid', { mode: 'number' }),
    /** Path of the spool file, relative to the data folder. */
    spoolPath: text('spool_path').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    /** received | ingested | quarantined | duplicate | ignored */
    state: text('state').notNull().default('received'),
    reason: text('reason'),
    /** The Message-ID header, or `sha256:<hex>` without one: the same message is ingested once. */
    dedupeKey: text('dedupe_key'),
    subject: text('subject'),
    fromAddress: text('from_address'),
    caseId: uuid('case_id').references(() => cases.id),
    messageId: uuid('message_id').references(() => messages.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    /** Ingestion attempts that failed: retried with a backoff, quarantined after the last. */
    attempts: integer('attempts').notNull().default(0),
    /** While received: taken by a process, or waiting for its retry, until then; null: free to take. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('inbound_mail_dedupe_key').on(t.dedupeKey),
    uniqueIndex('inbound_mail_imap_key').on(t.mailbox, t.uidValidity, t.uid),
    index('inbound_mail_state_idx').on(t.state, t.receivedAt),
  ],
);

/** Addresses the desk receives mail for, and where their mail goes. None → every recipient is accepted. */
export const inboundAddresses = pgTable('inbound_addresses', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Lower-cased. */
  address: text('address').notNull().unique(),
  teamId: uuid('team_id').references(() => teams.id),
  category: text('category'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Senders (an address, or a whole domain) whose mail is kept as `ignored`, never opening a case. */
export const emailBlocklist = pgTable(
  'email_blocklist',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** address | domain */
    kind: text('kind').notNull(),
    /** Lower-cased address or domain. */
    value: text('value').notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('email_blocklist_kind_value_key').on(t.kind, t.value)],
);

/** The email side of an inbound message: headers for threading, the original text, authentication. */
export const emailMessages = pgTable(
  'email_messages',
  {
    messageId: uuid('message_id')
      .primaryKey()
      .references(() => messages.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    inboundMailId: uuid('inbound_mail_id').references(() => inboundMail.id),
    headerMessageId: text('header_message_id'),
    inReplyTo: text('in_reply_to'),
    references: text('references').array().notNull().default(sql`'{}'::text[]`),
    fromAddress: text('from_address').notNull(),
    fromName: text('from_name'),
    to: text('to').array().notNull().default(sql`'{}'::text[]`),
    cc: text('cc').array().notNull().default(sql`'{}'::text[]`),
    subject: text('subject').notNull(),
    /** The decoded text as sent, quoted history included (the message's body_text has it folded). */
    originalText: text('original_text').notNull(),
    /** SPF, DKIM and DMARC results: {spf, dkim, dmarc}. */
    authentication: jsonb('authentication').$type<Record<string, string>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('email_messages_case_sender_idx').on(t.caseId, t.fromAddress, t.createdAt)],
);

/** People on a case besides its customer (CC'd on an email): they may write to it and receive replies. */
export const caseParticipants = pgTable(
  'case_participants',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    email: text('email').notNull(),
    name: text('name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.email] })],
);
