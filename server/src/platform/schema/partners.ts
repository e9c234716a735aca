import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.ts';
import { customers } from './customers.ts';
import { users } from './identity.ts';

/** Vetted companies we refer customers to (and who refer customers to us). */
export const partners = pgTable(
  'partners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Lower-case words matched against a case's category, tags and subject. */
    specializations: text('specializations').array().notNull().default(sql`'{}'::text[]`),
    /** ISO 3166-1 alpha-2 codes of the countries they serve, matched against the customer's country. */
    regions: text('regions').array().notNull().default(sql`'{}'::text[]`),
    /** What they offer our customers (discount, priority, conditions), in words. */
    terms: text('terms').notNull().default(''),
    contactEmail: text('contact_email').notNull(),
    contactPhone: text('contact_phone'),
    /** `active` partners are proposed; `paused` ones are kept but never proposed. */
    status: text('status').notNull().default('active'),
    /** Review notes: how they treated the customers we sent. */
    notes: text('notes').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('partners_name_idx').on(t.name, t.id)],
);

/** "We can't do this": why a case was refused and the cause behind it, for management to fix. */
export const refusals = pgTable(
  'refusals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** other-specialization | temporarily-unable | unrelated */
    reason: text('reason').notNull(),
    /** overload | misdirected | process-failure */
    cause: text('cause').notNull(),
    partnerId: uuid('partner_id').references(() => partners.id),
    alternative: text('alternative'),
    waitUntil: timestamp('wait_until', { withTimezone: true }),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    actorType: text('actor_type').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('refusals_case_idx').on(t.caseId), index('refusals_cause_idx').on(t.cause, t.createdAt)],
);

/** A customer sent to a partner (outgoing) or sent to us by one (incoming), with the customer's answer. */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    caseId: uuid('case_id').references(() => cases.id),
    customerId: uuid('customer_id').references(() => customers.id),
    refusalId: uuid('refusal_id').references(() => refusals.id),
    /** outgoing (we referred the customer) | incoming (the partner referred them to us) */
    direction: text('direction').notNull(),
    /** Language of the follow-up message (the case language). */
    language: text('language').notNull().default('en'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    followUpSentAt: timestamp('follow_up_sent_at', { withTimezone: true }),
    served: boolean('served'),
    satisfied: boolean('satisfied'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    index('referrals_partner_idx').on(t.partnerId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The follow-up sweep walks only outgoing referrals still waiting for their message.
    index('referrals_follow_up_idx').on(t.createdAt).where(sql`direction = 'outgoing' AND follow_up_sent_at IS NULL`),
  ],
);
