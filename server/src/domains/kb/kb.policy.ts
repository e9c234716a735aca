import { isManager, isStaff, type Principal } from '../../platform/principal.ts';

export type KbAction = 'read-internal' | 'manage';

/** Staff read every article; customers (portal) and the public read only public ones; supervisors and admins write. */
export function canKb(principal: Principal, action: KbAction): boolean {
  switch (action) {
    case 'read-internal':
      return isStaff(principal);
    case 'manage':
      return isManager(principal);
  }
}
