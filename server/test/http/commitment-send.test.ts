// The send rule (a public reply leaves the customer with a commitment), the footer in the
// case language, escalation by staff and through the footer's signed link, the automatic
// acknowledgement, one customer message per action, and the kept/early report.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { commitmentJobs } from '../../src/domains/commitments/commitments.jobs.ts';
import { createHarness, type Harness, NEXT_STEP, newCasePayload, type Session } from '../helpers/http.ts';

interface Message {
  id: string;
  visibility: string;
  direction: string;
  text: string;
  footer: string | null;
}

describe('commitments on send: the rule, the footer, escalation, acknowledgement', () => {
  let h: Harness;
  let agent: Session;
  let supervisor: Session;
  let senior: Session;
  let head: Session;

  before(async () => {
    h = await createHarness();
    agent = await h.signIn('agent', { name: 'Anna Agent' });
    supervisor = await h.signIn('supervisor', { name: 'Sofia Ionescu' });
    senior = await h.signIn('agent', { name: 'Piotr Nowak' });
    head = await h.signIn('supervisor', { name: 'Olga Head' });
    const admin = await h.signIn('admin');
    const ladder = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/settings/ladder',
      headers: admin.headers,
      payload: {
        rungs: [
          { title: 'Service desk', userId: agent.user.id },
          { title: 'Senior agent', userId: senior.user.id, contactPhone: '+48 22 100 20 30' },
          { title: 'Head of service', userId: head.user.id, contactEmail: 'head@shop.test' },
        ],
      },
    });
    assert.equal(ladder.statusCode, 200, ladder.body);
  });
  after(() => h.close());

  const open = async (overrides: Record<string, unknown> = {}) => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: agent.headers,
      payload: newCasePayload({ ownerId: agent.user.id, ...overrides }),
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json();
  };
  const reply = (id: string, payload: Record<string, unknown>, session = agent) =>
    h.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/messages`, headers: session.headers, payload });
  const messages = async (id: string): Promise<Message[]> =>
    (await h.app.inject({ method: 'GET', url: `/api/v1/cases/${id}/messages`, headers: agent.headers })).json().items;
  const read = async (id: string) =>
    (await h.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: agent.headers })).json();
  const eventTypes = async (id: string): Promise<string[]> =>
    (await h.app.inject({ method: 'GET', url: `/api/v1/cases/${id}/events`, headers: agent.headers }))
      .json()
      .items.map((e: { type: string }) => e.type);
  /** A case's jobs of a queue: still in the outbox, or already moved to pg-boss by the relay (one transaction). */
  const jobsFor = async (queue: string, caseId: string) =>
    (
      await h.ctx.database.executeSql(
        `SELECT data FROM outbox WHERE queue = $1 AND data->>'caseId' = $2
         UNION ALL SELECT data FROM pgboss.job WHERE name = $1 AND data->>'caseId' = $2`,
        [queue, caseId],
      )
    ).rows;

  it('refuses a reply that leaves the customer without a next step, before the reply checker, writing nothing', async () => {
    const created = await open();
    const bare = await reply(created.id, { body: 'Dear Emily Carter, we are looking into it.', visibility: 'public' });
    assert.equal(bare.statusCode, 422);
    assert.equal(bare.json().code, 'commitment-required');
    // A banned phrase too: the commitment check comes first.
    const both = await reply(created.id, { body: 'That is not my job.', visibility: 'public' });
    assert.equal(both.json().code, 'commitment-required');
    // "keep" cannot keep the first-reply promise this very reply fulfils.
    const keep = await reply(created.id, {
      body: 'Dear Emily Carter, on it.',
      visibility: 'public',
      commitment: 'keep',
    });
    assert.equal(keep.statusCode, 422);
    assert.match(keep.json().detail, /first-reply/);
    // Schema errors come before everything.
    const schema = await reply(created.id, { body: 'x', visibility: 'public', commitment: { nextStep: '' } });
    assert.equal(schema.statusCode, 400);
    assert.equal((await messages(created.id)).length, 1, 'nothing was written');
    assert.equal((await read(created.id)).version, created.version);
  });

  it('sends with a new commitment, the footer in the case language, and lets the next reply keep it', async () => {
    const created = await open({
      subject: 'Заказ не пришёл',
      customer: { email: 'ivan.footer@example.ru', name: 'Иван Петров', locale: 'ru' },
      message: { body: 'Здравствуйте, мой заказ NW-100300 не пришёл.' },
    });
    const sent = await reply(created.id, {
      body: 'Здравствуйте, Иван Петров! Меня зовут Анна, я проверяю ваш заказ.',
      visibility: 'public',
      commitment: { nextStep: 'Мы уточним у курьера дату доставки и напишем вам', waitingOn: 'third-party' },
    });
    assert.equal(sent.statusCode, 201, sent.body);
    const message = sent.json();
    assert.ok(message.footer, 'the reply carries its footer');
    assert.match(message.footer, /Что дальше: Мы уточним у курьера дату доставки и напишем вам/);
    assert.match(message.footer, /Срок: до \d/);
    assert.match(message.footer, /Вашим обращением занимается Anna Agent/);
    assert.match(message.footer, /Senior agent: Piotr Nowak \(agent\d+@test\.heard\.dev, \+48 22 100 20 30\)/);
    assert.match(message.footer, /\/escalate\/escalate\./);
    assert.match(message.footer, new RegExp(`Обращение №${created.number}`));
    const after = await read(created.id);
    assert.equal(after.status, 'waiting-third-party', 'the status follows whom we wait on');
    assert.equal(after.commitment.kind, 'next-step');
    assert.deepEqual(after.commitment.ladder, {
      current: { title: 'Service desk', name: 'Anna Agent' },
      next: { title: 'Senior agent', name: 'Piotr Nowak', contact: `${senior.user.email}, +48 22 100 20 30` },
    });
    assert.deepEqual(
      (await jobsFor('case.reply', created.id)).map((row) => (row.data as { messageId: string }).messageId),
      [message.id],
    );

    const kept = await reply(created.id, {
      body: 'Иван Петров, курьер пока не ответил, мы продолжаем.',
      visibility: 'public',
      commitment: 'keep',
    });
    assert.equal(kept.statusCode, 201, kept.body);
    assert.equal((await read(created.id)).commitment.nextStep, 'Мы уточним у курьера дату доставки и напишем вам');
    // The status follows the commitment: a contradicting status is refused.
    const contradicting = await reply(created.id, {
      body: 'Иван Петров, ждём ваших фото.',
      visibility: 'public',
      status: 'open',
      commitment: { nextStep: 'Пришлите фото', waitingOn: 'customer' },
    });
    assert.equal(contradicting.statusCode, 400);
  });

  it('resolving needs no next step; the footer then says so; a reply that resolves cannot carry one', async () => {
    const created = await open();
    const withStep = await reply(created.id, {
      body: 'Dear Emily Carter, it is delivered.',
      visibility: 'public',
      status: 'resolved',
      commitment: NEXT_STEP,
    });
    assert.equal(withStep.statusCode, 400);
    const resolved = await reply(created.id, {
      body: 'Dear Emily Carter, this is Anna. Your parcel was delivered this morning.',
      visibility: 'public',
      status: 'resolved',
    });
    assert.equal(resolved.statusCode, 201, resolved.body);
    assert.match(resolved.json().footer, /Your request is resolved/);
    assert.equal((await read(created.id)).commitment, null);
  });

  it('warns instead of blocking when a supervisor says so, and records it on the timeline', async () => {
    const denied = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/settings/send-policy',
      headers: agent.headers,
      payload: { missingCommitment: 'warn' },
    });
    assert.equal(denied.statusCode, 403);
    const set = async (missingCommitment: string) =>
      h.app.inject({
        method: 'PUT',
        url: '/api/v1/settings/send-policy',
        headers: supervisor.headers,
        payload: { missingCommitment },
      });
    assert.equal((await set('warn')).statusCode, 200);
    try {
      const created = await open();
      const sent = await reply(created.id, { body: 'Dear Emily Carter, we are on it.', visibility: 'public' });
      assert.equal(sent.statusCode, 201, sent.body);
      assert.ok((await eventTypes(created.id)).includes('commitment.missing'));
      const policy = await h.app.inject({ method: 'GET', url: '/api/v1/settings/send-policy', headers: agent.headers });
      assert.deepEqual(policy.json(), { missingCommitment: 'warn' });
    } finally {
      assert.equal((await set('block')).statusCode, 200);
    }
    assert.equal((await set('sometimes')).statusCode, 400);
  });

  it('a hand-over with a new plan tells the customer once, in one message', async () => {
    const created = await open();
    const before = (await messages(created.id)).filter((m) => m.visibility === 'public').length;
    const handed = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${created.id}/handover`,
      headers: agent.headers,
      payload: {
        toUserId: senior.user.id,
        note: 'Polish customer, please take it.',
        commitment: { nextStep: 'We send a replacement and confirm the tracking number', waitingOn: 'us' },
      },
    });
    assert.equal(handed.statusCode, 200, handed.body);
    assert.equal(handed.json().commitment.owner.name, 'Piotr Nowak');
    const told = (await messages(created.id)).filter((m) => m.visibility === 'public' && m.direction === 'outbound');
    assert.equal(told.length + 1, before + 1, 'exactly one customer message');
    assert.match(told[0]!.text, /Piotr Nowak is now handling/);
    assert.match(told[0]!.footer!, /What happens next: We send a replacement and confirm the tracking number/);
    assert.match(told[0]!.footer!, /Handling your request: Piotr Nowak/);
  });

  it('changing the plan tells the customer, with the reason', async () => {
    const created = await open();
    const changed = await h.app.inject({
      method: 'PUT',
      url: `/api/v1/cases/${created.id}/commitment`,
      headers: agent.headers,
      payload: {
        nextStep: 'We wait for the warehouse to count the stock',
        waitingOn: 'third-party',
        reason: 'The warehouse is doing an inventory today.',
      },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const told = (await messages(created.id)).filter((m) => m.direction === 'outbound' && m.visibility === 'public');
    assert.equal(told.length, 1);
    assert.match(told[0]!.text, /The warehouse is doing an inventory today\. Here is the plan now:/);
    assert.match(told[0]!.footer!, /We wait for the warehouse to count the stock/);
  });

  it('escalates one rung at a time, by staff and by the customer’s signed link, telling the customer once each', async () => {
    const created = await open({ customer: { email: 'marta.esc@example.pl', name: 'Marta Kowalska', locale: 'pl' } });
    const tooShort = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${created.id}/escalate`,
      headers: agent.headers,
      payload: { reason: '' },
    });
    assert.equal(tooShort.statusCode, 400);
    const escalated = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${created.id}/escalate`,
      headers: agent.headers,
      payload: { reason: 'Third complaint about the same parcel' },
    });
    assert.equal(escalated.statusCode, 200, escalated.body);
    const up = escalated.json();
    assert.equal(up.escalationLevel, 2);
    assert.equal(up.owner.name, 'Piotr Nowak');
    assert.equal(up.commitment.kind, 'escalation');
    assert.equal(up.commitment.nextStep, 'Starszy specjalista rozpatrzy Państwa zgłoszenie i odpowie');
    assert.deepEqual(up.commitment.ladder.next, {
      title: 'Head of service',
      name: 'Olga Head',
      contact: 'head@shop.test',
    });
    let told = (await messages(created.id)).filter((m) => m.direction === 'outbound' && m.visibility === 'public');
    assert.equal(told.length, 1);
    assert.match(told[0]!.text, /przejął\(a\) Senior agent: Piotr Nowak/);
    const link = /https?:\/\/\S+\/escalate\/(\S+)/.exec(told[0]!.footer!)![1]!;

    // The customer follows the link: a page in their language, no sign-in.
    const page = await h.app.inject({ method: 'GET', url: `/escalate/${link}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    assert.match(page.body, /<html lang="pl">/);
    assert.match(page.body, /Head of service \(Olga Head\)/);
    const asked = await h.app.inject({
      method: 'POST',
      url: `/escalate/${link}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'reason=Nikt+mi+nie+odpowiada',
    });
    assert.equal(asked.statusCode, 200, asked.body);
    assert.match(asked.body, /Head of service — Olga Head/);
    const top = await read(created.id);
    assert.equal(top.escalationLevel, 3);
    assert.equal(top.owner.name, 'Olga Head');
    assert.equal(top.commitment.ladder.next, null);
    // The same link again changes nothing.
    const again = await h.app.inject({
      method: 'POST',
      url: `/escalate/${link}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'reason=Jeszcze+raz',
    });
    assert.equal(again.statusCode, 200);
    assert.equal((await read(created.id)).escalationLevel, 3);
    told = (await messages(created.id)).filter((m) => m.direction === 'outbound' && m.visibility === 'public');
    assert.equal(told.length, 2, 'one customer message per escalation');
    const events = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}/events`, headers: agent.headers })
    ).json().items;
    const reasons = events
      .filter((e: { type: string }) => e.type === 'case.escalated')
      .map((e: { data: { reason: string; by: string } }) => [e.data.by, e.data.reason]);
    assert.deepEqual(reasons, [
      ['staff', 'Third complaint about the same parcel'],
      ['customer', 'Nikt mi nie odpowiada'],
    ]);
    // At the top of the ladder, staff are told so.
    const topped = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${created.id}/escalate`,
      headers: head.headers,
      payload: { reason: 'Once more' },
    });
    assert.equal(topped.statusCode, 422);
    // A forged link is refused.
    const forged = await h.app.inject({ method: 'GET', url: `/escalate/${link.slice(0, -3)}abc` });
    assert.equal(forged.statusCode, 404);
  });

  it('acknowledges a case the customer opened, once, with the case number and the first commitment', async () => {
    const token = await h.token('agent');
    const fromForm = await h.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: token,
      payload: newCasePayload({ channel: 'web' }),
    });
    const created = fromForm.json();
    assert.equal((await jobsFor('case.acknowledge', created.id)).length, 1);
    const byAgent = await open({ channel: 'web' });
    assert.equal(
      (await jobsFor('case.acknowledge', byAgent.id)).length,
      0,
      'an agent typing a case in needs no acknowledgement',
    );
    const [acknowledge] = commitmentJobs(h.ctx);
    await acknowledge!.handle({ caseId: created.id } as never, { id: 'job-1' } as never);
    await acknowledge!.handle({ caseId: created.id } as never, { id: 'job-2' } as never);
    const told = (await messages(created.id)).filter((m) => m.direction === 'outbound');
    assert.equal(told.length, 1, 'acknowledged exactly once');
    assert.match(told[0]!.text, new RegExp(`registered under number ${created.number}`));
    assert.match(told[0]!.footer!, /What happens next: We reply to your request/);
  });

  it('a customer writing back puts the ball in our court with a new first-reply commitment', async () => {
    const customer = await h.signIn('customer', { email: 'waiting.customer@example.com' });
    const created = await open({ customer: { email: 'waiting.customer@example.com', name: 'Wanda' } });
    await reply(created.id, {
      body: 'Dear Wanda, please send a photo of the label.',
      visibility: 'public',
      commitment: { nextStep: 'Send us a photo of the label', waitingOn: 'customer' },
    });
    assert.equal((await read(created.id)).status, 'waiting-customer');
    const answered = await reply(created.id, { body: 'Here it is.', visibility: 'public' }, customer);
    assert.equal(answered.statusCode, 201, answered.body);
    const after = await read(created.id);
    assert.equal(after.status, 'open');
    assert.equal(after.commitment.kind, 'first-reply');
    assert.equal(after.commitment.waitingOn, 'us');
  });

  it('a customer who asks for a manager in a reply goes one rung up, once per request', async () => {
    const customer = await h.signIn('customer', { email: 'asks.higher@example.com' });
    const created = await open({ customer: { email: 'asks.higher@example.com', name: 'Harriet' } });
    const ordinary = await reply(
      created.id,
      { body: 'My manager ordered this chair.', visibility: 'public' },
      customer,
    );
    assert.equal(ordinary.statusCode, 201, ordinary.body);
    assert.equal((await read(created.id)).escalationLevel, 1, 'a mere mention changes nothing');
    const asked = await reply(
      created.id,
      { body: 'Third time I write. I want to speak to a manager.', visibility: 'public' },
      customer,
    );
    assert.equal(asked.statusCode, 201, asked.body);
    const after = await read(created.id);
    assert.equal(after.escalationLevel, 2);
    assert.equal(after.owner.name, 'Piotr Nowak');
    const escalated = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}/events`, headers: agent.headers })
    )
      .json()
      .items.find((e: { type: string }) => e.type === 'case.escalated');
    assert.equal(escalated.data.by, 'customer');
    assert.match(escalated.data.reason, /speak to a manager/);
  });

  it('the status follows the commitment: no waiting by hand; a reopened case owes the customer a reply', async () => {
    const created = await open();
    const patch = (payload: Record<string, unknown>) =>
      h.app.inject({ method: 'PATCH', url: `/api/v1/cases/${created.id}`, headers: agent.headers, payload });
    const waiting = await patch({ version: created.version, status: 'waiting-customer' });
    assert.equal(waiting.statusCode, 400);
    const resolved = await patch({ version: created.version, status: 'resolved' });
    assert.equal(resolved.json().commitment, null);
    const reopened = await patch({ version: resolved.json().version, status: 'open' });
    assert.equal(reopened.statusCode, 200, reopened.body);
    assert.equal(reopened.json().commitment.kind, 'first-reply');
    assert.equal(reopened.json().commitment.waitingOn, 'us');
  });

  it('reports the share of commitments kept and how early they were met', async () => {
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const forbidden = await h.app.inject({
      method: 'GET',
      url: `/api/v1/reports/commitments?from=${from}&to=${to}`,
      headers: agent.headers,
    });
    assert.equal(forbidden.statusCode, 403);
    const report = (
      await h.app.inject({
        method: 'GET',
        url: `/api/v1/reports/commitments?from=${from}&to=${to}`,
        headers: supervisor.headers,
      })
    ).json();
    // Every first reply above came well before its date.
    const firstReply = report.byKind.find((row: { kind: string }) => row.kind === 'first-reply');
    assert.ok(firstReply.kept >= 4, JSON.stringify(report));
    assert.equal(firstReply.missed, 0);
    assert.equal(report.total.keptShare, 1);
    assert.ok(report.total.medianEarlyMinutes > 60);
    const backwards = await h.app.inject({
      method: 'GET',
      url: `/api/v1/reports/commitments?from=${to}&to=${from}`,
      headers: supervisor.headers,
    });
    assert.equal(backwards.statusCode, 400);
  });
});
