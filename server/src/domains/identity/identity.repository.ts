import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db.ts';
import { apiTokens, sessions, teams, userLinks, users } from '../../platform/schema/index.ts';

export type UserRow = typeof users.$inferSelect;
export type TeamRow = typeof teams.$inferSelect;

export const identityRepository = {
  userByEmail: async (tx: Tx, email: string) =>
    (await tx.db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1))[0],
  userById: async (tx: Tx, id: string) => (await tx.db.select().from(users).where(eq(users.id, id)).limit(1))[0],
  listUsers: (tx: Tx) => tx.db.select().from(users).orderBy(asc(users.name)),
  insertUser: async (tx: Tx, values: typeof users.$inferInsert) =>
    (
      await tx.db
        .insert(users)
        .values({ ...values, email: values.email.toLowerCase() })
        .returning()
    )[0]!,
  updateUser: async (tx: Tx, id: string, values: Partial<typeof users.$inferInsert>) =>
    (await tx.db.update(users).set(values).where(eq(users.id, id)).returning())[0],

  listTeams: (tx: Tx) => tx.db.select().from(teams).orderBy(asc(teams.name)),
  teamById: async (tx: Tx, id: string) => (await tx.db.select().from(teams).where(eq(teams.id, id)).limit(1))[0],
  defaultTeam: async (tx: Tx) =>
    (await tx.db.select().from(teams).orderBy(sql`${teams.isDefault} DESC`, asc(teams.createdAt)).limit(1))[0],
  insertTeam: async (tx: Tx, values: typeof teams.$inferInsert) =>
    (await tx.db.insert(teams).values(values).returning())[0]!,
  updateTeam: async (tx: Tx, id: string, values: Partial<typeof teams.$inferInsert>) =>
    (await tx.db.update(teams).set(values).where(eq(teams.id, id)).returning())[0],

  insertSession: (tx: Tx, values: typeof sessions.$inferInsert) => tx.db.insert(sessions).values(values),
  sessionWithUser: async (tx: Tx, id: string) =>
    (
      await tx.db
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.id, id), gt(sessions.expiresAt, sql`now()`), eq(users.active, true)))
        .limit(1)
    )[0],
  deleteSession: (tx: Tx, id: string) => tx.db.delete(sessions).where(eq(sessions.id, id)),
  deleteUserSessions: (tx: Tx, userId: string) => tx.db.delete(sessions).where(eq(sessions.userId, userId)),
  /** Ends a user's sessions but the one given (by its hashed id). */
  deleteUserSessionsExcept: (tx: Tx, userId: string, keepSessionId: string | null) =>
    tx.db
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), keepSessionId ? sql`${sessions.id} <> ${keepSessionId}` : sql`true`)),

  insertToken: async (tx: Tx, values: typeof apiTokens.$inferInsert) =>
    (await tx.db.insert(apiTokens).values(values).returning())[0]!,
  activeTokenByHash: async (tx: Tx, hash: string) =>
    (
      await tx.db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt)))
        .limit(1)
    )[0],
  listTokens: (tx: Tx) => tx.db.select().from(apiTokens).orderBy(asc(apiTokens.createdAt)),
  revokeToken: async (tx: Tx, id: string) =>
    (await tx.db.update(apiTokens).set({ revokedAt: sql`now()` }).where(eq(apiTokens.id, id)).returning())[0],

  insertLink: (tx: Tx, values: typeof userLinks.$inferInsert) => tx.db.insert(userLinks).values(values),
  /** Marks a one-time link used and returns its user id, or undefined when unknown, used or expired. */
  consumeLink: async (tx: Tx, hash: string, purpose: string) =>
    (
      await tx.db
        .update(userLinks)
        .set({ usedAt: sql`now()` })
        .where(
          and(
            eq(userLinks.tokenHash, hash),
            eq(userLinks.purpose, purpose),
            isNull(userLinks.usedAt),
            gt(userLinks.expiresAt, sql`now()`),
          ),
        )
        .returning({ userId: userLinks.userId })
    )[0]?.userId,

  async notifications(tx: Tx, userId: string) {
    const { rows } = await tx.executeSql(
      `SELECT id, kind, text, case_id, created_at, read_at FROM notifications
       WHERE user_id = $1 ORDER BY created_at DESC LIMIT 50`,
      [userId],
    );
    return rows as {
      id: string;
      kind: string;
      text: string;
      case_id: string | null;
      created_at: Date;
      read_at: Date | null;
    }[];
  },
  markNotificationsRead: (tx: Tx, userId: string, ids: string[]) =>
    tx.executeSql(
      'UPDATE notifications SET read_at = now() WHERE user_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL',
      [userId, ids],
    ),

  /** Deletes expired sessions and one-time links that are used or expired (kept a day for the audit trail). */
  async deleteExpired(tx: Tx): Promise<{ sessions: number; links: number }> {
    const sessions = await tx.executeSql('DELETE FROM sessions WHERE expires_at < now() RETURNING id', []);
    const links = await tx.executeSql(
      `DELETE FROM user_links WHERE (used_at IS NOT NULL AND used_at < now() - interval '1 day')
         OR expires_at < now() - interval '1 day' RETURNING token_hash`,
      [],
    );
    return { sessions: sessions.rows.length, links: links.rows.length };
  },

  /** Hands a deactivated user's open cases to their team (unowned), recording each on the timeline. */
  releaseOpenCases: async (tx: Tx, userId: string, actorId: string | null) => {
    const { rows } = await tx.executeSql(
      `WITH released AS (
         UPDATE cases SET owner_id = NULL, version = version + 1, updated_at = now()
         WHERE owner_id = $1 AND status NOT IN ('resolved', 'closed')
         RETURNING id, version)
       INSERT INTO events (case_id, actor_user_id, actor_type, type, data)
       SELECT id, $2, 'user', 'case.owner-deactivated', jsonb_build_object('previousOwnerId', $1::text, 'version', version)
       FROM released RETURNING case_id`,
      [userId, actorId],
    );
    return rows.length;
  },
};
