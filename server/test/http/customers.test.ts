import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness, newCasePayload, type Session } from '../helpers/http.ts';

describe('customers and organizations', () => {
  let h: Harness;
  let agent: Session;

  before(async () => {
    h = await createHarness();
    agent = await h.signIn('agent');
  });
  after(() => h.close());

  const createCaseFor = async (email: string, name: string) =>
    (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: agent.headers,
        payload: newCasePayload({ customer: { email, name } }),
      })
    ).json();

  it('finds customers by name or email and shows their cases', async () => {
    const created = await createCaseFor('agnieszka@example.pl', 'Agnieszka Zielińska');
    await createCaseFor('agnieszka@example.pl', 'Agnieszka Zielińska');
    const found = (
      await h.app.inject({ method: 'GET', url: '/api/v1/customers?q=Zieli', headers: agent.headers })
    ).json();
    assert.equal(found.items[0].email, 'agnieszka@example.pl');
    const detail = (
      await h.app.inject({ method: 'GET', url: `/api/v1/customers/${created.customer.id}`, headers: agent.headers })
    ).json();
    assert.equal(detail.cases.length, 2);
  });

  it('edits contact details and links an organization; bad input changes nothing', async () => {
    const created = await createCaseFor('tomasz@firma.pl', 'Tomasz');
    const id = created.customer.id;
    const organization = await h.app.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      headers: agent.headers,
      payload: { name: 'Firma Sp. z o.o.', domain: 'Firma.pl' },
    });
    assert.equal(organization.statusCode, 201);
    assert.equal(organization.json().domain, 'firma.pl');
    const patched = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/customers/${id}`,
      headers: agent.headers,
      payload: {
        name: 'Tomasz Kowalczyk',
        phone: '+48 600 100 200',
        locale: 'pl',
        country: 'PL',
        otherEmails: ['T.Kowalczyk@Gmail.com'],
        organizationId: organization.json().id,
      },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.deepEqual(
      { ...patched.json<Record<string, unknown>>(), id: undefined },
      {
        id: undefined,
        name: 'Tomasz Kowalczyk',
        email: 'tomasz@firma.pl',
        otherEmails: ['t.kowalczyk@gmail.com'],
        phone: '+48 600 100 200',
        locale: 'pl',
        country: 'PL',
        tier: 'standard',
        organization: { id: organization.json().id, name: 'Firma Sp. z o.o.' },
      },
    );
    for (const [payload, status] of [
      [{ country: 'Poland' }, 400],
      [{ locale: 'de' }, 400],
      [{ organizationId: '00000000-0000-4000-8000-000000000000' }, 400],
      [{ otherEmails: ['agnieszka@example.pl'] }, 409],
      [{}, 400],
    ] as const) {
      const response = await h.app.inject({
        method: 'PATCH',
        url: `/api/v1/customers/${id}`,
        headers: agent.headers,
        payload,
      });
      assert.equal(response.statusCode, status, JSON.stringify(payload));
    }
    const after = (
      await h.app.inject({ method: 'GET', url: `/api/v1/customers/${id}`, headers: agent.headers })
    ).json();
    assert.equal(after.country, 'PL');
    assert.deepEqual(after.otherEmails, ['t.kowalczyk@gmail.com']);
    const orgs = (
      await h.app.inject({ method: 'GET', url: '/api/v1/organizations?q=firma', headers: agent.headers })
    ).json();
    assert.equal(orgs.items.length, 1);
    const missing = await h.app.inject({
      method: 'PATCH',
      url: '/api/v1/customers/00000000-0000-4000-8000-000000000000',
      headers: agent.headers,
      payload: { name: 'X' },
    });
    assert.equal(missing.statusCode, 404);
  });
});
