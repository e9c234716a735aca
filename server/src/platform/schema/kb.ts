import { customType, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Knowledge-base articles: internal (agents) or public (the help pages), one language each. */
export const kbArticles = pgTable(
  'kb_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** URL name, unique per language: `/help/{slug}?lang=`. */
    slug: text('slug').notNull(),
    language: text('language').notNull(),
    title: text('title').notNull(),
    /** Markdown; rendered to HTML on the server with raw HTML disabled. */
    body: text('body').notNull(),
    category: text('category').notNull(),
    visibility: text('visibility').notNull().default('internal'),
    search: tsvector('search').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('kb_articles_slug_language_key').on(t.slug, t.language),
    index('kb_articles_search_idx').using('gin', t.search),
  ],
);
