import { and, arrayContains, asc, desc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db.ts';
import { scripts, scriptVersions, users } from '../../platform/schema/index.ts';
import type { Language } from '../../platform/templates.ts';
import { searchQuery, searchVector } from './fulltext.ts';

export type ScriptRow = Omit<typeof scripts.$inferSelect, 'search'>;

export interface ScriptContent {
  category: string;
  caseCategories: string[];
  tags: string[];
  title: string;
  body: string;
}

export interface NewScript extends ScriptContent {
  key: string;
  language: Language;
  builtin?: boolean;
}

export interface ScriptFilters {
  q?: string;
  language?: Language;
  category?: string;
  caseCategory?: string;
  limit: number;
}

const { search: _search, ...columns } = getTableColumns(scripts);
const vectorOf = (language: Language, content: ScriptContent) =>
  searchVector(language, `${content.title}\n${content.tags.join(' ')}\n${content.body}`);

export const scriptsRepository = {
  list: (tx: Tx, filters: ScriptFilters) => {
    const conditions: SQL[] = [];
    const query = filters.q ? searchQuery(filters.q, filters.language) : undefined;
    if (query) conditions.push(sql`${scripts.search} @@ (${query})`);
    if (filters.language) conditions.push(eq(scripts.language, filters.language));
    if (filters.category) conditions.push(eq(scripts.category, filters.category));
    if (filters.caseCategory) conditions.push(arrayContains(scripts.caseCategories, [filters.caseCategory]));
    return tx.db
      .select(columns)
      .from(scripts)
      .where(and(...conditions))
      .orderBy(
        ...(query ? [desc(sql`ts_rank(${scripts.search}, ${query})`)] : []),
        asc(scripts.category),
        asc(scripts.key),
        asc(scripts.language),
      )
      .limit(filters.limit);
  },

  byId: async (tx: Tx, id: string) => (await tx.db.select(columns).from(scripts).where(eq(scripts.id, id)))[0],

  byKey: async (tx: Tx, key: string, language: Language) =>
    (
      await tx.db
        .select(columns)
        .from(scripts)
        .where(and(eq(scripts.key, key), eq(scripts.language, language)))
    )[0],

  /** Inserts the scripts whose key and language are not there yet, each with its first version. */
  insertMissing: async (tx: Tx, rows: NewScript[], createdBy: string | null): Promise<ScriptRow[]> => {
    if (rows.length === 0) return [];
    const inserted = await tx.db
      .insert(scripts)
      .values(rows.map((row) => ({ ...row, search: vectorOf(row.language, row), updatedBy: createdBy })))
      .onConflictDoNothing()
      .returning(columns);
    if (inserted.length > 0) {
      await tx.db.insert(scriptVersions).values(
        inserted.map((row) => ({
          scriptId: row.id,
          version: 1,
          category: row.category,
          caseCategories: row.caseCategories,
          tags: row.tags,
          title: row.title,
          body: row.body,
          createdBy,
        })),
      );
    }
    return inserted;
  },

  /** Saves a new version when the current one is `expectedVersion`; undefined when it is not. */
  saveVersion: async (
    tx: Tx,
    current: ScriptRow,
    content: ScriptContent,
    createdBy: string | null,
  ): Promise<ScriptRow | undefined> => {
    const version = current.version + 1;
    const updated = (
      await tx.db
        .update(scripts)
        .set({
          ...content,
          version,
          search: vectorOf(current.language as Language, content),
          updatedBy: createdBy,
          updatedAt: sql`now()`,
        })
        .where(and(eq(scripts.id, current.id), eq(scripts.version, current.version)))
        .returning(columns)
    )[0];
    if (updated) await tx.db.insert(scriptVersions).values({ scriptId: current.id, version, ...content, createdBy });
    return updated;
  },

  versions: (tx: Tx, scriptId: string) =>
    tx.db
      .select({
        version: scriptVersions.version,
        category: scriptVersions.category,
        caseCategories: scriptVersions.caseCategories,
        tags: scriptVersions.tags,
        title: scriptVersions.title,
        body: scriptVersions.body,
        createdAt: scriptVersions.createdAt,
        createdById: scriptVersions.createdBy,
        createdByName: users.name,
      })
      .from(scriptVersions)
      .leftJoin(users, eq(users.id, scriptVersions.createdBy))
      .where(eq(scriptVersions.scriptId, scriptId))
      .orderBy(desc(scriptVersions.version)),
};
