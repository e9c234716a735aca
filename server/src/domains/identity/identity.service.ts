import { hash, verify } from '@node-rs/argon2';
import { type AppContext, transaction } from '../../context.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import type { Tx } from '../../platform/db.ts';
import { randomToken, sha256 } from '../../platform/ids.ts';
import { isRole, type Principal, type Role } from '../../platform/principal.ts';
import { isLanguage, type Language } from '../../platform/templates.ts';
import { sendTemplatedEmail } from '../settings/settings.service.ts';
import { identityRepository as repo, type UserRow } from './identity.repository.ts';

const MIN_PASSWORD_LENGTH = 10;
const LINK_TTL_HOURS = { invite: 24 * 7, 'password-reset': 2 } as const;
/** Verified when the email is unknown, so a login takes as long whether or not the account exists. */
const DUMMY_HASH = hash('not-a-real-password-0000');

export const hashPassword = (password: string): Promise<string> => hash(password);

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw invalid('body/password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
}

export const userPrincipal = (user: UserRow): Principal => ({
  kind: 'user',
  id: user.id,
  name: user.name,
  role: user.role as Role,
  teamId: user.teamId,
  customerEmail: user.role === 'customer' ? user.email : null,
});

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: UserRow;
}

export async function login(ctx: AppContext, email: string, password: string): Promise<NewSession> {
  const user = await repo.userByEmail(ctx.database, email);
  const ok = user?.passwordHash && user.active ? await verify(user.passwordHash, password) : false;
  if (!user?.passwordHash || !user.active) await verify(await DUMMY_HASH, password);
  if (!ok || !user) throw new AppError('invalid-credentials');
  return startSession(ctx, user);
}

async function startSession(ctx: AppContext, user: UserRow): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(Date.now() + ctx.config.sessionTtlHours * 3600_000);
  await repo.insertSession(ctx.database, { id: sha256(token), userId: user.id, csrfToken, expiresAt });
  return { token, csrfToken, expiresAt, user };
}

export async function principalFromSession(
  ctx: AppContext,
  token: string,
): Promise<{ principal: Principal; csrfToken: string; user: UserRow } | undefined> {
  const found = await repo.sessionWithUser(ctx.database, sha256(token));
  if (!found) return undefined;
  return { principal: userPrincipal(found.user), csrfToken: found.session.csrfToken, user: found.user };
}

export async function logout(ctx: AppContext, token: string): Promise<void> {
  await repo.deleteSession(ctx.database, sha256(token));
}

/**
 * Integrations send a token with every request: the lookup is cached for a few seconds.
 * Revoking clears this process's cache at once; other processes notice within the TTL.
 */
const TOKEN_CACHE_TTL_MS = 5_000;
const tokenCache = new Map<string, { principal: Principal; at: number }>();

export async function principalFromApiToken(ctx: AppContext, token: string): Promise<Principal | undefined> {
  const hashed = sha256(token);
  const cached = tokenCache.get(hashed);
  if (cached && Date.now() - cached.at < TOKEN_CACHE_TTL_MS) return cached.principal;
  const row = await repo.activeTokenByHash(ctx.database, hashed);
  if (!row) {
    tokenCache.delete(hashed);
    return undefined;
  }
  const principal: Principal = {
    kind: 'token',
    id: row.id,
    name: row.name,
    role: row.role as Role,
    teamId: null,
    customerEmail: null,
  };
  if (tokenCache.size > 10_000) tokenCache.clear();
  tokenCache.set(hashed, { principal, at: Date.now() });
  return principal;
}

export async function revokeApiToken(ctx: AppContext, id: string): Promise<boolean> {
  const revoked = await repo.revokeToken(ctx.database, id);
  if (revoked) tokenCache.delete(revoked.tokenHash);
  return revoked !== undefined;
}

export interface NewUser {
  email: string;
  name: string;
  role: string;
  teamId?: string | null;
  locale?: string;
  password?: string;
}

async function validateNewUser(tx: Tx, input: NewUser): Promise<void> {
  if (!isRole(input.role)) throw invalid('body/role', `unknown role "${input.role}"`);
  if (input.locale !== undefined && !isLanguage(input.locale)) throw invalid('body/locale', 'must be en, ru, pl or ro');
  if (!/^[^\s@]+@[^\s@]+$/.test(input.email)) throw invalid('body/email', 'is not an email address');
  if (input.password !== undefined) checkPassword(input.password);
  if (input.teamId && !(await repo.teamById(tx, input.teamId))) throw invalid('body/teamId', 'no such team');
  if (await repo.userByEmail(tx, input.email)) {
    throw new AppError('conflict', `a user with email ${input.email} already exists`);
  }
}

/** Creates a user directly (CLI, demo data, tests). Without a password the user signs in after a reset. */
export async function addUser(ctx: AppContext, input: NewUser): Promise<UserRow> {
  return transaction(ctx, async (tx) => {
    await validateNewUser(tx, input);
    const teamId = input.teamId ?? (await repo.defaultTeam(tx))?.id ?? null;
    return repo.insertUser(tx, {
      email: input.email,
      name: input.name,
      role: input.role,
      teamId,
      locale: input.locale ?? 'en',
      passwordHash: input.password ? await hashPassword(input.password) : null,
    });
  });
}

/** Creates the user and emails them a link to choose their password. */
export async function inviteUser(ctx: AppContext, actor: Principal, input: NewUser): Promise<UserRow> {
  return transaction(ctx, async (tx) => {
    await validateNewUser(tx, { ...input, password: undefined });
    const user = await repo.insertUser(tx, {
      email: input.email,
      name: input.name,
      role: input.role,
      teamId: input.teamId ?? (await repo.defaultTeam(tx))?.id ?? null,
      locale: input.locale ?? 'en',
    });
    await sendUserLink(ctx, tx, user, 'invite', actor.name);
    return user;
  });
}

async function sendUserLink(
  ctx: AppContext,
  tx: Tx,
  user: UserRow,
  purpose: keyof typeof LINK_TTL_HOURS,
  inviterName: string,
): Promise<void> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + LINK_TTL_HOURS[purpose] * 3600_000);
  await repo.insertLink(tx, { tokenHash: sha256(token), userId: user.id, purpose, expiresAt });
  await sendTemplatedEmail(tx, {
    key: purpose === 'invite' ? 'user.invite' : 'user.password-reset',
    language: user.locale as Language,
    to: user.email,
    variables: {
      user: { name: user.name, email: user.email },
      inviter: { name: inviterName },
      link: `${ctx.config.publicUrl}/set-password?token=${encodeURIComponent(token)}`,
      expiresAt: expiresAt.toISOString(),
    },
  });
}

/** Always answers the same way, so it cannot be used to learn which emails have accounts. */
export async function requestPasswordReset(ctx: AppContext, email: string): Promise<void> {
  await transaction(ctx, async (tx) => {
    const user = await repo.userByEmail(tx, email);
    if (user?.active) await sendUserLink(ctx, tx, user, 'password-reset', user.name);
  });
}

/** Sets the password from an invitation or reset link (one use) and signs out every other session. */
export async function setPasswordWithLink(ctx: AppContext, token: string, password: string): Promise<UserRow> {
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  return transaction(ctx, async (tx) => {
    const hashed = sha256(token);
    const userId =
      (await repo.consumeLink(tx, hashed, 'invite')) ?? (await repo.consumeLink(tx, hashed, 'password-reset'));
    if (!userId) throw new AppError('token-expired');
    await repo.deleteUserSessions(tx, userId);
    const user = await repo.updateUser(tx, userId, { passwordHash });
    if (!user) throw notFound('user');
    return user;
  });
}

export interface UserPatch {
  name?: string;
  role?: string;
  teamId?: string | null;
  locale?: string;
  active?: boolean;
  notifyByEmail?: boolean;
}

/** Updates a user; deactivating signs them out and releases their open cases to their team. */
export async function updateUser(ctx: AppContext, actor: Principal, id: string, patch: UserPatch): Promise<UserRow> {
  return transaction(ctx, async (tx) => {
    const user = await repo.userById(tx, id);
    if (!user) throw notFound('user');
    if (patch.role !== undefined && !isRole(patch.role)) throw invalid('body/role', `unknown role "${patch.role}"`);
    if (patch.locale !== undefined && !isLanguage(patch.locale))
      throw invalid('body/locale', 'must be en, ru, pl or ro');
    if (patch.teamId && !(await repo.teamById(tx, patch.teamId))) throw invalid('body/teamId', 'no such team');
    if (patch.active === false && id === actor.id) throw invalid('body/active', 'you cannot deactivate yourself');
    const deactivating = patch.active === false && user.active;
    const updated = await repo.updateUser(tx, id, {
      ...patch,
      ...(deactivating ? { deactivatedAt: new Date() } : {}),
      ...(patch.active === true ? { deactivatedAt: null } : {}),
    });
    if (deactivating) {
      await repo.deleteUserSessions(tx, id);
      await repo.releaseOpenCases(tx, id, actor.kind === 'user' ? actor.id : null);
    }
    return updated!;
  });
}

export async function createApiToken(
  ctx: AppContext,
  input: { name: string; role: string },
  createdBy: string | null,
): Promise<{ token: string; id: string }> {
  if (!isRole(input.role) || input.role === 'customer') throw invalid('body/role', `unknown role "${input.role}"`);
  if (input.name.trim() === '') throw invalid('body/name', 'must not be empty');
  const token = `hrd_${randomToken(32)}`;
  const row = await repo.insertToken(ctx.database, {
    name: input.name.trim(),
    role: input.role,
    tokenHash: sha256(token),
    createdBy,
  });
  return { token, id: row.id };
}

/**
 * A desk with no users cannot be signed into: the first start without demo data creates
 * an admin with a random password, which the caller prints once.
 */
export async function ensureFirstAdmin(
  ctx: AppContext,
  email: string,
): Promise<{ email: string; password: string } | undefined> {
  if ((await repo.listUsers(ctx.database)).length > 0) return undefined;
  const password = randomToken(12);
  await addUser(ctx, { email, name: 'Administrator', role: 'admin', password });
  return { email, password };
}

/** Changes the signed-in user's password after checking the current one; their other sessions end. */
export async function changePassword(
  ctx: AppContext,
  userId: string,
  passwords: { current: string; next: string },
  keepSessionToken: string | undefined,
): Promise<void> {
  const { current, next } = passwords;
  checkPassword(next);
  const user = await repo.userById(ctx.database, userId);
  if (!user?.passwordHash || !(await verify(user.passwordHash, current))) throw new AppError('invalid-credentials');
  const passwordHash = await hashPassword(next);
  await transaction(ctx, async (tx) => {
    await repo.updateUser(tx, userId, { passwordHash });
    await repo.deleteUserSessionsExcept(tx, userId, keepSessionToken ? sha256(keepSessionToken) : null);
  });
}
