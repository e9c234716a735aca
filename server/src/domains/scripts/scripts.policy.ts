import { isManager, isStaff, type Principal } from '../../platform/principal.ts';

export type ScriptAction = 'read' | 'manage';

/** Staff read and insert scripts; supervisors and admins write them (every save is a new version). */
export function canScripts(principal: Principal, action: ScriptAction): boolean {
  switch (action) {
    case 'read':
      return isStaff(principal);
    case 'manage':
      return isManager(principal);
  }
}
