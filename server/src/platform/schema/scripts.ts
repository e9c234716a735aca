import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * Approved scripts (playbooks) for standard situations, one row per key and language holding
 * the current version; every save also writes a `script_versions` row.
 */
export const scripts = pgTable(
  'scripts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable name shared by the translations of one script, e.g. `refusal.unrelated`. */
    key: text('key').notNull(),
    language: text('language').notNull(),
    /** The situation: order, payment, delivery, apology, compensation, discount, return, handover, refusal… */
    category: text('category').notNull(),
    /** Case categories the script is suggested for (quality, delivery, billing…). */
    caseCategories: text('case_categories').array().notNull().default(sql`'{}'::text[]`),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    title: text('title').notNull(),
    body: text('body').notNull(),
    version: integer('version').notNull().default(1),
    /** Shipped with Heard (seeded by the baseline). */
    builtin: boolean('builtin').notNull().default(false),
    /** Full text of title, tags and body in the script language's configuration. */
    search: tsvector('search').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('scripts_key_language_key').on(t.key, t.language),
    index('scripts_search_idx').using('gin', t.search),
  ],
);

/** Every saved version of a script, the first one included. */
export const scriptVersions = pgTable(
  'script_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scriptId: uuid('script_id')
      .notNull()
      .references(() => scripts.id),
    version: integer('version').notNull(),
    category: text('category').notNull(),
    caseCategories: text('case_categories').array().notNull(),
    tags: text('tags').array().notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('script_versions_script_version_key').on(t.scriptId, t.version)],
);
