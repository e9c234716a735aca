// Small, rarely changing data every case command checks (categories, the default team and
// language, who is active staff), cached briefly so the hot path costs no extra queries.
import type { AppContext } from '../../context.ts';
import { STAFF_ROLES } from '../../platform/principal.ts';
import { isLanguage, type Language } from '../../platform/templates.ts';

export interface CaseReferenceData {
  categories: Set<string>;
  defaultTeamId: string | null;
  defaultLanguage: Language;
  isActiveStaff(userId: string): Promise<boolean>;
}

const TTL_MS = 5_000;
const cache = new WeakMap<AppContext, { at: number; data: Promise<CaseReferenceData> }>();

export function caseReferenceData(ctx: AppContext): Promise<CaseReferenceData> {
  const cached = cache.get(ctx);
  if (cached && Date.now() - cached.at < TTL_MS) return cached.data;
  const data = load(ctx);
  cache.set(ctx, { at: Date.now(), data });
  data.catch(() => cache.delete(ctx));
  return data;
}

/** Forgets the cache (after an admin changes categories or teams). */
export const invalidateCaseReferenceData = (ctx: AppContext): void => {
  cache.delete(ctx);
};

async function load(ctx: AppContext): Promise<CaseReferenceData> {
  const { rows } = await ctx.database.executeSql(
    `SELECT (SELECT array_agg(id) FROM categories) AS categories,
            (SELECT id FROM teams ORDER BY is_default DESC, created_at LIMIT 1) AS team_id,
            (SELECT value->>'defaultLanguage' FROM settings WHERE key = 'company') AS language`,
    [],
  );
  const row = rows[0] as { categories: string[] | null; team_id: string | null; language: string | null };
  return {
    categories: new Set(row.categories ?? []),
    defaultTeamId: row.team_id,
    defaultLanguage: isLanguage(row.language) ? row.language : 'en',
    async isActiveStaff(userId) {
      if (!/^[0-9a-f-]{36}$/i.test(userId)) return false;
      const found = await ctx.database.executeSql('SELECT role FROM users WHERE id = $1 AND active', [userId]);
      return STAFF_ROLES.includes(found.rows[0]?.role as never);
    },
  };
}
