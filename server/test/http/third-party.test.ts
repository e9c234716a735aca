// Messages to third parties through the API: who may write them, what is refused, and that the
// customer never sees them (their message list, the case) while staff see them with the party.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness, newCasePayload, type Session } from '../helpers/http.ts';

interface Listed {
  id: string;
  visibility: string;
  direction: string;
  author: { type: string; name: string };
  footer: string | null;
  delivery: { state: string } | null;
  thirdParty: { email: string; name: string | null } | null;
}

describe('messages to third parties', () => {
  let h: Harness;
  let agent: Session;

  before(async () => {
    h = await createHarness();
    agent = await h.signIn('agent', { name: 'Anna Kowalska' });
  });
  after(() => h.close());

  async function createCase() {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: agent.headers,
      payload: newCasePayload({ subject: 'Kettle under warranty' }),
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string; status: string; version: number; customer: { email: string } }>();
  }

  const post = (caseId: string, payload: Record<string, unknown>, session: Session = agent) =>
    h.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/messages`, headers: session.headers, payload });

  const toSupplier = {
    body: 'Hello, could you confirm the repair of the kettle with serial KT-1 4455?',
    visibility: 'third-party',
    recipient: { email: 'Service@Supplier.example', name: 'Supplier service' },
  };

  it('stores the message with its recipient, queued for email, with no commitment and no status change', async () => {
    const created = await createCase();
    const response = await post(created.id, toSupplier);
    assert.equal(response.statusCode, 201, response.body);
    const message = response.json<Listed>();
    assert.equal(message.visibility, 'third-party');
    assert.equal(message.direction, 'outbound');
    assert.deepEqual(message.thirdParty, { email: 'service@supplier.example', name: 'Supplier service' });
    assert.deepEqual(message.delivery, { state: 'queued', error: null });
    assert.equal(message.author.name, 'Anna Kowalska');
    assert.equal(message.footer, null, 'no customer footer');

    const after = await h.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}`, headers: agent.headers });
    assert.equal(after.json<{ status: string }>().status, created.status, 'the status is the customer’s business');
    const events = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}/events`, headers: agent.headers })
    ).json<{ items: { type: string; data: Record<string, unknown> }[] }>().items;
    const sent = events.find((event) => event.type === 'message.third-party-sent');
    assert.deepEqual(sent?.data, {
      messageId: message.id,
      recipient: 'service@supplier.example',
      actorName: 'Anna Kowalska',
    });
    assert.ok(!events.some((event) => event.type === 'commitment.missing'), 'no commitment needed');

    await h.ctx.jobs!.drain();
    const listed = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}/messages`, headers: agent.headers })
    ).json<{ items: Listed[] }>().items;
    assert.equal(listed.find((m) => m.id === message.id)?.delivery?.state, 'sent');
  });

  it('refuses a missing or invalid recipient, the customer’s own address and customer-reply fields', async () => {
    const created = await createCase();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...toSupplier, recipient: undefined }, /body\/recipient/],
      [{ ...toSupplier, recipient: { email: 'not an address' } }, /recipient\/email/],
      [{ ...toSupplier, recipient: { name: 'No address' } }, /recipient/],
      [{ ...toSupplier, recipient: { email: created.customer.email.toUpperCase() } }, /customer’s address/],
      [{ ...toSupplier, commitment: 'keep' }, /body\/commitment/],
      [{ ...toSupplier, status: 'waiting-third-party' }, /body\/status/],
      [{ ...toSupplier, replyAll: true }, /body\/replyAll/],
      [{ ...toSupplier, visibility: 'internal' }, /body\/recipient/],
    ];
    for (const [payload, expected] of cases) {
      const response = await post(created.id, payload);
      assert.equal(response.statusCode, 400, `${JSON.stringify(payload)}: ${response.body}`);
      assert.match(response.body, expected);
    }
    const listed = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}/messages`, headers: agent.headers })
    ).json<{ items: Listed[] }>().items;
    assert.ok(!listed.some((m) => m.visibility === 'third-party'), 'nothing was stored');
  });

  it('the customer cannot write one and never sees one; staff of another team cannot write one', async () => {
    const created = await createCase();
    assert.equal((await post(created.id, toSupplier)).statusCode, 201);
    const customer = await h.signIn('customer', { email: created.customer.email, teamId: null });
    const refused = await post(created.id, toSupplier, customer);
    assert.equal(refused.statusCode, 403, refused.body);

    const seen = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}/messages`, headers: customer.headers })
    ).json<{ items: Listed[] }>().items;
    assert.ok(seen.length > 0);
    assert.ok(seen.every((m) => m.visibility === 'public' && m.thirdParty === null));

    const outsider = await h.signIn('agent', { teamId: await h.team('Other team') });
    assert.equal((await post(created.id, toSupplier, outsider)).statusCode, 404);
    const supervisor = await h.signIn('supervisor');
    assert.equal((await post(created.id, toSupplier, supervisor)).statusCode, 201);
  });

  it('the OpenAPI document describes the third-party message', async () => {
    const openapi = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const post = openapi.paths['/api/v1/cases/{id}/messages'].post;
    const body = post.requestBody.content['application/json'].schema;
    assert.match(JSON.stringify(body.properties.visibility), /third-party/);
    assert.deepEqual(Object.keys(body.properties.recipient.properties), ['email', 'name']);
    assert.ok(post.responses['201'].content['application/json'].schema.properties.thirdParty);
  });

  it('a draft may be a third-party message, and keeps its recipient as typed so far', async () => {
    const created = await createCase();
    const url = `/api/v1/cases/${created.id}/draft`;
    const save = (payload: Record<string, unknown>) =>
      h.app.inject({ method: 'PUT', url, headers: agent.headers, payload });
    const read = async () => (await h.app.inject({ method: 'GET', url, headers: agent.headers })).json();
    // Half-typed: a draft keeps the address unchecked; sending checks it.
    const recipient = { email: 'service@kettle-', name: 'Kettle Service' };
    assert.equal((await save({ body: 'Dear supplier,', visibility: 'third-party', recipient })).statusCode, 204);
    assert.deepEqual(await read().then(({ updatedAt: _, ...draft }) => draft), {
      body: 'Dear supplier,',
      visibility: 'third-party',
      recipient,
    });
    // Only a third-party draft has a recipient.
    assert.equal((await save({ body: 'Dear customer,', visibility: 'public', recipient })).statusCode, 204);
    assert.equal((await read()).recipient, null);
    const invalid = await save({ body: 'x', visibility: 'third-party', recipient: { email: 'a@b.c' } });
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.json().detail, /recipient/);
  });
});
