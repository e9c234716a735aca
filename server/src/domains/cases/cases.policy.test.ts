import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Principal, type Role, USER_ROLES } from '../../platform/principal.ts';
import { type CaseAction, canCase, canCreateCase } from './cases.policy.ts';

const principal = (role: Role, overrides: Partial<Principal> = {}): Principal => ({
  kind: 'user',
  id: 'u1',
  name: 'Someone',
  role,
  teamId: 'team-a',
  customerEmail: role === 'customer' ? 'ann@example.com' : null,
  ...overrides,
});
const ownTeamCase = { team_id: 'team-a', owner_id: null, customer_email: 'ann@example.com' };
const otherTeamCase = { team_id: 'team-b', owner_id: 'u2', customer_email: 'bob@example.com' };
const ACTIONS: CaseAction[] = ['read', 'reply', 'note', 'contact-third-party', 'update', 'handover'];

describe('cases policy', () => {
  it('lets managers and lawyers act on every case', () => {
    for (const role of ['admin', 'supervisor', 'lawyer'] as const) {
      for (const action of ACTIONS)
        assert.equal(canCase(principal(role), action, otherTeamCase), true, `${role} ${action}`);
    }
  });

  it('keeps agents to their team and the cases they own', () => {
    for (const action of ACTIONS) {
      assert.equal(canCase(principal('agent'), action, ownTeamCase), true);
      assert.equal(canCase(principal('agent'), action, otherTeamCase), false);
      assert.equal(canCase(principal('agent', { id: 'u2' }), action, otherTeamCase), true);
    }
  });

  it('shows customers only their own cases and lets them only read and reply', () => {
    assert.equal(canCase(principal('customer'), 'read', ownTeamCase), true);
    assert.equal(canCase(principal('customer'), 'reply', ownTeamCase), true);
    assert.equal(canCase(principal('customer'), 'note', ownTeamCase), false);
    assert.equal(canCase(principal('customer'), 'contact-third-party', ownTeamCase), false);
    assert.equal(canCase(principal('customer'), 'update', ownTeamCase), false);
    assert.equal(canCase(principal('customer'), 'read', otherTeamCase), false);
  });

  it('gives warehouse and sales staff no access to cases, and only desk roles create them', () => {
    for (const action of ACTIONS) assert.equal(canCase(principal('staff'), action, ownTeamCase), false);
    const creators = USER_ROLES.filter((role) => canCreateCase(principal(role)));
    assert.deepEqual(creators, ['admin', 'supervisor', 'agent', 'lawyer']);
  });
});
