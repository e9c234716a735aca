// Who may use the partner directory and refuse cases. Pure: decided from the principal alone
// (which cases someone may refuse is the case policy's `update`).
import { isManager, isStaff, type Principal } from '../../platform/principal.ts';

export type PartnerAction = 'read' | 'write' | 'refuse' | 'record-referral' | 'configure';

export function canPartners(principal: Principal, action: PartnerAction): boolean {
  switch (action) {
    case 'read':
    case 'refuse':
    case 'record-referral':
      return isStaff(principal);
    case 'write':
    case 'configure':
      return isManager(principal);
  }
}
