// Escalation by staff and through the footer's signed link, the automatic acknowledgement,
// the ball in our court when the customer writes back, and the kept/early report (the send
// rule and the footer: commitment-send.test.ts).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { commitmentJobs } from '../../src/domains/commitments/commitments.jobs.ts';
import { commitmentSuite } from '../helpers/commitment-suite.ts';
import type { Harness, Session } from '../helpers/http.ts';
import { NEXT_STEP, newCasePayload } from '../helpers/http.ts';

describe('commitments: escalation, acknowledgement, the ball in our court, the report', () => {
  const suite = commitmentSuite();
  const { open, reply, messages, read, jobsFor } = suite;
  let h: Harness;
  let agent: Session;
  let supervisor: Session;
  let head: Session;
  before(() => {
    ({ h, agent, supervisor, head } = suite.state);
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

  it('the next acknowledgement says what an admin just changed in its template and the company name', async () => {
    const [acknowledge] = commitmentJobs(h.ctx);
    const acknowledged = async () => {
      const created = await open({ channel: 'web' });
      await acknowledge!.handle({ caseId: created.id } as never, { id: `job-${created.id}` } as never);
      return { created, told: (await messages(created.id)).find((m) => m.direction === 'outbound')! };
    };
    // The texts are read (and cached) by a first acknowledgement, then changed.
    assert.match((await acknowledged()).told.text, /Thank you for writing to us/);
    const admin = await h.token('admin');
    const templates = (await h.app.inject({ method: 'GET', url: '/api/v1/templates', headers: admin })).json();
    const template = templates.items.find(
      (item: { key: string; language: string }) => item.key === 'case.acknowledgement' && item.language === 'en',
    );
    const edited = await h.app.inject({
      method: 'PUT',
      url: `/api/v1/templates/${template.id}`,
      headers: admin,
      payload: { subject: template.subject, body: 'Hello from {{company.name}}: request {{case.number}} is ours now.' },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    const afterEdit = await acknowledged();
    assert.match(
      afterEdit.told.text,
      new RegExp(`^Hello from .+: request ${afterEdit.created.number} is ours now\\.$`),
    );
    const renamed = await h.app.inject({
      method: 'PATCH',
      url: '/api/v1/settings/company',
      headers: admin,
      payload: { name: 'Northwind Freight' },
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    const { created, told } = await acknowledged();
    assert.equal(told.text, `Hello from Northwind Freight: request ${created.number} is ours now.`);
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
    const url = `/api/v1/reports/commitments?from=${from}&to=${to}`;
    assert.equal((await h.app.inject({ method: 'GET', url, headers: agent.headers })).statusCode, 403);
    const firstReplies = async () => {
      const report = (await h.app.inject({ method: 'GET', url, headers: supervisor.headers })).json();
      return { report, firstReply: report.byKind.find((row: { kind: string }) => row.kind === 'first-reply') };
    };
    const before = await firstReplies();
    // Two more first replies, sent well before their date.
    for (const name of ['Emily Carter', 'James Miller']) {
      const created = await open({
        customer: { email: `${name.split(' ')[0]!.toLowerCase()}.report@example.com`, name },
      });
      const sent = await reply(created.id, {
        body: `Dear ${name}, this is Anna. I am checking your order with the courier now.`,
        visibility: 'public',
        commitment: NEXT_STEP,
      });
      assert.equal(sent.statusCode, 201, sent.body);
    }
    const { report, firstReply } = await firstReplies();
    assert.equal(firstReply.kept, (before.firstReply?.kept ?? 0) + 2, JSON.stringify(report));
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
