// Who may do what with commitments and their desk-wide rules.
import { isManager, isStaff, type Principal } from '../../platform/principal.ts';

export type CommitmentAction = 'read-settings' | 'manage-settings' | 'read-reports';

export function canCommitments(principal: Principal, action: CommitmentAction): boolean {
  switch (action) {
    case 'read-settings':
      return isStaff(principal);
    case 'manage-settings':
    case 'read-reports':
      return isManager(principal);
  }
}
