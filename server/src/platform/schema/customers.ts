import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  domain: text('domain'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Primary email, lower-cased; the key that inbound mail and the API match on. */
    email: text('email').notNull(),
    /** Further addresses of the same person. */
    otherEmails: text('other_emails').array().notNull().default(sql`'{}'::text[]`),
    name: text('name'),
    phone: text('phone'),
    locale: text('locale'),
    country: text('country'),
    organizationId: uuid('organization_id').references(() => organizations.id),
    /** Service tier (`standard | priority | vip`): SLA policies may target it. */
    tier: text('tier').notNull().default('standard'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('customers_email_key').on(t.email),
    index('customers_name_trgm_idx').using('gin', sql`(coalesce(${t.name}, '') || ' ' || ${t.email}) gin_trgm_ops`),
  ],
);
