// The send rule (a public reply leaves the customer with a commitment), the footer in the
// case language, one customer message per action (hand-over, plan change). Escalation, the
// acknowledgement and the kept/early report: commitment-escalation.test.ts.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { commitmentSuite } from '../helpers/commitment-suite.ts';
import type { Harness, Session } from '../helpers/http.ts';
import { NEXT_STEP } from '../helpers/http.ts';

describe('commitments on send: the rule, the footer, one message per action', () => {
  const suite = commitmentSuite();
  const { open, reply, messages, read, eventTypes, jobsFor } = suite;
  let h: Harness;
  let agent: Session;
  let supervisor: Session;
  let senior: Session;
  before(() => {
    ({ h, agent, supervisor, senior } = suite.state);
  });

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
});
