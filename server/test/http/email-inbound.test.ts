// The inbound email channel end to end on loopback: real SMTP clients (nodemailer, Python's
// smtplib) talk to the real listener; the ingest job parses and stores; the API shows the result.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { SendMailOptions } from 'nodemailer';
import { emailRepository } from '../../src/domains/email/email.repository.ts';
import { acceptRawMail, recoverSpool } from '../../src/domains/email/inbound.service.ts';
import { type SmtpListener, startSmtpListener } from '../../src/domains/email/smtp.ts';
import { writeSpool } from '../../src/domains/email/spool.ts';
import { caseToken } from '../../src/domains/email/token.ts';
import { createHarness, type Harness, NEXT_STEP, type Session } from '../helpers/http.ts';
import { smtpClient } from '../helpers/smtp-client.ts';

let sequence = 0;
// Asynchronous: the listener runs in this process and must keep answering while Python talks to it.
const python = (script: string, ...args: string[]) =>
  promisify(execFile)('python3', ['-c', script, ...args], { encoding: 'utf8' });
const unique = () => `${Date.now().toString(36)}-${++sequence}`;

describe('inbound email: SMTP listener, ingest, threading, quarantine', () => {
  let h: Harness;
  let admin: Session;
  let agent: Session;
  let smtp: SmtpListener;

  before(async () => {
    h = await createHarness();
    admin = await h.signIn('admin');
    agent = await h.signIn('agent');
    smtp = await startSmtpListener(h.ctx, { host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await smtp.close();
    await h.close();
  });

  const transport = () => smtpClient(smtp.port);

  /** Sends through the listener; resolves with the SMTP response or rejects with the SMTP error. */
  const send = (message: SendMailOptions) => transport().sendMail(message);

  /** Sends a raw RFC 5322 message as is. */
  const sendRaw = (raw: string, envelope = { from: 'someone@example.com', to: ['support@heard.test'] }) =>
    transport().sendMail({ envelope, raw });

  const drain = () => h.ctx.jobs!.drain(30_000);

  const get = async (url: string, session: Session = agent) => {
    const response = await h.app.inject({ method: 'GET', url, headers: session.headers });
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  };

  const casesOf = async (email: string) =>
    (await get(`/api/v1/cases?view=all&status=any&customerEmail=${encodeURIComponent(email)}`)).items as {
      id: string;
      number: number;
      subject: string;
      status: string;
      channel: string;
      tags: string[];
      language: string;
      followUpOf: string | null;
      version: number;
    }[];

  type Listed = {
    id: string;
    text: string;
    direction: string;
    channel: string;
    author: { type: string };
    attachments: { id: string; filename: string; size: number; contentType: string }[];
  };
  const automatic = (m: Listed) => m.direction === 'outbound' && m.author.type === 'system';
  /** The conversation without Heard's own acknowledgements (checked on their own). */
  const messagesOf = async (caseId: string) =>
    ((await get(`/api/v1/cases/${caseId}/messages`)).items as Listed[]).filter((m) => !automatic(m));
  const acknowledgementsOf = async (caseId: string) =>
    ((await get(`/api/v1/cases/${caseId}/messages`)).items as Listed[]).filter(automatic);

  const inboundRow = async (id: string) => (await emailRepository.byId(h.ctx.database, id))!;

  const agentReply = async (caseId: string, body = 'Thank you, I am checking the parcel with the courier now.') => {
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/messages`,
      headers: agent.headers,
      payload: { body, visibility: 'public', commitment: NEXT_STEP },
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string }>().id;
  };

  it('nodemailer: a new case with the exact subject, body, HTML and attachments, on the email channel', async () => {
    const customer = `anna-${unique()}@example.com`;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000, 7), Buffer.from('\n%%EOF\n')]);
    const info = await send({
      from: { name: 'Anna Kowalska', address: customer },
      to: 'support@heard.test',
      cc: 'colleague@example.org',
      subject: 'Zamówienie nr 4521 — uszkodzona przesyłka',
      text: 'Dzień dobry,\npaczka dotarła uszkodzona, a w środku brakuje ładowarki. Proszę o pomoc.\nAnna',
      html: '<p>Dzień dobry,</p><p>paczka dotarła <b>uszkodzona</b>.</p><img src="cid:photo@x"><script>alert(1)</script>',
      attachments: [
        { filename: 'faktura.pdf', content: pdf, contentType: 'application/pdf' },
        { filename: 'photo.png', cid: 'photo@x', content: Buffer.from(PNG_1PX, 'base64'), contentType: 'image/png' },
      ],
    });
    assert.match(info.response, /^250 /);
    await drain();
    const [created] = await casesOf(customer);
    assert.ok(created, 'a case was opened');
    assert.equal(created.subject, 'Zamówienie nr 4521 — uszkodzona przesyłka');
    assert.equal(created.channel, 'email');
    assert.equal(created.language, 'pl');
    const [message] = await messagesOf(created.id);
    assert.equal(
      message!.text.trim(),
      'Dzień dobry,\npaczka dotarła uszkodzona, a w środku brakuje ładowarki. Proszę o pomoc.\nAnna',
    );
    assert.equal(message!.channel, 'email');
    const files = new Map(message!.attachments.map((a) => [a.filename, a]));
    assert.deepEqual([...files.keys()].sort(), ['faktura.pdf', 'photo.png']);
    const download = await h.app.inject({
      method: 'GET',
      url: `/api/v1/attachments/${files.get('faktura.pdf')!.id}`,
      headers: agent.headers,
    });
    assert.equal(download.statusCode, 200);
    assert.deepEqual(download.rawPayload, pdf, 'the attachment bytes are exact');
    const stored = await h.ctx.database.executeSql(
      `SELECT m.body_html, em.cc, em.header_message_id FROM messages m JOIN email_messages em ON em.message_id = m.id
       WHERE m.id = $1`,
      [message!.id],
    );
    const html = stored.rows[0]!.body_html as string;
    assert.doesNotMatch(html, /<script/i, 'the HTML is sanitized');
    assert.match(html, new RegExp(`/api/v1/attachments/${files.get('photo.png')!.id}`), 'cid: points at the image');
    assert.deepEqual(stored.rows[0]!.cc, ['colleague@example.org']);
    assert.equal(stored.rows[0]!.header_message_id, info.messageId);
    const participants = await emailRepository.participants(h.ctx.database, created.id);
    assert.deepEqual(
      participants.map((p) => p.email),
      ['colleague@example.org'],
      'the CC joins the case',
    );
  });

  it("Python's smtplib: an RFC 2047 subject in KOI8-R and a windows-1251 body decode exactly", async () => {
    const customer = `ivan-${unique()}@example.ru`;
    const script = `
import smtplib, sys
from email.mime.text import MIMEText
from email.header import Header
from email.utils import formataddr
msg = MIMEText('Здравствуйте! Заказ 7788 пришёл без инструкции.', 'plain', 'windows-1251')
msg['Subject'] = Header('Вопрос по заказу 7788', 'koi8-r')
msg['From'] = formataddr(('Иван Петров', '${customer}'))
msg['To'] = 'support@heard.test'
msg['Message-ID'] = '<py-${unique()}@example.ru>'
with smtplib.SMTP('127.0.0.1', int(sys.argv[1])) as s:
    print(s.send_message(msg))
`;
    const result = await python(script, String(smtp.port));
    assert.equal(result.stdout.trim(), '{}', 'no recipient refused');
    await drain();
    const [created] = await casesOf(customer);
    assert.equal(created?.subject, 'Вопрос по заказу 7788');
    assert.equal(created?.language, 'ru');
    const [message] = await messagesOf(created!.id);
    assert.equal(message!.text.trim(), 'Здравствуйте! Заказ 7788 пришёл без инструкции.');
  });

  it('threads replies by In-Reply-To/References: to our reply and to the first mail; resolved reopens, closed follows up', async () => {
    const customer = `chain-${unique()}@example.com`;
    const first = await send({
      from: customer,
      to: 'support@heard.test',
      subject: 'Broken kettle',
      text: 'My kettle stopped heating after two days.',
    });
    await drain();
    const [created] = await casesOf(customer);
    const replyId = await agentReply(created!.id);
    await drain();
    // The customer answers our reply: In-Reply-To carries our Message-ID.
    await send({
      from: customer,
      to: 'support@heard.test',
      subject: 'Re: Broken kettle',
      text: 'It is model K-200, bought in March.',
      inReplyTo: `<message-${replyId}@localhost>`,
      references: [first.messageId, `<message-${replyId}@localhost>`],
    });
    // A colleague of theirs answers the first mail only (References to it).
    await send({
      from: customer,
      to: 'support@heard.test',
      subject: 'Another detail',
      text: 'The receipt is attached to my first mail.',
      references: [first.messageId],
    });
    await drain();
    assert.equal((await casesOf(customer)).length, 1, 'still one case');
    const texts = (await messagesOf(created!.id)).map((m) => m.text.trim());
    assert.deepEqual(texts.slice(-2), [
      'It is model K-200, bought in March.',
      'The receipt is attached to my first mail.',
    ]);

    let current = (await casesOf(customer))[0]!;
    const resolve = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${created!.id}`,
      headers: agent.headers,
      payload: { version: current.version, status: 'resolved' },
    });
    assert.equal(resolve.statusCode, 200, resolve.body);
    await send({
      from: customer,
      to: 'support@heard.test',
      subject: 'Re: Broken kettle',
      text: 'It broke again.',
      references: [first.messageId],
    });
    await drain();
    current = (await casesOf(customer))[0]!;
    assert.equal(current.status, 'open', 'a reply reopens a resolved case');

    await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${created!.id}`,
      headers: agent.headers,
      payload: { version: current.version, status: 'closed' },
    });
    await send({
      from: customer,
      to: 'support@heard.test',
      subject: 'Re: Broken kettle',
      text: 'Still broken in May.',
      references: [first.messageId],
    });
    await send({
      from: customer,
      to: 'support@heard.test',
      subject: 'Re: Broken kettle',
      text: 'And in June.',
      references: [first.messageId],
    });
    await drain();
    const all = await casesOf(customer);
    assert.equal(all.length, 2, 'one follow-up for the closed case, not one per mail');
    const followUp = all.find((c) => c.id !== created!.id)!;
    assert.equal(followUp.followUpOf, created!.id);
    assert.equal(followUp.channel, 'email');
    assert.deepEqual(
      (await messagesOf(followUp.id)).map((m) => m.text.trim()),
      ['Still broken in May.', 'And in June.'],
    );
  });

  it('a subject token threads only for a participant or when signed; a forged one opens a new case', async () => {
    const customer = `owner-${unique()}@example.com`;
    await send({ from: customer, to: 'support@heard.test', subject: 'Refund please', text: 'I want my money back.' });
    await drain();
    const [created] = await casesOf(customer);
    const stranger = `stranger-${unique()}@evil.example`;
    await send({
      from: stranger,
      to: 'support@heard.test',
      subject: `Re: Refund please [#${created!.number}]`,
      text: 'Please send the refund to my account instead.',
    });
    await send({
      from: customer,
      to: 'support@heard.test',
      subject: `Re: Refund please [#${created!.number}]`,
      text: 'Any news?',
    });
    const signer = `supplier-${unique()}@parts.example`;
    await send({
      from: signer,
      to: 'support@heard.test',
      subject: `Re: Refund please ${caseToken(h.ctx.secret, created!.number)}`,
      text: 'We shipped the replacement part.',
    });
    await drain();
    const strangerCases = await casesOf(stranger);
    assert.equal(strangerCases.length, 1, 'the stranger got a case of their own');
    assert.notEqual(strangerCases[0]!.id, created!.id);
    assert.deepEqual(
      (await messagesOf(created!.id)).map((m) => m.text.trim()),
      ['I want my money back.', 'Any news?', 'We shipped the replacement part.'],
    );
    assert.equal((await casesOf(signer)).length, 0);
  });

  it('the same message twice (SMTP and IMAP, or a retry) is ingested once', async () => {
    const customer = `twice-${unique()}@example.com`;
    const raw = [
      `From: ${customer}`,
      'To: support@heard.test',
      'Subject: Sent twice',
      `Message-ID: <twice-${unique()}@example.com>`,
      '',
      'Hello twice.',
      '',
    ].join('\r\n');
    await sendRaw(raw);
    await sendRaw(raw);
    const viaImap = await acceptRawMail(h.ctx, Buffer.from(raw), {
      kind: 'imap',
      recipients: [],
      mailbox: 'support/INBOX',
      uidValidity: 7,
      uid: 42,
    });
    const again = await acceptRawMail(h.ctx, Buffer.from(raw), {
      kind: 'imap',
      recipients: [],
      mailbox: 'support/INBOX',
      uidValidity: 7,
      uid: 42,
    });
    assert.equal(again.id, viaImap.id, 'a refetched IMAP message is the same record');
    assert.equal(again.duplicate, true);
    await drain();
    const cases = await casesOf(customer);
    assert.equal(cases.length, 1);
    assert.equal((await messagesOf(cases[0]!.id)).length, 1);
    const acknowledged = await acknowledgementsOf(cases[0]!.id);
    assert.equal(acknowledged.length, 1, 'a case opened by email is acknowledged once');
    assert.match(acknowledged[0]!.text, new RegExp(String(cases[0]!.number)));
    const states = await h.ctx.database.executeSql(
      `SELECT state, count(*)::int AS n FROM inbound_mail WHERE subject = 'Sent twice' GROUP BY state ORDER BY state`,
      [],
    );
    assert.deepEqual(states.rows, [
      { state: 'duplicate', n: 2 },
      { state: 'ingested', n: 1 },
    ]);
    // Without a Message-ID the content hash decides.
    const bare = `From: ${customer}\r\nTo: support@heard.test\r\nSubject: No id\r\n\r\nSame bytes.\r\n`;
    await acceptRawMail(h.ctx, Buffer.from(bare), { kind: 'smtp', recipients: [] });
    await acceptRawMail(h.ctx, Buffer.from(bare), { kind: 'smtp', recipients: [] });
    await drain();
    assert.equal((await casesOf(customer)).length, 2);
  });

  it('auto-replies and bounces never open a case; a bounce marks our message and tells the owner', async () => {
    const customer = `bounce-${unique()}@example.com`;
    await send({ from: customer, to: 'support@heard.test', subject: 'Where is my order', text: 'Order 1234 please.' });
    await drain();
    const [created] = await casesOf(customer);
    const take = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${created!.id}`,
      headers: agent.headers,
      payload: { version: created!.version, ownerId: agent.user.id },
    });
    assert.equal(take.statusCode, 200, take.body);
    const replyId = await agentReply(created!.id);
    await drain();
    await send({
      from: customer,
      to: 'support@heard.test',
      subject: 'Out of office: Where is my order',
      text: 'I am away until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
      inReplyTo: `<message-${replyId}@localhost>`,
    });
    const boundary = `b-${unique()}`;
    await sendRaw(
      [
        'From: Mail Delivery System <MAILER-DAEMON@mx.example.com>',
        'To: support@heard.test',
        'Subject: Undelivered Mail Returned to Sender',
        `Message-ID: <dsn-${unique()}@mx.example.com>`,
        'MIME-Version: 1.0',
        `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
        '',
        `--${boundary}`,
        'Content-Type: text/plain',
        '',
        'Your message could not be delivered: user unknown.',
        `--${boundary}`,
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example.com',
        '',
        `Final-Recipient: rfc822; ${customer}`,
        'Action: failed',
        'Status: 5.1.1',
        `--${boundary}`,
        'Content-Type: text/rfc822-headers',
        '',
        `Message-ID: <message-${replyId}@localhost>`,
        `To: ${customer}`,
        'Subject: Re: Where is my order',
        `--${boundary}--`,
        '',
      ].join('\r\n'),
      { from: '', to: ['support@heard.test'] },
    );
    await drain();
    assert.equal((await casesOf(customer)).length, 1, 'no case opened');
    assert.equal((await messagesOf(created!.id)).length, 2, 'nothing added to the case');
    const delivery = await h.ctx.database.executeSql('SELECT delivery_state FROM messages WHERE id = $1', [replyId]);
    assert.equal(delivery.rows[0]!.delivery_state, 'bounced');
    const events = (await get(`/api/v1/cases/${created!.id}/events`)).items as { type: string }[];
    assert.ok(events.some((e) => e.type === 'email.bounced'));
    const notified = await h.ctx.database.executeSql(
      `SELECT 1 FROM notifications WHERE user_id = $1 AND case_id = $2 AND kind = 'delivery-failed'`,
      [agent.user.id, created!.id],
    );
    assert.equal(notified.rows.length, 1, 'the owner is told');
    const ignored = await h.ctx.database.executeSql(
      `SELECT reason FROM inbound_mail WHERE state = 'ignored' AND case_id = $1 ORDER BY received_at`,
      [created!.id],
    );
    assert.match(ignored.rows[0]!.reason as string, /^auto-reply: Auto-Submitted/);
    assert.match(ignored.rows[1]!.reason as string, /^bounce: /);
  });

  it('more than 5 mails from one sender to a case in 10 minutes flag it as a mail loop, once', async () => {
    const customer = `loop-${unique()}@example.com`;
    const first = await send({ from: customer, to: 'support@heard.test', subject: 'Loop', text: 'One.' });
    await drain();
    for (let i = 2; i <= 7; i++) {
      await send({
        from: customer,
        to: 'support@heard.test',
        subject: 'Re: Loop',
        text: `Mail ${i}.`,
        references: [first.messageId],
      });
    }
    await drain();
    const [looping] = await casesOf(customer);
    assert.ok(looping!.tags.includes('mail-loop'));
    const events = (await get(`/api/v1/cases/${looping!.id}/events`)).items as { type: string }[];
    assert.equal(events.filter((e) => e.type === 'email.loop-detected').length, 1);
  });

  it('an SPF/DKIM/DMARC failure tags the case as a spam suspect', async () => {
    const customer = `spoof-${unique()}@bank.example`;
    await sendRaw(
      [
        'Authentication-Results: mx.heard.test; spf=fail smtp.mailfrom=bank.example; dkim=none; dmarc=fail header.from=bank.example',
        `From: ${customer}`,
        'To: support@heard.test',
        'Subject: Verify your account',
        `Message-ID: <spoof-${unique()}@bank.example>`,
        '',
        'Click here.',
        '',
      ].join('\r\n'),
    );
    await drain();
    const [suspect] = await casesOf(customer);
    assert.deepEqual(suspect!.tags, ['spam-suspect']);
  });

  it('mark as spam closes the case and blocks the sender; blocked mail is kept as ignored, reprocessed after unblocking', async () => {
    const spammer = `spam-${unique()}@junk.example`;
    await send({ from: spammer, to: 'support@heard.test', subject: 'Cheap watches', text: 'Buy now.' });
    await drain();
    const [spam] = await casesOf(spammer);
    const customer = await h.signIn('customer', { email: spammer, teamId: null });
    const refused = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${spam!.id}/spam`,
      headers: customer.headers,
      payload: {},
    });
    assert.equal(refused.statusCode, 403);
    const marked = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${spam!.id}/spam`,
      headers: agent.headers,
      payload: {},
    });
    assert.equal(marked.statusCode, 200, marked.body);
    assert.equal(marked.json().case.status, 'closed');
    assert.ok(marked.json().case.tags.includes('spam'));
    assert.equal(marked.json().blocked.value, spammer);
    const info = await send({
      from: spammer,
      to: 'support@heard.test',
      subject: 'Cheap watches again',
      text: 'Buy now!',
    });
    await drain();
    assert.equal((await casesOf(spammer)).length, 1, 'no new case');
    const id = /accepted as ([0-9a-f-]{36})/.exec(info.response)![1]!;
    const kept = await inboundRow(id);
    assert.equal(kept.state, 'ignored');
    assert.match(kept.reason!, /^blocked address/);
    const blocklist = (await get('/api/v1/settings/email-blocklist', admin)).items as { id: string; value: string }[];
    const entry = blocklist.find((b) => b.value === spammer)!;
    const removed = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/settings/email-blocklist/${entry.id}`,
      headers: admin.headers,
    });
    assert.equal(removed.statusCode, 204);
    const again = await h.app.inject({
      method: 'POST',
      url: `/api/v1/admin/quarantine/${id}/reprocess`,
      headers: admin.headers,
    });
    assert.equal(again.statusCode, 202, again.body);
    await drain();
    assert.equal((await inboundRow(id)).state, 'ingested');
    assert.equal((await casesOf(spammer)).length, 2);
    // A blocked domain.
    const domainBlock = await h.app.inject({
      method: 'POST',
      url: '/api/v1/settings/email-blocklist',
      headers: admin.headers,
      payload: { kind: 'domain', value: 'junk.example', reason: 'spam wave' },
    });
    assert.equal(domainBlock.statusCode, 201, domainBlock.body);
    const other = await send({
      from: `other-${unique()}@junk.example`,
      to: 'support@heard.test',
      subject: 'Hi',
      text: 'Buy.',
    });
    await drain();
    const otherRow = await inboundRow(/accepted as ([0-9a-f-]{36})/.exec(other.response)![1]!);
    assert.equal(otherRow.state, 'ignored');
    assert.match(otherRow.reason!, /^blocked domain junk\.example: spam wave/);
  });

  it('unparsable mail is quarantined with its reason, listed for admins, downloadable and reprocessable', async () => {
    // Nested deeper than the parser allows.
    let body = 'the end';
    for (let depth = 0; depth < 40; depth++) {
      body = `Content-Type: multipart/mixed; boundary="d${depth}"\r\n\r\n--d${depth}\r\n${body}\r\n--d${depth}--`;
    }
    const raw = `From: deep-${unique()}@example.com\r\nTo: support@heard.test\r\nSubject: Deep\r\nMIME-Version: 1.0\r\n${body}\r\n`;
    const info = await sendRaw(raw);
    const id = /accepted as ([0-9a-f-]{36})/.exec(info.response)![1]!;
    await drain();
    const list = await h.app.inject({ method: 'GET', url: '/api/v1/admin/quarantine', headers: admin.headers });
    assert.equal(list.statusCode, 200);
    const item = (list.json().items as { id: string; reason: string; state: string }[]).find((i) => i.id === id);
    assert.ok(item, 'listed');
    assert.equal(item.state, 'quarantined');
    assert.ok(item.reason.length > 0);
    const forbidden = await h.app.inject({ method: 'GET', url: '/api/v1/admin/quarantine', headers: agent.headers });
    assert.equal(forbidden.statusCode, 403);
    const eml = await h.app.inject({
      method: 'GET',
      url: `/api/v1/admin/quarantine/${id}/eml`,
      headers: admin.headers,
    });
    assert.equal(eml.statusCode, 200);
    assert.equal(eml.headers['content-type'], 'message/rfc822');
    assert.match(String(eml.headers['content-disposition']), /^attachment/);
    assert.equal(eml.body, raw, 'the .eml is the message exactly as received');
    const before = await inboundRow(id);
    const again = await h.app.inject({
      method: 'POST',
      url: `/api/v1/admin/quarantine/${id}/reprocess`,
      headers: admin.headers,
    });
    assert.equal(again.statusCode, 202);
    assert.equal(again.json().state, 'received');
    await drain();
    const after = await inboundRow(id);
    assert.equal(after.state, 'quarantined', 'the same parser refuses it again');
    assert.ok(after.processed_at! > before.processed_at!);
    const twice = await h.app.inject({
      method: 'POST',
      url: `/api/v1/admin/quarantine/${randomUUID()}/reprocess`,
      headers: admin.headers,
    });
    assert.equal(twice.statusCode, 404);
  });

  it('the list pages through every row (cursor to the microsecond)', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = await get(
        `/api/v1/admin/quarantine?state=ingested&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        admin,
      );
      for (const item of page.items as { id: string }[]) seen.add(item.id);
      cursor = page.nextCursor;
    } while (cursor);
    const total = await h.ctx.database.executeSql(
      `SELECT count(*)::int AS n FROM inbound_mail WHERE state = 'ingested'`,
      [],
    );
    assert.ok(seen.size > 10);
    assert.equal(seen.size, total.rows[0]!.n);
    const bad = await h.app.inject({
      method: 'GET',
      url: '/api/v1/admin/quarantine?cursor=nonsense',
      headers: admin.headers,
    });
    assert.equal(bad.statusCode, 400);
  });

  it('oversize mail gets 552', async () => {
    const small = await startSmtpListener(
      { ...h.ctx, config: { ...h.ctx.config, smtpMaxBytes: 4096 } },
      { host: '127.0.0.1', port: 0 },
    );
    try {
      const client = smtpClient(small.port);
      await assert.rejects(
        client.sendMail({
          from: 'big@example.com',
          to: 'support@heard.test',
          subject: 'Big',
          text: 'x'.repeat(10_000),
        }),
        (error: { responseCode?: number }) => error.responseCode === 552,
      );
      // A client that does not declare SIZE is stopped after DATA.
      const result = await python(
        `import smtplib, sys
s = smtplib.SMTP('127.0.0.1', int(sys.argv[1]))
s.helo('py')
s.mail('big@example.com')
s.rcpt('support@heard.test')
print(s.data(b'Subject: big\\r\\n\\r\\n' + b'y' * 10000)[0])`,
        String(small.port),
      );
      assert.equal(result.stdout.trim(), '552', result.stderr);
    } finally {
      await small.close();
    }
  });

  it('configured addresses route to their team and category; unknown recipients get 550 unless catch-all is on', async () => {
    const claimsTeam = await h.team('Claims');
    const added = await h.app.inject({
      method: 'POST',
      url: '/api/v1/settings/inbound-addresses',
      headers: admin.headers,
      payload: { address: 'Claims@Heard.test', teamId: claimsTeam, category: 'quality' },
    });
    assert.equal(added.statusCode, 201, added.body);
    assert.equal(added.json().address, 'claims@heard.test');
    const duplicate = await h.app.inject({
      method: 'POST',
      url: '/api/v1/settings/inbound-addresses',
      headers: admin.headers,
      payload: { address: 'claims@heard.test' },
    });
    assert.equal(duplicate.statusCode, 409);
    await assert.rejects(
      send({ from: 'x@example.com', to: 'nobody@heard.test', subject: 'Hello', text: 'Anyone?' }),
      (error: { responseCode?: number }) => error.responseCode === 550,
    );
    const customer = `claim-${unique()}@example.com`;
    await send({ from: customer, to: 'claims@heard.test', subject: 'Damaged sofa', text: 'The sofa arrived torn.' });
    await drain();
    const [claim] = await get(`/api/v1/cases?view=all&customerEmail=${customer}`, admin).then((r) => r.items);
    assert.equal(claim.team.id, claimsTeam);
    assert.equal(claim.category, 'quality');
    const catchAll = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/settings/inbound-addresses/catch-all',
      headers: admin.headers,
      payload: { enabled: true },
    });
    assert.equal(catchAll.statusCode, 200);
    assert.equal(catchAll.json().catchAll, true);
    const info = await send({
      from: customer,
      to: 'nobody@heard.test',
      subject: 'Caught',
      text: 'Caught by catch-all.',
    });
    assert.match(info.response, /^250 /);
    // Back to accepting everything: no addresses configured.
    await h.app.inject({
      method: 'PUT',
      url: '/api/v1/settings/inbound-addresses/catch-all',
      headers: admin.headers,
      payload: { enabled: false },
    });
    const removed = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/settings/inbound-addresses/${added.json().id}`,
      headers: admin.headers,
    });
    assert.equal(removed.statusCode, 204);
    await drain();
  });

  it('spool files without a record (a database that lost them) are recorded and ingested at start', async () => {
    const customer = `lost-${unique()}@example.com`;
    const id = randomUUID();
    await writeSpool(
      h.ctx.config.dataDir,
      id,
      Buffer.from(
        `From: ${customer}\r\nTo: support@heard.test\r\nSubject: From the spool\r\nMessage-ID: <${id}@x>\r\n\r\nRecovered.\r\n`,
      ),
    );
    assert.ok(existsSync(join(h.ctx.config.dataDir, 'spool', `${id}.eml`)));
    assert.equal(await recoverSpool(h.ctx, 0), 1);
    assert.equal(await recoverSpool(h.ctx, 0), 0, 'recorded once');
    await drain();
    const [recovered] = await casesOf(customer);
    assert.equal(recovered?.subject, 'From the spool');
  });

  it('refuses clients outside HEARD_SMTP_ALLOW', async () => {
    const guarded = await startSmtpListener(
      { ...h.ctx, config: { ...h.ctx.config, smtpAllow: ['10.0.0.0/8'] } },
      { host: '127.0.0.1', port: 0 },
    );
    try {
      const client = smtpClient(guarded.port);
      await assert.rejects(
        client.sendMail({ from: 'a@example.com', to: 'support@heard.test', subject: 'x', text: 'x' }),
        (error: { responseCode?: number }) => error.responseCode === 554,
      );
    } finally {
      await guarded.close();
    }
  });
});

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
