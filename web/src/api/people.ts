import { api } from './client.ts';
import type {
  ApiToken,
  AppNotification,
  Category,
  Customer,
  CustomerWithCases,
  Page,
  Role,
  Session,
  Team,
  User,
} from './types.ts';

/** Lists may come back as `{items, nextCursor}` or, for small admin lists, as a bare array. */
type ListBody<T> = Page<T> | { items: T[] } | T[];

export function itemsOf<T>(body: ListBody<T>): T[] {
  return Array.isArray(body) ? body : body.items;
}

export interface Invite {
  email: string;
  name: string;
  role: Role;
  teamId?: string | null;
  locale?: string;
}

export interface UserPatch {
  name?: string;
  role?: Role;
  teamId?: string | null;
  locale?: string;
  active?: boolean;
  notifyByEmail?: boolean;
}

export const authApi = {
  session: () => api<Session>('/auth/session'),
  login: (email: string, password: string) =>
    api<Session>('/auth/login', { method: 'POST', body: { email, password } }),
  logout: () => api<void>('/auth/logout', { method: 'POST' }),
  requestReset: (email: string) => api<void>('/auth/password-reset', { method: 'POST', body: { email } }),
  setPassword: (token: string, password: string) =>
    api<Session>('/auth/set-password', { method: 'POST', body: { token, password } }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api<void>('/me/password', { method: 'POST', body: { currentPassword, newPassword } }),
};

export interface CustomerPatch {
  name?: string | null;
  phone?: string | null;
  locale?: string | null;
  country?: string | null;
  otherEmails?: string[];
}

export const peopleApi = {
  users: async () => itemsOf(await api<ListBody<User>>('/users')),
  invite: (input: Invite) => api<User>('/users', { method: 'POST', body: input }),
  updateUser: (id: string, patch: UserPatch) => api<User>(`/users/${id}`, { method: 'PATCH', body: patch }),
  teams: async () => itemsOf(await api<ListBody<Team>>('/teams')),
  createTeam: (name: string, defaultLanguage: string) =>
    api<Team>('/teams', { method: 'POST', body: { name, defaultLanguage } }),
  updateTeam: (id: string, patch: Partial<Omit<Team, 'id'>>) =>
    api<Team>(`/teams/${id}`, { method: 'PATCH', body: patch }),
  tokens: async () => itemsOf(await api<ListBody<ApiToken>>('/tokens')),
  createToken: (name: string, role: Role) =>
    api<{ id: string; token: string }>('/tokens', { method: 'POST', body: { name, role } }),
  revokeToken: (id: string) => api<void>(`/tokens/${id}`, { method: 'DELETE' }),
  customers: async (q: string) => itemsOf(await api<ListBody<Customer>>('/customers', { query: { q } })),
  customer: (id: string) => api<CustomerWithCases>(`/customers/${id}`),
  updateCustomer: (id: string, patch: CustomerPatch) =>
    api<Customer>(`/customers/${id}`, { method: 'PATCH', body: patch }),
  categories: async () => itemsOf(await api<ListBody<Category>>('/categories')),
  notifications: async () => itemsOf(await api<ListBody<AppNotification>>('/me/notifications')),
  markRead: (ids: string[]) => api<void>('/me/notifications/read', { method: 'POST', body: { ids } }),
};
