// The referral outcome follow-up end to end: the sweep job runs through the jobs platform,
// the email is written in the case language with signed one-click links, the public page
// shows the question on GET and records the answer on POST, and tampered or foreign
// requests change nothing.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FOLLOW_UP_QUEUE } from '../../src/domains/partners/partners.jobs.ts';
import { enqueue } from '../../src/platform/jobs.ts';
import { createHarness, type Harness, newCasePayload, type Session } from '../helpers/http.ts';

/** The text part of a written .eml (nodemailer uses quoted-printable for long lines). */
function emailText(raw: string): { subject: string; text: string } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const bytes: number[] = [];
  const soft = body.replace(/=\r?\n/g, '');
  for (let index = 0; index < soft.length; index++) {
    const hex = soft[index] === '=' ? /^[0-9A-F]{2}/.exec(soft.slice(index + 1)) : null;
    if (hex) {
      bytes.push(Number.parseInt(hex[0], 16));
      index += 2;
    } else bytes.push(...Buffer.from(soft[index]!));
  }
  const subject = /^Subject: (.*)$/m.exec(head!)?.[1] ?? '';
  return { subject, text: Buffer.from(bytes).toString('utf8') };
}

describe('referral outcome follow-up', () => {
  let h: Harness;
  let agent: Session;
  let partnerId: string;

  before(async () => {
    h = await createHarness();
    const admin = await h.signIn('admin');
    agent = await h.signIn('agent');
    partnerId = (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/partners',
        headers: admin.headers,
        payload: {
          name: 'Tatra Joinery',
          specializations: ['joinery'],
          regions: [],
          terms: 'free measuring',
          contact: { email: 'hello@tatra.example' },
        },
      })
    ).json().id;
  });
  after(() => h.close());

  /** Refuses a new case to the partner; returns the referral id. */
  async function referCustomer(customer: Record<string, unknown>): Promise<string> {
    const created = (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: agent.headers,
        payload: newCasePayload({ customer, subject: 'Custom joinery for my hall', tags: ['joinery'] }),
      })
    ).json();
    const refused = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${created.id}/refusal`,
      headers: agent.headers,
      payload: { reason: 'other-specialization', cause: 'misdirected' },
    });
    return refused.json().refusal.referralId;
  }

  const runSweep = async () => {
    await h.ctx.database.transaction((tx) => enqueue(tx, FOLLOW_UP_QUEUE, {}));
    await h.ctx.jobs!.drain();
  };
  const mailOut = () => join(h.runtime.config.dataDir, 'mail-out');
  const followUpMail = (referralId: string) => {
    const name = readdirSync(mailOut()).find((file) => file.includes(`referral-follow-up-${referralId}`));
    return name ? emailText(readFileSync(join(mailOut(), name), 'utf8')) : undefined;
  };
  const referral = async (id: string) =>
    (await h.app.inject({ method: 'GET', url: `/api/v1/referrals?partnerId=${partnerId}`, headers: agent.headers }))
      .json()
      .items.find((item: { id: string }) => item.id === id);

  it('asks the customer after N days, once, in the case language, and records the one-click answer', async () => {
    const first = await referCustomer({ email: 'maria.follow@example.ro', name: 'Maria Ionescu', locale: 'ro' });
    const second = await referCustomer({ email: 'john.follow@example.com', name: 'John Smith' });
    const fresh = await referCustomer({ email: 'fresh.follow@example.com', name: 'Fresh Case' });
    await h.ctx.database.executeSql(
      `UPDATE referrals SET created_at = now() - interval '8 days' WHERE id = ANY ($1::uuid[])`,
      [[first, second]],
    );
    await h.ctx.database.executeSql(`UPDATE referrals SET created_at = now() - interval '6 days' WHERE id = $1`, [
      fresh,
    ]);

    await runSweep();
    const mail = followUpMail(first);
    assert.ok(mail, 'the follow-up email was written');
    assert.match(mail.text, /Bună ziua, Maria Ionescu/);
    assert.match(mail.text, /Tatra Joinery/);
    assert.ok(followUpMail(second), 'the English customer is asked too');
    assert.equal(followUpMail(fresh), undefined, 'six days is not yet seven');
    assert.ok((await referral(first)).outcome.followUpSentAt);

    // A second sweep sends nothing again.
    const files = readdirSync(mailOut()).length;
    await runSweep();
    assert.equal(readdirSync(mailOut()).length, files);

    const links = [...mail.text.matchAll(/http:\/\/localhost:\d+(\/r\/[^\s?]+)\?answer=([a-z-]+)/g)];
    assert.deepEqual(
      links.map((link) => link[2]),
      ['satisfied', 'not-satisfied', 'not-served'],
    );
    const path = links[0]![1]!;

    const page = await h.app.inject({ method: 'GET', url: `${path}?answer=satisfied` });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    assert.match(page.body, /<html lang="ro">/);
    assert.match(page.body, /V-a ajutat Tatra Joinery\?/);
    assert.match(page.body, /<form method="post"/);
    assert.doesNotMatch(page.body, /<script/);
    assert.equal((await referral(first)).outcome.answeredAt, null, 'a GET changes nothing');

    const tampered = path.replace(
      /\/r\/referral\.[0-9a-f]/,
      (prefix) => `${prefix.slice(0, -1)}${prefix.at(-1) === 'a' ? 'b' : 'a'}`,
    );
    assert.notEqual(tampered, path);
    assert.equal((await h.app.inject({ method: 'GET', url: tampered })).statusCode, 404);
    const forged = await h.app.inject({ method: 'POST', url: tampered, payload: 'answer=satisfied', headers: form });
    assert.equal(forged.statusCode, 404);

    const crossSite = await h.app.inject({
      method: 'POST',
      url: path,
      payload: 'answer=not-served',
      headers: { ...form, origin: 'https://evil.example' },
    });
    assert.equal(crossSite.statusCode, 403);
    assert.equal((await referral(first)).outcome.answeredAt, null);

    const answered = await h.app.inject({
      method: 'POST',
      url: path,
      payload: 'answer=satisfied',
      headers: { ...form, origin: 'http://localhost:80' },
    });
    assert.equal(answered.statusCode, 303);
    assert.equal(answered.headers.location, path);
    const outcome = (await referral(first)).outcome;
    assert.equal(outcome.served, true);
    assert.equal(outcome.satisfied, true);
    assert.ok(outcome.answeredAt);

    // Replaying the link cannot change the answer, nor touch the other referral.
    await h.app.inject({ method: 'POST', url: path, payload: 'answer=not-served', headers: form });
    assert.equal((await referral(first)).outcome.satisfied, true);
    assert.equal((await referral(second)).outcome.answeredAt, null);
    const thanks = await h.app.inject({ method: 'GET', url: path });
    assert.match(thanks.body, /Vă mulțumim!/);
    assert.match(thanks.body, /Da, și sunt mulțumit\(ă\)/);

    const secondLink = /\/r\/[^\s?]+\?answer=not-served/.exec(followUpMail(second)!.text)![0];
    const notServed = await h.app.inject({
      method: 'POST',
      url: secondLink.split('?')[0]!,
      payload: 'answer=not-served',
      headers: form,
    });
    assert.equal(notServed.statusCode, 303);

    const partner = (
      await h.app.inject({ method: 'GET', url: `/api/v1/partners/${partnerId}`, headers: agent.headers })
    ).json();
    assert.deepEqual(partner.outcomes, { referred: 3, answered: 2, served: 1, satisfied: 1, incoming: 0 });
  });

  it('follows the configured delay', async () => {
    const admin = await h.signIn('admin');
    await h.app.inject({
      method: 'PATCH',
      url: '/api/v1/referral-settings',
      headers: admin.headers,
      payload: { followUpDays: 2 },
    });
    const id = await referCustomer({ email: 'quick.follow@example.com', name: 'Quick Follow' });
    await h.ctx.database.executeSql(`UPDATE referrals SET created_at = now() - interval '3 days' WHERE id = $1`, [id]);
    await runSweep();
    assert.ok(followUpMail(id));
  });
});

const form = { 'content-type': 'application/x-www-form-urlencoded' };
