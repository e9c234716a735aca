import { and, asc, desc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db.ts';
import { kbArticles } from '../../platform/schema/index.ts';
import type { Language } from '../../platform/templates.ts';
import { searchQuery, searchVector } from '../scripts/fulltext.ts';

export type ArticleRow = Omit<typeof kbArticles.$inferSelect, 'search'>;
export type Visibility = 'internal' | 'public';

export interface ArticleContent {
  slug: string;
  title: string;
  body: string;
  category: string;
  visibility: Visibility;
}

export interface ArticleFilters {
  q?: string;
  language?: Language;
  category?: string;
  visibility?: Visibility;
  limit: number;
}

const { search: _search, ...columns } = getTableColumns(kbArticles);
const vectorOf = (language: Language, content: { title: string; body: string; category: string }) =>
  searchVector(language, `${content.title}\n${content.category}\n${content.body}`);

export const kbRepository = {
  list: (tx: Tx, filters: ArticleFilters) => {
    const conditions: SQL[] = [];
    const query = filters.q ? searchQuery(filters.q, filters.language) : undefined;
    if (query) conditions.push(sql`${kbArticles.search} @@ (${query})`);
    if (filters.language) conditions.push(eq(kbArticles.language, filters.language));
    if (filters.category) conditions.push(eq(kbArticles.category, filters.category));
    if (filters.visibility) conditions.push(eq(kbArticles.visibility, filters.visibility));
    return tx.db
      .select(columns)
      .from(kbArticles)
      .where(and(...conditions))
      .orderBy(
        ...(query ? [desc(sql`ts_rank(${kbArticles.search}, ${query})`)] : []),
        asc(kbArticles.category),
        asc(kbArticles.title),
      )
      .limit(filters.limit);
  },

  byId: async (tx: Tx, id: string) => (await tx.db.select(columns).from(kbArticles).where(eq(kbArticles.id, id)))[0],

  bySlug: async (tx: Tx, slug: string, language: Language) =>
    (
      await tx.db
        .select(columns)
        .from(kbArticles)
        .where(and(eq(kbArticles.slug, slug), eq(kbArticles.language, language)))
    )[0],

  /** Undefined when the slug is taken in that language. */
  insert: async (tx: Tx, language: Language, content: ArticleContent, updatedBy: string | null) =>
    (
      await tx.db
        .insert(kbArticles)
        .values({ ...content, language, search: vectorOf(language, content), updatedBy })
        .onConflictDoNothing()
        .returning(columns)
    )[0],

  update: async (tx: Tx, current: ArticleRow, content: ArticleContent, updatedBy: string | null) =>
    (
      await tx.db
        .update(kbArticles)
        .set({
          ...content,
          search: vectorOf(current.language as Language, content),
          updatedBy,
          updatedAt: sql`now()`,
        })
        .where(eq(kbArticles.id, current.id))
        .returning(columns)
    )[0],

  remove: async (tx: Tx, id: string) =>
    (await tx.db.delete(kbArticles).where(eq(kbArticles.id, id)).returning({ id: kbArticles.id })).length > 0,
};
