// The authorization matrix: every role against every route, on data that belongs to
// another team or another customer. A role that must not see a case gets 404 (its
// existence is not revealed); one that may see but not act gets 403.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness, newCasePayload } from '../helpers/http.ts';

type Role = 'admin' | 'supervisor' | 'agent' | 'lawyer' | 'staff' | 'customer';
const ROLES: Role[] = ['admin', 'supervisor', 'agent', 'lawyer', 'staff', 'customer'];

describe('authorization matrix (other team / other customer data)', () => {
  let h: Harness;
  let caseId: string;
  let customerId: string;
  const colleagues: string[] = [];
  let handovers = 0;
  let checkerSettings: unknown;
  const headers: Partial<Record<Role, Record<string, string>>> = {};

  before(async () => {
    h = await createHarness();
    const teamB = await h.team('Team B');
    const owner = await h.signIn('agent', { teamId: teamB });
    for (let i = 0; i < 16; i++) colleagues.push((await h.user('agent', { teamId: teamB })).id);
    const created = (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: owner.headers,
        payload: newCasePayload({ customer: { email: 'victim@example.com', name: 'Victim' } }),
      })
    ).json();
    caseId = created.id;
    customerId = created.customer.id;
    checkerSettings = (
      await h.app.inject({ method: 'GET', url: '/api/v1/replycheck/settings', headers: owner.headers })
    ).json();
    for (const role of ROLES) {
      // Everyone else lives in the default team; the customer is a different customer.
      headers[role] = (
        await h.signIn(role, role === 'customer' ? { email: 'someone.else@example.com', teamId: null } : {})
      ).headers;
    }
  });
  after(() => h.close());

  const seesAll = (role: Role) => role === 'admin' || role === 'supervisor' || role === 'lawyer';
  const routes: {
    name: string;
    method: 'GET' | 'POST' | 'PATCH' | 'PUT';
    url: () => string;
    payload?: () => unknown;
    expect: (role: Role) => number;
  }[] = [
    { name: 'list cases', method: 'GET', url: () => '/api/v1/cases', expect: (r) => (r === 'staff' ? 403 : 200) },
    { name: 'read case', method: 'GET', url: () => `/api/v1/cases/${caseId}`, expect: (r) => (seesAll(r) ? 200 : 404) },
    {
      name: 'read messages',
      method: 'GET',
      url: () => `/api/v1/cases/${caseId}/messages`,
      expect: (r) => (seesAll(r) ? 200 : 404),
    },
    {
      name: 'read timeline',
      method: 'GET',
      url: () => `/api/v1/cases/${caseId}/events`,
      expect: (r) => (seesAll(r) ? 200 : 404),
    },
    {
      name: 'reply',
      method: 'POST',
      url: () => `/api/v1/cases/${caseId}/messages`,
      payload: () => ({ body: 'Hello', visibility: 'internal' }),
      expect: (r) => (seesAll(r) ? 201 : 404),
    },
    {
      name: 'change case',
      method: 'PATCH',
      url: () => `/api/v1/cases/${caseId}`,
      payload: () => ({ version: 99, priority: 'low' }),
      expect: (r) => (seesAll(r) ? 409 : 404),
    },
    {
      name: 'hand over',
      method: 'POST',
      url: () => `/api/v1/cases/${caseId}/handover`,
      payload: () => ({ toUserId: colleagues[handovers++]!, note: 'x' }),
      expect: (r) => (r === 'lawyer' ? 403 : seesAll(r) ? 200 : 404),
    },
    {
      name: 'create case',
      method: 'POST',
      url: () => '/api/v1/cases',
      payload: () => newCasePayload(),
      expect: (r) => (r === 'staff' || r === 'customer' ? 403 : 201),
    },
    {
      name: 'list customers',
      method: 'GET',
      url: () => '/api/v1/customers',
      expect: (r) => (r === 'staff' || r === 'customer' ? 403 : 200),
    },
    {
      name: 'read customer',
      method: 'GET',
      url: () => `/api/v1/customers/${customerId}`,
      expect: (r) => (r === 'staff' || r === 'customer' ? 403 : 200),
    },
    {
      name: 'list users',
      method: 'GET',
      url: () => '/api/v1/users',
      expect: (r) => (r === 'staff' || r === 'customer' ? 403 : 200),
    },
    {
      name: 'invite user',
      method: 'POST',
      url: () => '/api/v1/users',
      payload: () => ({ email: `x${Math.random()}@test.dev`, name: 'X', role: 'agent' }),
      expect: (r) => (r === 'admin' ? 201 : 403),
    },
    { name: 'list tokens', method: 'GET', url: () => '/api/v1/tokens', expect: (r) => (r === 'admin' ? 200 : 403) },
    {
      name: 'create team',
      method: 'POST',
      url: () => '/api/v1/teams',
      payload: () => ({ name: `T${Math.random()}` }),
      expect: (r) => (r === 'admin' ? 201 : 403),
    },
    {
      name: 'change company',
      method: 'PATCH',
      url: () => '/api/v1/settings/company',
      payload: () => ({ phone: '+1' }),
      expect: (r) => (r === 'admin' ? 200 : 403),
    },
    {
      name: 'change ladder',
      method: 'PUT',
      url: () => '/api/v1/settings/ladder',
      payload: () => ({ rungs: [{ title: 'Desk' }] }),
      expect: (r) => (r === 'admin' ? 200 : 403),
    },
    {
      name: 'read the send policy',
      method: 'GET',
      url: () => '/api/v1/settings/send-policy',
      expect: (r) => (r === 'staff' || r === 'customer' ? 403 : 200),
    },
    {
      name: 'change the send policy',
      method: 'PUT',
      url: () => '/api/v1/settings/send-policy',
      payload: () => ({ missingCommitment: 'block' }),
      expect: (r) => (r === 'admin' || r === 'supervisor' ? 200 : 403),
    },
    {
      name: 'commitments report',
      method: 'GET',
      url: () => '/api/v1/reports/commitments?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z',
      expect: (r) => (r === 'admin' || r === 'supervisor' ? 200 : 403),
    },
    {
      name: 'edit customer',
      method: 'PATCH',
      url: () => `/api/v1/customers/${customerId}`,
      payload: () => ({ phone: '+40 700 000 000' }),
      expect: (r) => (r === 'staff' || r === 'customer' ? 403 : 200),
    },
    {
      name: 'read a rule pack',
      method: 'GET',
      url: () => '/api/v1/replycheck/packs/en',
      expect: (r) => (r === 'staff' || r === 'customer' ? 403 : 200),
    },
    {
      name: 'change checker settings',
      method: 'PUT',
      url: () => '/api/v1/replycheck/settings',
      payload: () => checkerSettings,
      expect: (r) => (r === 'admin' || r === 'supervisor' ? 200 : 403),
    },
    {
      name: 'quality review',
      method: 'GET',
      url: () => '/api/v1/qa/conversations',
      expect: (r) => (r === 'admin' || r === 'supervisor' ? 200 : 403),
    },
  ];

  for (const route of routes) {
    it(route.name, async () => {
      for (const role of ROLES) {
        const response = await h.app.inject({
          method: route.method,
          url: route.url(),
          headers: headers[role],
          ...(route.payload ? { payload: route.payload() as object } : {}),
        });
        assert.equal(
          response.statusCode,
          route.expect(role),
          `${role} → ${route.method} ${route.name}: ${response.body.slice(0, 200)}`,
        );
      }
      const anonymous = await h.app.inject({
        method: route.method,
        url: route.url(),
        ...(route.payload ? { payload: route.payload() as object } : {}),
      });
      assert.equal(anonymous.statusCode, 401, `anonymous → ${route.name}`);
    });
  }

  it('shows a customer only their own cases in lists', async () => {
    const list = (
      await h.app.inject({ method: 'GET', url: '/api/v1/cases?status=any', headers: headers.customer })
    ).json();
    assert.equal(list.items.length, 0);
    const agentList = (
      await h.app.inject({ method: 'GET', url: '/api/v1/cases?status=any', headers: headers.agent })
    ).json();
    assert.equal(
      agentList.items.some((c: { id: string }) => c.id === caseId),
      false,
      'an agent does not list another team’s case',
    );
  });
});
