import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addBusinessMinutes, DEFAULT_CALENDAR } from '../../src/domains/commitments/business-time.ts';
import { createHarness, type Harness, newCasePayload, type Session } from '../helpers/http.ts';

describe('cases API', () => {
  let h: Harness;
  let agent: Session;
  let api: { authorization: string };

  before(async () => {
    h = await createHarness();
    agent = await h.signIn('agent');
    api = await h.token('agent');
  });
  after(() => h.close());

  const create = (headers: Record<string, string>, payload: Record<string, unknown> = newCasePayload()) =>
    h.app.inject({ method: 'POST', url: '/api/v1/cases', headers, payload });

  it('creates a case with a bearer token and returns the contract shape', async () => {
    const response = await create(
      api,
      newCasePayload({
        priority: 'high',
        category: 'delivery',
        customer: { email: 'Emily@Example.com', name: 'Emily Carter' },
      }),
    );
    assert.equal(response.statusCode, 201);
    const body = response.json();
    assert.deepEqual(Object.keys(body).sort(), [
      'category',
      'channel',
      'commitment',
      'createdAt',
      'customer',
      'escalationLevel',
      'followUpOf',
      'id',
      'language',
      'number',
      'owner',
      'priority',
      'sla',
      'status',
      'subject',
      'tags',
      'team',
      'updatedAt',
      'version',
    ]);
    assert.equal(body.status, 'new');
    assert.equal(body.channel, 'api');
    assert.equal(body.customer.email, 'emily@example.com');
    assert.equal(body.language, 'en');
    assert.equal(body.owner, null);
    assert.equal(body.version, 1);
    // Every case starts with a commitment: we reply by the policy's honest default, in business time.
    assert.equal(body.commitment.kind, 'first-reply');
    assert.equal(body.commitment.nextStep, 'We reply to your request');
    assert.equal(body.commitment.waitingOn, 'us');
    assert.equal(body.commitment.basis.kind, 'policy');
    const expectedDue = addBusinessMinutes(DEFAULT_CALENDAR, new Date(body.createdAt), 960).getTime();
    assert.ok(Math.abs(Date.parse(body.commitment.dueAt) - expectedDue) < 60_000, body.commitment.dueAt);
    assert.ok(body.number >= 1000);
  });

  it('gives the case to the agent who takes the contact, in the language of the message', async () => {
    const response = await create(
      agent.headers,
      newCasePayload({ message: { body: 'Здравствуйте! Мой заказ до сих пор не доставлен, когда его привезут?' } }),
    );
    const body = response.json();
    assert.equal(body.owner.id, agent.user.id);
    assert.equal(body.channel, 'web');
    assert.equal(body.language, 'ru');
  });

  it('keeps one customer per email: concurrent first contacts share it, a missing name is filled, a known one kept', async () => {
    const email = 'same.person@example.com';
    const results = await Promise.all(
      Array.from({ length: 8 }, () => create(api, newCasePayload({ customer: { email } }))),
    );
    assert.deepEqual(
      results.map((r) => r.statusCode),
      Array(8).fill(201),
    );
    assert.equal(new Set(results.map((r) => r.json().customer.id)).size, 1);
    const named = (await create(api, newCasePayload({ customer: { email, name: 'Same Person' } }))).json();
    assert.equal(named.customer.name, 'Same Person');
    const renamed = (await create(api, newCasePayload({ customer: { email, name: 'Someone Else' } }))).json();
    assert.equal(renamed.customer.name, 'Same Person');
  });

  it('prefers the customer locale over detection', async () => {
    const response = await create(
      api,
      newCasePayload({
        customer: { email: 'pl@example.com', locale: 'pl' },
        message: { body: 'Hello there, please help me with my order.' },
      }),
    );
    assert.equal(response.json().language, 'pl');
  });

  it('refuses invalid input with 400 naming the field, and writes nothing', async () => {
    const before = (
      await h.app.inject({ method: 'GET', url: '/api/v1/cases?status=any&limit=100', headers: api })
    ).json().items.length;
    for (const [payload, field] of [
      [{ ...newCasePayload(), subject: '' }, 'body/subject'],
      [{ ...newCasePayload(), customer: { email: 'not-an-email' } }, 'body/customer/email'],
      [{ ...newCasePayload(), priority: 'asap' }, 'body/priority'],
      [{ ...newCasePayload(), surprise: 1 }, 'body/surprise'],
      [{ ...newCasePayload(), category: 'unknown-category' }, 'body/category'],
    ] as const) {
      const response = await create(api, payload as Record<string, unknown>);
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
      const problem = response.json();
      assert.equal(problem.code, 'validation-failed');
      assert.ok(
        problem.errors.some((error: { field: string }) => error.field === field),
        `${field} in ${response.body}`,
      );
    }
    const afterCount = (
      await h.app.inject({ method: 'GET', url: '/api/v1/cases?status=any&limit=100', headers: api })
    ).json().items.length;
    assert.equal(afterCount, before);
  });

  it('answers 401 without credentials, 404 for unknown ids, 413 for oversized bodies', async () => {
    assert.equal((await create({})).statusCode, 401);
    assert.equal(
      (await h.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { authorization: 'Bearer nope' } }))
        .statusCode,
      401,
    );
    const missing = await h.app.inject({
      method: 'GET',
      url: '/api/v1/cases/00000000-0000-4000-8000-000000000000',
      headers: api,
    });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'not-found');
    const huge = await create(api, newCasePayload({ message: { body: 'x'.repeat(1_100_000) } }));
    assert.equal(huge.statusCode, 413);
    assert.equal(huge.json().code, 'payload-too-large');
  });

  it('pages through lists with a cursor, newest activity first', async () => {
    for (let i = 0; i < 5; i++) await create(api, newCasePayload({ subject: `Paging case ${i}` }));
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/cases?status=any&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await h.app.inject({ method: 'GET', url, headers: api })).json();
      for (const item of page.items) {
        assert.equal(seen.has(item.id), false, 'no case appears twice');
        seen.add(item.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    assert.ok(seen.size >= 5);
    const bad = await h.app.inject({ method: 'GET', url: '/api/v1/cases?cursor=garbage', headers: api });
    assert.equal(bad.statusCode, 400);
  });

  it('skips no case updated within the same millisecond as the end of a page', async () => {
    const email = `same.millisecond.${Date.now()}@example.com`;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push((await create(api, newCasePayload({ customer: { email, name: 'Mila Second' } }))).json().id);
    }
    // Four activity times inside one millisecond, microseconds apart.
    for (const [index, id] of ids.entries()) {
      await h.ctx.database.executeSql(
        `UPDATE cases SET updated_at = '2026-11-20T10:00:00.123000Z'::timestamptz + make_interval(secs => $2::float8 / 1000000) WHERE id = $1`,
        [id, 100 * (index + 1)],
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/cases?status=any&limit=1&customerEmail=${email}${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await h.app.inject({ method: 'GET', url, headers: api })).json();
      seen.push(...page.items.map((item: { id: string }) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [...ids].reverse());
  });

  it('searches messages in every language, Romanian cedillas, names, emails and numbers', async () => {
    const ru = (
      await create(
        api,
        newCasePayload({ subject: 'Вопрос', message: { body: 'Курьер не доставил холодильники вовремя' } }),
      )
    ).json();
    const ro = (
      await create(
        api,
        newCasePayload({
          subject: 'Întrebare',
          message: { body: 'Aştept rambursarea pentru comanda mea de frigidere' },
        }),
      )
    ).json();
    const en = (
      await create(
        api,
        newCasePayload({
          subject: 'Question',
          customer: { email: 'zoe.quartermaine@example.com', name: 'Zoe Quartermaine' },
          message: { body: 'The refrigerators were delivered broken' },
        }),
      )
    ).json();
    const pl = (
      await create(
        api,
        newCasePayload({ subject: 'Pytanie', message: { body: 'Moje zamówienie z lodówkami nie dotarło' } }),
      )
    ).json();
    const search = async (q: string) =>
      (await h.app.inject({ method: 'GET', url: `/api/v1/cases?status=any&q=${encodeURIComponent(q)}`, headers: api }))
        .json()
        .items.map((c: { id: string }) => c.id);
    assert.ok((await search('холодильник')).includes(ru.id), 'Russian stem');
    assert.ok((await search('rambursarea')).includes(ro.id), 'Romanian, cedilla folded');
    assert.ok((await search('aștept')).includes(ro.id), 'Romanian comma letter finds cedilla text');
    assert.ok((await search('refrigerator')).includes(en.id), 'English stem');
    assert.ok((await search('zamówienia')).includes(pl.id), 'Polish, another inflection, pre-stemmed');
    assert.ok((await search('lodówka')).includes(pl.id), 'Polish noun in another case');
    assert.ok((await search('Quartermaine')).includes(en.id), 'customer name');
    assert.equal((await search(String(en.number)))[0], en.id, 'a case number ranks first');
    assert.equal((await search('xylophone')).length, 0);
  });

  it("a customer's search ranks every match among their own cases, however many newer ones others have", async () => {
    const mine = (
      await create(
        api,
        newCasePayload({ customer: { email: 'lamp.owner@example.com' }, message: { body: 'My quasar lamp' } }),
      )
    ).json();
    // More newer matches than a desk-wide search ranks (200), all of other customers.
    const others = await Promise.all(
      Array.from({ length: 210 }, (_, n) =>
        create(
          api,
          newCasePayload({ customer: { email: `lamp.${n}@example.com` }, message: { body: 'A quasar lamp' } }),
        ),
      ),
    );
    assert.ok(others.every((response) => response.statusCode === 201));
    const customer = await h.signIn('customer', { email: 'lamp.owner@example.com', teamId: null });
    const found = await h.app.inject({
      method: 'GET',
      url: '/api/v1/cases?status=any&q=quasar',
      headers: customer.headers,
    });
    assert.equal(found.statusCode, 200);
    assert.deepEqual(
      found.json().items.map((c: { id: string }) => c.id),
      [mine.id],
    );
  });

  it('changes status with the version, and answers 409 case-changed with what changed', async () => {
    const created = (await create(agent.headers)).json();
    const first = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${created.id}`,
      headers: agent.headers,
      payload: { version: 1, status: 'open', priority: 'urgent' },
    });
    assert.equal(first.statusCode, 200);
    assert.equal(first.json().version, 2);
    const stale = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${created.id}`,
      headers: agent.headers,
      payload: { version: 1, status: 'resolved' },
    });
    assert.equal(stale.statusCode, 409);
    const problem = stale.json();
    assert.equal(problem.code, 'case-changed');
    assert.equal(problem.current.status, 'open');
    assert.equal(problem.changes[0].type, 'case.updated');
    assert.deepEqual(problem.changes[0].data.to, { status: 'open', priority: 'urgent' });
    const events = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}/events`, headers: agent.headers })
    ).json();
    assert.deepEqual(
      events.items.map((e: { type: string }) => e.type),
      ['case.created', 'case.updated'],
    );
  });
});
