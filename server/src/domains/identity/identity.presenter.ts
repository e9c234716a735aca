import type { apiTokens } from '../../platform/schema/index.ts';
import type { TeamRow, UserRow } from './identity.repository.ts';

export const presentUser = (user: UserRow) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  teamId: user.teamId,
  locale: user.locale,
  active: user.active,
  notifyByEmail: user.notifyByEmail,
});

export const presentTeam = (team: TeamRow) => ({
  id: team.id,
  name: team.name,
  defaultLanguage: team.defaultLanguage,
  isDefault: team.isDefault,
});

export const presentToken = (token: typeof apiTokens.$inferSelect) => ({
  id: token.id,
  name: token.name,
  role: token.role,
  createdAt: token.createdAt.toISOString(),
  revokedAt: token.revokedAt?.toISOString() ?? null,
});
