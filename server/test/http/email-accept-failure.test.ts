// A message that cannot be made durable is refused with 451 (the sending server keeps it and
// retries), and nothing of it is recorded; once the spool can be written again, the retry is
// accepted and recorded once.
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type SmtpListener, startSmtpListener } from '../../src/domains/email/smtp.ts';
import { createHarness, type Harness } from '../helpers/http.ts';
import { smtpClient } from '../helpers/smtp-client.ts';

describe('accepting mail the spool cannot hold', () => {
  let h: Harness;
  let smtp: SmtpListener;
  before(async () => {
    h = await createHarness();
    smtp = await startSmtpListener(h.ctx, { host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await smtp.close();
    await h.close();
  });

  const inboundRows = async () =>
    (await h.ctx.database.executeSql('SELECT count(*)::int AS n FROM inbound_mail', [])).rows[0]!.n as number;

  it('answers 451 and records nothing; the retry is accepted once the spool is writable', async () => {
    const spool = join(h.ctx.config.dataDir, 'spool');
    // A file where the spool folder should be: the writer thread can make nothing durable.
    await rm(spool, { recursive: true, force: true });
    await writeFile(spool, 'not a folder');
    const message = {
      envelope: { from: 'retry@example.com', to: ['support@heard.test'] },
      raw: 'From: retry@example.com\r\nTo: support@heard.test\r\nSubject: Retry me\r\nMessage-ID: <retry-451@example.com>\r\n\r\nPlease.\r\n',
    };
    await assert.rejects(smtpClient(smtp.port).sendMail(message), (error: { responseCode?: number }) => {
      assert.equal(error.responseCode, 451);
      return true;
    });
    assert.equal(await inboundRows(), 0);
    await rm(spool);
    const sent = await smtpClient(smtp.port).sendMail(message);
    assert.match(sent.response, /^250 /);
    assert.equal(await inboundRows(), 1);
  });
});
