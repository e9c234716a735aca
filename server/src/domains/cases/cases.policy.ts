// Who may do what with a case. Pure: decided from the principal and the case row alone.
import { isManager, isStaff, type Principal } from '../../platform/principal.ts';

export type CaseAction = 'read' | 'reply' | 'note' | 'contact-third-party' | 'update' | 'handover';

export interface CaseScope {
  team_id: string | null;
  owner_id: string | null;
  customer_email: string;
}

export function canCreateCase(principal: Principal): boolean {
  return isStaff(principal);
}

/** Which cases a principal may see at all; the same rule as `scopeCondition` in the service. */
export function canSeeCase(principal: Principal, scope: CaseScope): boolean {
  if (principal.role === 'customer') return principal.customerEmail === scope.customer_email;
  if (!isStaff(principal)) return false;
  if (isManager(principal) || principal.role === 'lawyer' || principal.kind === 'token') return true;
  return scope.team_id === principal.teamId || scope.owner_id === principal.id;
}

export function canCase(principal: Principal, action: CaseAction, scope: CaseScope): boolean {
  if (!canSeeCase(principal, scope)) return false;
  switch (action) {
    case 'read':
    case 'reply':
      return true;
    case 'note':
    case 'contact-third-party':
    case 'update':
    case 'handover':
      return isStaff(principal);
  }
}
