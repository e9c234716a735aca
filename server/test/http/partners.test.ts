// The partner directory over HTTP: creating, filtering, editing, validation and who may do what.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness, type Session } from '../helpers/http.ts';

const partnerPayload = (overrides: Record<string, unknown> = {}) => ({
  name: 'Baltic Kitchens',
  specializations: ['Kitchen installation', 'plumbing'],
  regions: ['PL', 'lt'],
  terms: '10% off the first installation for our customers',
  contact: { email: 'Office@Baltic-Kitchens.example', phone: '+48 22 123 45 67' },
  ...overrides,
});

describe('partner directory', () => {
  let h: Harness;
  let admin: Session;
  let supervisor: Session;
  let agent: Session;
  before(async () => {
    h = await createHarness();
    admin = await h.signIn('admin');
    supervisor = await h.signIn('supervisor');
    agent = await h.signIn('agent');
  });
  after(() => h.close());

  const create = (session: Session, payload: Record<string, unknown>) =>
    h.app.inject({ method: 'POST', url: '/api/v1/partners', headers: session.headers, payload });

  it('creates a partner with normalized specializations, regions and contact', async () => {
    const response = await create(admin, partnerPayload());
    assert.equal(response.statusCode, 201, response.body);
    const partner = response.json();
    assert.match(partner.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(partner.specializations, ['kitchen-installation', 'plumbing']);
    assert.deepEqual(partner.regions, ['PL', 'LT']);
    assert.deepEqual(partner.contact, { email: 'office@baltic-kitchens.example', phone: '+48 22 123 45 67' });
    assert.equal(partner.status, 'active');
    assert.deepEqual(partner.outcomes, { referred: 0, answered: 0, served: 0, satisfied: 0, incoming: 0 });

    const read = await h.app.inject({ method: 'GET', url: `/api/v1/partners/${partner.id}`, headers: agent.headers });
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().name, 'Baltic Kitchens');
  });

  it('refuses invalid partners with 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [partnerPayload({ regions: ['PL', 'XX'] }), 'body/regions/1'],
      [partnerPayload({ regions: ['POL'] }), 'body/regions/0'],
      [partnerPayload({ specializations: [] }), 'body/specializations'],
      [partnerPayload({ contact: { email: 'not-an-email' } }), 'body/contact/email'],
      [partnerPayload({ status: 'deleted' }), 'body/status'],
      [partnerPayload({ name: '' }), 'body/name'],
      [partnerPayload({ surprise: true }), 'body/surprise'],
    ];
    for (const [payload, field] of cases) {
      const response = await create(admin, payload);
      assert.equal(response.statusCode, 400, `${field}: ${response.body}`);
      assert.equal(response.json().errors[0].field, field);
    }
  });

  it('lets supervisors edit, agents only read, and refuses customers and warehouse staff', async () => {
    const created = (await create(supervisor, partnerPayload({ name: 'Carpathian Repairs', regions: ['RO'] }))).json();
    const patch = (session: Session | { authorization: string }, payload: Record<string, unknown>) =>
      h.app.inject({
        method: 'PATCH',
        url: `/api/v1/partners/${created.id}`,
        headers: 'headers' in session ? session.headers : session,
        payload,
      });
    const paused = await patch(supervisor, { status: 'paused', notes: 'Slow answers in October' });
    assert.equal(paused.statusCode, 200);
    assert.equal(paused.json().status, 'paused');
    assert.equal(paused.json().notes, 'Slow answers in October');
    assert.equal(paused.json().regions[0], 'RO');

    assert.equal((await patch(agent, { status: 'active' })).statusCode, 403);
    assert.equal((await create(agent, partnerPayload())).statusCode, 403);
    assert.equal((await patch(supervisor, {})).statusCode, 400);
    assert.equal((await patch(supervisor, { regions: ['ZZ'] })).statusCode, 400);
    const unknown = await h.app.inject({
      method: 'PATCH',
      url: '/api/v1/partners/00000000-0000-4000-8000-000000000000',
      headers: admin.headers,
      payload: { notes: 'x' },
    });
    assert.equal(unknown.statusCode, 404);

    const customer = await h.signIn('customer');
    const staff = await h.signIn('staff');
    for (const session of [customer, staff]) {
      const list = await h.app.inject({ method: 'GET', url: '/api/v1/partners', headers: session.headers });
      assert.equal(list.statusCode, 403);
      assert.equal((await create(session, partnerPayload())).statusCode, 403);
    }
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/v1/partners' })).statusCode, 401);
    const agentToken = await h.token('agent');
    assert.equal((await patch(agentToken, { notes: 'x' })).statusCode, 403);
    assert.equal((await patch(await h.token('admin'), { notes: 'Reviewed' })).statusCode, 200);
  });

  it('filters by specialization and region and pages with a cursor', async () => {
    for (const [name, specializations, regions] of [
      ['Alpha Plumbing', ['plumbing'], ['PL']],
      ['Beta Plumbing', ['plumbing'], ['RO', 'MD']],
      ['Gamma Electric', ['electrical'], ['PL']],
    ] as const) {
      await create(admin, partnerPayload({ name, specializations, regions }));
    }
    const list = async (query: string) =>
      (await h.app.inject({ method: 'GET', url: `/api/v1/partners?${query}`, headers: agent.headers })).json();
    const names = (body: { items: { name: string }[] }) => body.items.map((item) => item.name);

    assert.deepEqual(names(await list('specialization=plumbing&region=PL')), ['Alpha Plumbing', 'Baltic Kitchens']);
    assert.deepEqual(names(await list('specialization=Plumbing&region=md')), ['Beta Plumbing']);
    assert.deepEqual(names(await list('specialization=electrical')), ['Gamma Electric']);
    assert.deepEqual(names(await list('status=paused')), ['Carpathian Repairs']);

    const first = await list('limit=2');
    assert.deepEqual(names(first), ['Alpha Plumbing', 'Baltic Kitchens']);
    const second = await list(`limit=2&cursor=${first.nextCursor}`);
    assert.deepEqual(names(second), ['Beta Plumbing', 'Carpathian Repairs']);
    const third = await list(`limit=2&cursor=${second.nextCursor}`);
    assert.deepEqual(names(third), ['Gamma Electric']);
    assert.equal(third.nextCursor, null);

    const bad = await h.app.inject({ method: 'GET', url: '/api/v1/partners?region=XX', headers: agent.headers });
    assert.equal(bad.statusCode, 400);
    const badCursor = await h.app.inject({ method: 'GET', url: '/api/v1/partners?cursor=abc', headers: agent.headers });
    assert.equal(badCursor.statusCode, 400);
  });

  it('keeps the follow-up delay as a setting only managers change', async () => {
    const read = await h.app.inject({ method: 'GET', url: '/api/v1/referral-settings', headers: agent.headers });
    assert.deepEqual(read.json(), { followUpDays: 7 });
    const change = (session: Session, followUpDays: number) =>
      h.app.inject({
        method: 'PATCH',
        url: '/api/v1/referral-settings',
        headers: session.headers,
        payload: { followUpDays },
      });
    assert.equal((await change(agent, 3)).statusCode, 403);
    assert.equal((await change(admin, 0)).statusCode, 400);
    assert.deepEqual((await change(admin, 3)).json(), { followUpDays: 3 });
  });
});
