// Inbound email that must not become an ordinary case, and the channel's limits: auto-replies,
// bounces, mail loops, spam suspects and the blocklist; quarantine; routing by address; the
// size limit; spool recovery; the client allow list (decoding and threading: email-inbound.test.ts).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { recoverSpool } from '../../src/domains/email/inbound.service.ts';
import { startSmtpListener } from '../../src/domains/email/smtp.ts';
import { writeSpool } from '../../src/domains/email/spool.ts';
import type { Harness, Session } from '../helpers/http.ts';
import { inboundSuite, python, unique } from '../helpers/inbound-suite.ts';
import { smtpClient } from '../helpers/smtp-client.ts';

describe('inbound email: what never becomes a case, quarantine, routing and limits', () => {
  const suite = inboundSuite();
  const { send, sendRaw, drain, get, casesOf, messagesOf, inboundRow, agentReply } = suite;
  let h: Harness;
  let admin: Session;
  let agent: Session;
  before(() => {
    ({ h, admin, agent } = suite.state);
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
