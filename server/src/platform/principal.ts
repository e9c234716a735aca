// Who is making a request: a signed-in user (session cookie) or an integration (bearer
// API token with a role). Policies decide from this alone.
export const USER_ROLES = ['admin', 'supervisor', 'agent', 'lawyer', 'staff', 'customer'] as const;
export type Role = (typeof USER_ROLES)[number];
export const isRole = (value: unknown): value is Role => (USER_ROLES as readonly unknown[]).includes(value);

/** Roles that work cases on the company's side. */
export const STAFF_ROLES: readonly Role[] = ['admin', 'supervisor', 'agent', 'lawyer'];

export interface Principal {
  kind: 'user' | 'token';
  /** User id, or the API token id. */
  id: string;
  name: string;
  role: Role;
  teamId: string | null;
  /** Customer record of a customer-role user (the portal); null for staff and tokens. */
  customerEmail: string | null;
}

export const isStaff = (principal: Principal): boolean => STAFF_ROLES.includes(principal.role);
export const isManager = (principal: Principal): boolean =>
  principal.role === 'admin' || principal.role === 'supervisor';
