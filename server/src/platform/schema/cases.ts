import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { customers } from './customers.ts';
import { teams, users } from './identity.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const caseNumbers = pgSequence('case_number_seq', { startWith: 1000 });

export const categories = pgTable('categories', {
  id: text('id').primaryKey(),
  builtin: boolean('builtin').notNull().default(false),
  /** Display names per language: {en, ru, pl, ro}. */
  labels: jsonb('labels').$type<Record<string, string>>().notNull(),
});

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: bigint('number', { mode: 'number' }).notNull().unique().default(sql`nextval('case_number_seq')`),
    subject: text('subject').notNull(),
    status: text('status').notNull().default('new'),
    priority: text('priority').notNull().default('normal'),
    category: text('category').notNull().default('other'),
    channel: text('channel').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    language: text('language').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    ownerId: uuid('owner_id').references(() => users.id),
    teamId: uuid('team_id').references(() => teams.id),
    followUpOf: uuid('follow_up_of'),
    /** Due time of the current commitment, kept on the case so the inbox can sort by it. */
    commitmentDueAt: timestamp('commitment_due_at', { withTimezone: true }),
    /** Position of the escalation-ladder rung now handling the case (1 = the first rung). */
    escalationLevel: integer('escalation_level').notNull().default(1),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    index('cases_open_team_idx')
      .on(t.teamId, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`status NOT IN ('resolved', 'closed')`),
    index('cases_open_owner_idx')
      .on(t.ownerId, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`status NOT IN ('resolved', 'closed')`),
    // The inbox by the next promised date ("due first", "overdue").
    index('cases_open_team_due_idx')
      .on(t.teamId, t.commitmentDueAt, t.id)
      .where(sql`status NOT IN ('resolved', 'closed') AND commitment_due_at IS NOT NULL`),
    index('cases_updated_idx').on(t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // Similar cases, newest first: the history an honest-date proposal is drawn from.
    // With the id, an index-only scan.
    index('cases_similar_idx').on(t.category, t.channel, t.priority, t.createdAt, t.id),
    index('cases_customer_idx').on(t.customerId),
    index('cases_subject_trgm_idx').using('gin', sql`${t.subject} gin_trgm_ops`),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    direction: text('direction').notNull(),
    visibility: text('visibility').notNull(),
    channel: text('channel').notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id),
    authorCustomerId: uuid('author_customer_id').references(() => customers.id),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html'),
    language: text('language').notNull(),
    /** The commitment footer this customer message carried when it was sent: {text, html}. */
    footer: jsonb('footer').$type<{ text: string; html: string }>(),
    /** Full-text vector built with the message language's configuration (Polish pre-stemmed). */
    search: tsvector('search').notNull(),
    /** Email delivery of a public outbound message: queued | sent | failed | bounced; null when not emailed. */
    deliveryState: text('delivery_state'),
    deliveryError: text('delivery_error'),
    /** The party outside the case a `third-party` message went to (outbound) or came from (inbound). */
    thirdPartyEmail: text('third_party_email'),
    thirdPartyName: text('third_party_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('messages_case_idx').on(t.caseId, t.createdAt),
    // A case's first public reply (honest-date history, the SLA first response) without reading the conversation.
    index('messages_case_reply_idx')
      .on(t.caseId, t.createdAt)
      .where(sql`direction = 'outbound' AND visibility = 'public'`),
    // The exchange with one third party on a case: threading our next email, recognising their reply.
    index('messages_third_party_idx')
      .on(t.caseId, t.thirdPartyEmail, t.createdAt)
      .where(sql`visibility = 'third-party'`),
    index('messages_search_idx').using('gin', t.search),
    // Lets a search for a common word walk the newest messages first and stop early.
    index('messages_created_idx').on(t.createdAt.desc().nullsFirst()),
  ],
);

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id').references(() => messages.id),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    /** Content address: the file lives under <data>/attachments/<sha256>. */
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attachments_message_idx').on(t.messageId)],
);

/** Every change of a case: the timeline, the audit log and the source of metrics. */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    actorType: text('actor_type').notNull(),
    type: text('type').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('events_case_idx').on(t.caseId, t.id)],
);

/** Composer drafts, autosaved per case and author. */
export const drafts = pgTable(
  'drafts',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    visibility: text('visibility').notNull(),
    /** The party a `third-party` draft is addressed to, as typed so far: {email, name}. */
    recipient: jsonb('recipient').$type<{ email: string; name: string }>(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] })],
);
