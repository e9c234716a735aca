import type { Principal } from '../../platform/principal.ts';

export type IdentityAction = 'manage-users' | 'list-users' | 'manage-teams' | 'manage-tokens' | 'manage-settings';

/** Admins manage people, tokens and settings; staff may see the list of colleagues (to hand over). */
export function canIdentity(principal: Principal, action: IdentityAction): boolean {
  switch (action) {
    case 'list-users':
      return principal.role !== 'customer' && principal.role !== 'staff';
    case 'manage-users':
    case 'manage-teams':
    case 'manage-tokens':
    case 'manage-settings':
      return principal.role === 'admin';
  }
}
