import { asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db.ts';
import { categories, escalationRungs, settings, templates } from '../../platform/schema/index.ts';

export type TemplateRow = typeof templates.$inferSelect;
export type RungRow = typeof escalationRungs.$inferSelect;

export const settingsRepository = {
  get: async <T>(tx: Tx, key: string): Promise<T | undefined> =>
    (await tx.db.select().from(settings).where(eq(settings.key, key)).limit(1))[0]?.value as T | undefined,
  put: (tx: Tx, key: string, value: unknown) =>
    tx.db
      .insert(settings)
      .values({ key, value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } }),
  putIfMissing: (tx: Tx, key: string, value: unknown) =>
    tx.db.insert(settings).values({ key, value }).onConflictDoNothing(),

  listCategories: (tx: Tx) => tx.db.select().from(categories).orderBy(asc(categories.id)),
  insertCategories: (tx: Tx, rows: (typeof categories.$inferInsert)[]) =>
    tx.db.insert(categories).values(rows).onConflictDoNothing(),

  /** The company profile and every stored template of one language, in one prepared statement. */
  texts: async (tx: Tx, language: string) => {
    const { rows } = await tx.executeSql(
      `SELECT (SELECT value FROM settings WHERE key = 'company') AS company,
              (SELECT jsonb_object_agg(key, jsonb_build_object('subject', subject, 'body', body))
               FROM templates WHERE language = $1) AS templates`,
      [language],
      true,
    );
    const row = rows[0] as { company: unknown; templates: Record<string, { subject: string; body: string }> | null };
    return { company: row.company ?? undefined, templates: row.templates ?? {} };
  },
  listTemplates: (tx: Tx) => tx.db.select().from(templates).orderBy(asc(templates.key), asc(templates.language)),
  insertTemplates: (tx: Tx, rows: (typeof templates.$inferInsert)[]) =>
    tx.db.insert(templates).values(rows).onConflictDoNothing(),
  updateTemplate: async (tx: Tx, id: string, values: { subject: string; body: string; updatedBy: string | null }) =>
    (
      await tx.db
        .update(templates)
        .set({ ...values, version: sql`${templates.version} + 1`, updatedAt: sql`now()` })
        .where(eq(templates.id, id))
        .returning()
    )[0],
  templateById: async (tx: Tx, id: string) =>
    (await tx.db.select().from(templates).where(eq(templates.id, id)).limit(1))[0],

  listRungs: (tx: Tx) => tx.db.select().from(escalationRungs).orderBy(asc(escalationRungs.position)),
  replaceRungs: async (tx: Tx, rows: (typeof escalationRungs.$inferInsert)[]) => {
    await tx.db.delete(escalationRungs);
    if (rows.length > 0) await tx.db.insert(escalationRungs).values(rows);
  },
  assignUnownedRungs: (tx: Tx, userId: string) =>
    tx.db.update(escalationRungs).set({ userId }).where(sql`${escalationRungs.userId} IS NULL`),
};
