// The inbound email channel end to end on loopback: real SMTP clients (nodemailer, Python's
// smtplib) talk to the real listener; the ingest job parses and stores; the API shows the result.
// This file: decoding, threading and dedupe; email-inbound-filters.test.ts: what never becomes
// a case, quarantine, routing and limits.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { emailRepository } from '../../src/domains/email/email.repository.ts';
import { acceptRawMail } from '../../src/domains/email/inbound.service.ts';
import type { IngestJob } from '../../src/domains/email/ingest.repository.ts';
import { ingestInbound } from '../../src/domains/email/ingest.ts';
import type { SmtpListener } from '../../src/domains/email/smtp.ts';
import { caseToken } from '../../src/domains/email/token.ts';
import type { Harness, Session } from '../helpers/http.ts';
import { inboundSuite, python, unique } from '../helpers/inbound-suite.ts';
import { jobsFor } from '../helpers/jobs.ts';

describe('inbound email: SMTP listener, ingest, threading, dedupe', () => {
  const suite = inboundSuite();
  const { send, sendRaw, drain, get, casesOf, messagesOf, acknowledgementsOf, agentReply, setStatus } = suite;
  let h: Harness;
  let agent: Session;
  let smtp: SmtpListener;
  before(() => {
    ({ h, agent, smtp } = suite.state);
  });

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

    await setStatus(created!.id, 'resolved');
    await send({
      from: customer,
      to: 'support@heard.test',
      subject: 'Re: Broken kettle',
      text: 'It broke again.',
      references: [first.messageId],
    });
    await drain();
    assert.equal((await casesOf(customer))[0]!.status, 'open', 'a reply reopens a resolved case');

    await setStatus(created!.id, 'closed');
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

  it('replies and follow-ups keep their sanitized HTML and the time the mail arrived', async () => {
    const customer = `whole-${unique()}@example.com`;
    const first = await send({ from: customer, to: 'support@heard.test', subject: 'Scratched table', text: 'Hello' });
    await drain();
    const [created] = await casesOf(customer);
    const reply = (text: string) =>
      send({
        from: customer,
        to: 'support@heard.test',
        subject: 'Re: Scratched table',
        text,
        html: `<p><b>${text}</b></p><script>alert(1)</script>`,
        references: [first.messageId],
      });
    await reply('Photos below.');
    await drain();
    // The reply's event names the message and the version it moved the case to.
    const replied = (await messagesOf(created!.id)).at(-1)!;
    const event = (
      (await get(`/api/v1/cases/${created!.id}/events`)) as { items: { type: string; data: Record<string, unknown> }[] }
    ).items
      .filter((e) => e.type === 'message.added')
      .find((e) => e.data.messageId === replied.id);
    assert.equal(event?.data.version, ((await get(`/api/v1/cases/${created!.id}`)) as { version: number }).version);
    assert.equal(event?.data.actorName, customer);
    await setStatus(created!.id, 'closed');
    await reply('Scratched again.');
    await drain();
    const { rows } = await h.ctx.database.executeSql(
      `SELECT m.body_html, m.created_at, i.received_at, m.case_id = $2 AS on_first_case
       FROM inbound_mail i JOIN messages m ON m.id = i.message_id JOIN customers cu ON cu.email = $1
       JOIN cases c ON c.id = m.case_id AND c.customer_id = cu.id
       WHERE m.body_html IS NOT NULL ORDER BY i.received_at`,
      [customer, created!.id],
    );
    assert.deepEqual(
      rows.map((row) => row.on_first_case),
      [true, false],
      'a reply on the case, then the first message of its follow-up',
    );
    for (const [index, row] of rows.entries()) {
      assert.match(row.body_html as string, /<b>(Photos below|Scratched again)\.<\/b>/, `HTML of message ${index + 1}`);
      assert.doesNotMatch(row.body_html as string, /<script/i);
      assert.equal((row.created_at as Date).getTime(), (row.received_at as Date).getTime(), 'dated by its arrival');
    }
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
    const jobs = await jobsFor(h.ctx.database, 'case.acknowledge', cases[0]!.id);
    assert.equal(jobs.length, 0, 'acknowledged in the ingest transaction, not by a job of its own');
    const states = await h.ctx.database.executeSql(
      `SELECT state, count(*)::int AS n FROM inbound_mail WHERE subject = 'Sent twice' GROUP BY state ORDER BY state`,
      [],
    );
    assert.deepEqual(states.rows, [
      { state: 'duplicate', n: 2 },
      { state: 'ingested', n: 1 },
    ]);
    // The ingested message's job once more (a retry, or a second delivery), as the accept
    // records it: parsed without a look at the row first, then found processed by the locked
    // read in the transaction; nothing changes.
    const { rows: ingestedRows } = await h.ctx.database.executeSql(
      `SELECT id, spool_path, size, remote_address, helo, envelope_from FROM inbound_mail
       WHERE subject = 'Sent twice' AND state = 'ingested'`,
      [],
    );
    await ingestInbound(h.ctx, ingestedRows[0] as IngestJob);
    assert.equal((await messagesOf(cases[0]!.id)).length, 1);
    assert.equal((await casesOf(customer)).length, 1);
    // Without a Message-ID the content hash decides.
    const bare = `From: ${customer}\r\nTo: support@heard.test\r\nSubject: No id\r\n\r\nSame bytes.\r\n`;
    await acceptRawMail(h.ctx, Buffer.from(bare), { kind: 'smtp', recipients: [] });
    await acceptRawMail(h.ctx, Buffer.from(bare), { kind: 'smtp', recipients: [] });
    await drain();
    assert.equal((await casesOf(customer)).length, 2);
  });
});

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
