// A message to a third party over real sockets on loopback: the relay (a real SMTP sink)
// receives it at the party's address only, with our Message-ID, the signed case token, both
// parts and the attachment; the party's reply, sent over SMTP to Heard's listener, lands on
// the case as a third-party message without touching the customer's side (status, commitment,
// participants, acknowledgement), tells the owner, and the next emails thread per party.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { type SmtpListener, startSmtpListener } from '../../src/domains/email/smtp.ts';
import { caseToken } from '../../src/domains/email/token.ts';
import { createHarness, type Harness, NEXT_STEP, newCasePayload, type Session } from '../helpers/http.ts';
import { SmtpSink } from '../helpers/smtp-sink.ts';

const SUPPLIER = 'repairs@supplier.example';
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(600, 7), Buffer.from('\n%%EOF\n')]);

interface Listed {
  id: string;
  direction: string;
  visibility: string;
  text: string;
  author: { type: string; name: string };
  thirdParty: { email: string; name: string | null } | null;
  delivery: { state: string } | null;
}

describe('third-party email over real SMTP', () => {
  let h: Harness;
  let sink: SmtpSink;
  let smtp: SmtpListener;
  let agent: Session;

  before(async () => {
    sink = await SmtpSink.start();
    h = await createHarness({
      dataDir: mkdtempSync(join(tmpdir(), 'heard-third-party-')),
      mailUrl: sink.url,
      mailFrom: 'Acme Support <support@heard.test>',
    });
    smtp = await startSmtpListener(h.ctx, { host: '127.0.0.1', port: 0 });
    agent = await h.signIn('agent', { name: 'Anna Kowalska' });
  });
  after(async () => {
    await smtp.close();
    await h.close();
    await sink.stop();
  });

  const outboundId = (messageId: string) => `<message-${messageId}@localhost>`;
  const drain = () => h.ctx.jobs!.drain(30_000);
  const inject = async (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) => {
    const response = await h.app.inject({ method, url, headers: agent.headers, ...(payload ? { payload } : {}) });
    assert.ok(response.statusCode < 300, response.body);
    return response.json();
  };
  const messagesOf = async (caseId: string) =>
    (await inject('GET', `/api/v1/cases/${caseId}/messages`)).items as Listed[];
  const sendToHeard = (message: SendMailOptions) =>
    nodemailer
      .createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true })
      .sendMail(message);

  async function upload(): Promise<string> {
    const response = await h.upload(agent.headers, {
      filename: 'receipt.pdf',
      contentType: 'application/pdf',
      content: PDF,
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string }>().id;
  }

  it('goes to the party alone, and their reply comes back as third-party without touching the customer side', async () => {
    const created = await inject('POST', '/api/v1/cases', newCasePayload({ subject: 'Kettle repair' }));
    const token = caseToken(h.ctx.secret, created.number);
    const reply = await inject('POST', `/api/v1/cases/${created.id}/messages`, {
      body: 'We asked the service centre about your kettle.',
      visibility: 'public',
      commitment: NEXT_STEP,
    });
    const first = await inject('POST', `/api/v1/cases/${created.id}/messages`, {
      body: 'Hello,\n\nplease confirm the repair of kettle KT-4455 under warranty.\n\nAnna',
      visibility: 'third-party',
      recipient: { email: SUPPLIER, name: 'Supplier Repairs' },
      attachments: [await upload()],
    });
    await sink.waitFor(() => sink.withMessageId(outboundId(first.id)).length === 1);
    await drain();

    const [mail] = sink.withMessageId(outboundId(first.id));
    assert.deepEqual(mail!.envelope.to, [SUPPLIER], 'to the party only, never the customer');
    const parsed = mail!.parsed;
    assert.deepEqual(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : null, [
      { address: SUPPLIER, name: 'Supplier Repairs' },
    ]);
    assert.deepEqual(parsed.from?.value, [{ address: 'support@heard.test', name: 'Anna Kowalska' }]);
    assert.equal(parsed.subject, `Kettle repair ${token}`);
    assert.equal(parsed.inReplyTo, undefined, 'the first email to this party answers nothing');
    assert.equal(parsed.references, undefined, 'the customer thread is not referenced');
    assert.match(parsed.text!, /please confirm the repair of kettle KT-4455/);
    assert.match(parsed.text!, new RegExp(`Our reference: case #${created.number}\\.`));
    assert.doesNotMatch(parsed.text!, /Your request/);
    assert.match(parsed.html as string, /please confirm the repair of kettle KT-4455/);
    assert.equal(parsed.attachments.length, 1);
    assert.ok(parsed.attachments[0]!.content.equals(PDF));
    const customerMail = sink.withMessageId(outboundId(reply.id));
    assert.deepEqual(customerMail[0]!.envelope.to, [created.customer.email]);
    assert.equal((await messagesOf(created.id)).find((m) => m.id === first.id)?.delivery?.state, 'sent');
    const before = await inject('GET', `/api/v1/cases/${created.id}`);

    // The party answers over SMTP, CC'ing a colleague; Heard's listener receives it.
    const answer = await sendToHeard({
      from: { name: 'Jan Serwis', address: SUPPLIER },
      to: 'support@heard.test',
      cc: 'boss@supplier.example',
      subject: parsed.subject!,
      text: 'Confirmed, the repair is covered. Send the kettle to our Kraków centre.',
      inReplyTo: outboundId(first.id),
      references: [outboundId(first.id)],
      messageId: '<answer-1@supplier.example>',
    });
    assert.match(answer.response, /^250 /);
    const sinkBefore = sink.received.length;
    await drain();

    const conversation = await messagesOf(created.id);
    const landed = conversation.find((m) => m.text.startsWith('Confirmed, the repair is covered'));
    assert.ok(landed, 'the reply is on the case');
    assert.equal(landed.visibility, 'third-party');
    assert.equal(landed.direction, 'inbound');
    assert.deepEqual(landed.author, { type: 'third-party', id: null, name: 'Jan Serwis' });
    assert.deepEqual(landed.thirdParty, { email: SUPPLIER, name: 'Jan Serwis' });
    const afterReply = await inject('GET', `/api/v1/cases/${created.id}`);
    assert.equal(afterReply.status, before.status, 'the status is unchanged');
    assert.equal(afterReply.version, before.version);
    assert.deepEqual(afterReply.commitment, before.commitment, 'no first-reply commitment for us');
    const participants = await h.ctx.database.executeSql('SELECT email FROM case_participants WHERE case_id = $1', [
      created.id,
    ]);
    assert.equal(participants.rows.length, 0, 'neither the party nor their CC join the case');
    assert.deepEqual(
      sink.received.slice(sinkBefore).flatMap((m) => m.envelope.to),
      [agent.user.email],
      'only the owner’s notification: no acknowledgement, nothing to the customer',
    );
    const notifications = (await inject('GET', '/api/v1/me/notifications')).items as { kind: string; caseId: string }[];
    assert.ok(
      notifications.some((n) => n.kind === 'third-party-replied'),
      JSON.stringify(notifications),
    );
    const customer = await h.signIn('customer', { email: created.customer.email, teamId: null });
    const seen = await h.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${created.id}/messages`,
      headers: customer.headers,
    });
    assert.ok(seen.json<{ items: Listed[] }>().items.every((m) => m.visibility === 'public'));

    // Our next email to the party answers their reply; the next customer reply knows nothing of the party.
    const second = await inject('POST', `/api/v1/cases/${created.id}/messages`, {
      body: 'Thank you, the kettle is on its way.',
      visibility: 'third-party',
      recipient: { email: SUPPLIER },
    });
    const nextReply = await inject('POST', `/api/v1/cases/${created.id}/messages`, {
      body: 'The service centre confirmed the repair.',
      visibility: 'public',
      commitment: NEXT_STEP,
    });
    await sink.waitFor(() => sink.withMessageId(outboundId(nextReply.id)).length === 1);
    await drain();
    const [followUp] = sink.withMessageId(outboundId(second.id));
    assert.deepEqual(followUp!.envelope.to, [SUPPLIER]);
    assert.equal(followUp!.parsed.inReplyTo, '<answer-1@supplier.example>');
    assert.deepEqual(followUp!.parsed.references, [outboundId(first.id), '<answer-1@supplier.example>']);
    const [toCustomer] = sink.withMessageId(outboundId(nextReply.id));
    assert.deepEqual(toCustomer!.envelope.to, [created.customer.email]);
    assert.equal(toCustomer!.parsed.references, outboundId(reply.id), 'only the customer’s own thread');

    // A reply without threading headers is recognised by its sender and the signed token.
    await sendToHeard({ from: SUPPLIER, to: 'support@heard.test', subject: `Kettle ${token}`, text: 'Received it.' });
    await drain();
    const latest = (await messagesOf(created.id)).find((m) => m.text.startsWith('Received it.'));
    assert.equal(latest?.visibility, 'third-party');
    assert.equal((await inject('GET', `/api/v1/cases/${created.id}`)).status, afterReply.status);

    // A bounce of a third-party email marks that message, through its Message-ID like any other.
    const boundary = 'dsn-boundary';
    await sendToHeard({
      envelope: { from: '', to: ['support@heard.test'] },
      raw: [
        'From: Mail Delivery System <MAILER-DAEMON@mx.supplier.example>',
        'To: support@heard.test',
        'Subject: Undelivered Mail Returned to Sender',
        'Message-ID: <dsn-1@mx.supplier.example>',
        'MIME-Version: 1.0',
        `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
        '',
        `--${boundary}`,
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.supplier.example',
        '',
        `Final-Recipient: rfc822; ${SUPPLIER}`,
        'Action: failed',
        'Status: 5.1.1',
        `--${boundary}`,
        'Content-Type: text/rfc822-headers',
        '',
        `Message-ID: ${outboundId(second.id)}`,
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    });
    await drain();
    const bounced = (await messagesOf(created.id)).find((m) => m.id === second.id);
    assert.equal(bounced?.delivery?.state, 'bounced');
    const alerts = (await inject('GET', '/api/v1/me/notifications')).items as { kind: string; caseId: string }[];
    assert.ok(
      alerts.some((n) => n.kind === 'third-party-delivery-failed' && n.caseId === created.id),
      JSON.stringify(alerts),
    );
  });
});
