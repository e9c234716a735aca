// Outbound email through a real SMTP relay on loopback: what the customer's mail client
// receives (threading headers, the signed case token, text and HTML parts, attachments,
// Auto-Submitted on notices, a DKIM signature that verifies with the configured key) and the
// delivery state shown on the message (sent; failed at once on a 5xx; failed after the
// retries on 4xx).
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dkimVerify } from 'mailauth';
import { type ConfigError, loadConfig } from '../../src/config.ts';
import { caseToken, parseCaseToken } from '../../src/domains/email/token.ts';
import { createHarness, type Harness, NEXT_STEP, newCasePayload, type Session } from '../helpers/http.ts';
import { SmtpSink } from '../helpers/smtp-sink.ts';

const DKIM_DOMAIN = 'heard.test';
const DKIM_SELECTOR = 'desk';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const folder = mkdtempSync(join(tmpdir(), 'heard-outbound-'));
const keyFile = join(folder, 'dkim.pem');
writeFileSync(keyFile, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
const dkimRecord = `v=DKIM1; k=rsa; p=${keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

/** DNS for the verifier: our selector's public key, nothing else. */
async function resolver(name: string, type: string): Promise<string[][]> {
  if (type === 'TXT' && name === `${DKIM_SELECTOR}._domainkey.${DKIM_DOMAIN}`) return [[dkimRecord]];
  throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
}

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a3a1c1b40000000049454e44ae426082',
  'hex',
);

describe('outbound email through a real relay', () => {
  let h: Harness;
  let sink: SmtpSink;
  let agent: Session;

  before(async () => {
    sink = await SmtpSink.start();
    // The settings go through the boot-time validation an operator's environment does.
    const configured = loadConfig({
      HEARD_DATA_DIR: folder,
      HEARD_SMTP_OUT_URL: sink.url,
      HEARD_MAIL_FROM: 'Acme Support <support@heard.test>',
      HEARD_DKIM_DOMAIN: DKIM_DOMAIN,
      HEARD_DKIM_SELECTOR: DKIM_SELECTOR,
      HEARD_DKIM_KEY_FILE: keyFile,
      HEARD_SMTP_RETRY_LIMIT: '2',
      HEARD_SMTP_RETRY_DELAY: '1',
    });
    h = await createHarness({
      mailUrl: configured.mailUrl,
      mailFrom: configured.mailFrom,
      dkim: configured.dkim,
      mailRetry: configured.mailRetry,
    });
    agent = await h.signIn('agent', { name: 'Anna Kowalska' });
  });
  after(async () => {
    await h.close();
    await sink.stop();
  });

  const outboundId = (messageId: string) => `<message-${messageId}@localhost>`;

  async function createCase(subject: string) {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: agent.headers,
      payload: newCasePayload({ subject }),
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string; number: number; customer: { email: string } }>();
  }

  async function reply(caseId: string, payload: Record<string, unknown>) {
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/messages`,
      headers: agent.headers,
      payload: { visibility: 'public', commitment: NEXT_STEP, ...payload },
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string; delivery: { state: string; error: string | null } | null }>();
  }

  async function delivery(caseId: string, messageId: string) {
    const items = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/messages`, headers: agent.headers })
    ).json<{ items: { id: string; delivery: { state: string; error: string | null } | null }[] }>().items;
    return items.find((message) => message.id === messageId)!.delivery;
  }

  async function upload(filename: string, content: Buffer): Promise<string> {
    const response = await h.upload(agent.headers, { filename, contentType: 'application/octet-stream', content });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string }>().id;
  }

  it('a reply threads under the customer email, carries the signed token, both parts, the attachment and DKIM', async () => {
    const created = await createCase('Re: Broken kettle');
    // What email-in records when the case came by email: the first message's Message-ID and a CC'd person.
    await h.ctx.database.executeSql(
      `INSERT INTO email_messages (message_id, case_id, header_message_id, from_address, subject, original_text,
                                   authentication)
       SELECT id, case_id, '<first@customer.example>', $2, 'Broken kettle', body_text, '{}'::jsonb
       FROM messages WHERE case_id = $1`,
      [created.id, created.customer.email],
    );
    await h.ctx.database.executeSql(`INSERT INTO case_participants (case_id, email) VALUES ($1, $2)`, [
      created.id,
      'partner@customer.example',
    ]);
    const attachmentId = await upload('kettle.png', PNG);
    const body =
      'Hello Emily,\n\nA new kettle is on its way: https://track.example/parcel?id=1&x=2.\n' +
      'Tracking <script>alert(1)</script> is plain text.\n\nBest regards';
    const first = await reply(created.id, { body, attachments: [attachmentId], replyAll: true });
    assert.deepEqual(first.delivery, { state: 'queued', error: null });

    await sink.waitFor(() => sink.withMessageId(outboundId(first.id)).length === 1);
    await h.ctx.jobs!.drain();
    const [mail] = sink.withMessageId(outboundId(first.id));
    const parsed = mail!.parsed;
    assert.deepEqual(parsed.from?.value, [{ address: 'support@heard.test', name: 'Anna Kowalska' }]);
    assert.deepEqual(mail!.envelope.to.sort(), [created.customer.email, 'partner@customer.example'].sort());
    assert.equal(parsed.subject, `Re: Broken kettle ${caseToken(h.ctx.secret, created.number)}`);
    assert.deepEqual(parseCaseToken(h.ctx.secret, parsed.subject!), { number: created.number, signed: true });
    assert.equal(parsed.inReplyTo, '<first@customer.example>');
    assert.equal(parsed.references, '<first@customer.example>');
    assert.equal(parsed.headers.get('auto-submitted'), undefined, 'a human reply is not automatic');
    assert.match(parsed.text!, /A new kettle is on its way: https:\/\/track\.example\/parcel\?id=1&x=2\./);
    assert.match(parsed.text!, new RegExp(`Your request #${created.number}\\.`));
    assert.match(parsed.html as string, /<a href="https:\/\/track\.example\/parcel\?id=1&amp;x=2">/);
    assert.match(parsed.html as string, /Tracking &lt;script&gt;alert\(1\)&lt;\/script&gt; is plain text\./);
    assert.doesNotMatch(parsed.html as string, /<script>/);
    assert.equal(parsed.attachments.length, 1);
    assert.equal(parsed.attachments[0]!.filename, 'kettle.png');
    assert.ok(parsed.attachments[0]!.content.equals(PNG));
    const dkim = await dkimVerify(mail!.raw, { resolver });
    assert.equal(dkim.results.length, 1);
    assert.equal(dkim.results[0]!.status.result, 'pass', JSON.stringify(dkim.results[0]!.status));
    assert.equal(dkim.results[0]!.signingDomain, DKIM_DOMAIN);
    assert.deepEqual(await delivery(created.id, first.id), { state: 'sent', error: null });

    // The next reply adds ours to the chain, still answers the customer's email, and goes to the customer only.
    const second = await reply(created.id, { body: 'It was delivered today.' });
    await sink.waitFor(() => sink.withMessageId(outboundId(second.id)).length === 1);
    const [next] = sink.withMessageId(outboundId(second.id));
    assert.equal(next!.parsed.inReplyTo, '<first@customer.example>');
    assert.deepEqual(next!.parsed.references, ['<first@customer.example>', outboundId(first.id)]);
    assert.deepEqual(next!.envelope.to, [created.customer.email]);
    assert.equal(next!.parsed.subject, parsed.subject, 'the token is not repeated');
  });

  it('the customer notice of a hand-over is marked Auto-Submitted and comes under the new owner', async () => {
    const created = await createCase('Missing parcel');
    const colleague = await h.user('agent', { name: 'Piotr Nowak' });
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${created.id}/handover`,
      headers: agent.headers,
      payload: { toUserId: colleague.id, note: 'Parcel lost by the courier.' },
    });
    assert.equal(response.statusCode, 200, response.body);
    await h.ctx.jobs!.drain();
    const notice = sink.received.filter((mail) => mail.envelope.to.includes(created.customer.email));
    assert.equal(notice.length, 1);
    assert.equal(notice[0]!.parsed.headers.get('auto-submitted'), 'auto-generated');
    assert.deepEqual(notice[0]!.parsed.from?.value, [{ address: 'support@heard.test', name: 'Piotr Nowak' }]);
    assert.match(notice[0]!.parsed.text!, /Piotr Nowak is now handling your request/);
  });

  it('a 5xx refusal fails the message at once with the reason; 4xx until the retries run out fails it too', async () => {
    const refused = await createCase('Invoice copy');
    sink.refusedRecipients.add(refused.customer.email);
    const permanent = await reply(refused.id, { body: 'Here is the copy you asked for.' });
    await h.ctx.jobs!.drain();
    const state = await delivery(refused.id, permanent.id);
    assert.equal(state?.state, 'failed');
    assert.match(state!.error!, /550/);
    assert.equal(sink.withMessageId(outboundId(permanent.id)).length, 0);

    const busy = await createCase('Warranty question');
    sink.behaviour = 'busy';
    const before = sink.busyRefusals;
    const temporary = await reply(busy.id, { body: 'The warranty covers two years.' });
    // Retry limit 2, backoff from 1 s: three attempts within a few seconds, then failed.
    await h.ctx.jobs!.drain(30_000);
    sink.behaviour = 'accept';
    assert.equal(sink.busyRefusals - before, 3, 'the first attempt and two retries');
    const gaveUp = await delivery(busy.id, temporary.id);
    assert.equal(gaveUp?.state, 'failed');
    assert.match(gaveUp!.error!, /421/);
  });

  it('refuses incomplete or unreadable DKIM settings at boot; HEARD_MAIL_URL still names the relay', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ HEARD_DATA_DIR: folder, ...env });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    assert.match(problems({ HEARD_DKIM_DOMAIN: DKIM_DOMAIN }).join(), /DKIM needs all of/);
    const notAKey = join(folder, 'not-a-key.pem');
    writeFileSync(notAKey, 'hello');
    assert.match(
      problems({ HEARD_DKIM_DOMAIN: 'a.test', HEARD_DKIM_SELECTOR: 's', HEARD_DKIM_KEY_FILE: notAKey }).join(),
      /HEARD_DKIM_KEY_FILE is not a readable PEM private key/,
    );
    assert.match(problems({ HEARD_SMTP_OUT_URL: 'http://relay' }).join(), /HEARD_SMTP_OUT_URL must start with smtp:/);
    assert.equal(loadConfig({ HEARD_DATA_DIR: folder, HEARD_MAIL_URL: 'smtp://relay:25' }).mailUrl, 'smtp://relay:25');
    assert.equal(
      loadConfig({ HEARD_DATA_DIR: folder, HEARD_MAIL_URL: 'smtp://old:25', HEARD_SMTP_OUT_URL: 'smtp://new:587' })
        .mailUrl,
      'smtp://new:587',
    );
    assert.deepEqual(problems({}), []);
    assert.equal(loadConfig({ HEARD_DATA_DIR: folder }).dkim, undefined);
  });
});
