import { isManager, isStaff, type Principal } from '../../platform/principal.ts';

export type ReplycheckAction = 'read-packs' | 'edit-packs' | 'review-quality';

/** Staff read the packs (the composer checks with them); supervisors and admins edit them and review quality. */
export function canReplycheck(principal: Principal, action: ReplycheckAction): boolean {
  switch (action) {
    case 'read-packs':
      return isStaff(principal);
    case 'edit-packs':
    case 'review-quality':
      return isManager(principal);
  }
}
