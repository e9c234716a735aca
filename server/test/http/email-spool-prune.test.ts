// Spool pruning: the sweep removes the raw files of processed mail (ingested, duplicate,
// ignored) past the retention; quarantined mail keeps its file (download, reprocess), and
// recent mail keeps it whatever its state.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { emailRepository } from '../../src/domains/email/email.repository.ts';
import { acceptRawMail, pruneSpool } from '../../src/domains/email/inbound.service.ts';
import { createHarness, type Harness, type Session } from '../helpers/http.ts';

const DAY_MS = 24 * 60 * 60_000;

describe('spool pruning', () => {
  let h: Harness;
  let admin: Session;

  before(async () => {
    h = await createHarness();
    admin = await h.signIn('admin');
  });
  after(() => h.close());

  const accept = async (headers: string) => {
    const id = randomUUID();
    const raw = `${headers}\r\nTo: support@heard.test\r\nMessage-ID: <${id}@spool.test>\r\n\r\nHello from the spool test.\r\n`;
    return (await acceptRawMail(h.ctx, Buffer.from(raw), { kind: 'smtp', recipients: ['support@heard.test'] })).id;
  };
  const file = (id: string) => join(h.ctx.config.dataDir, 'spool', `${id}.eml`);
  const age = async (id: string, days: number) => {
    const then = new Date(Date.now() - days * DAY_MS);
    await utimes(file(id), then, then);
  };
  const state = async (id: string) => (await emailRepository.byId(h.ctx.database, id))?.state;

  it('prunes processed mail past the retention, keeps quarantined and recent mail', async () => {
    const ingested = await accept(`From: prune-${randomUUID()}@example.com\r\nSubject: A question`);
    const ignored = await accept(
      `From: prune-${randomUUID()}@example.com\r\nSubject: Out of office\r\nAuto-Submitted: auto-replied`,
    );
    const quarantined = await accept('Subject: No sender at all');
    const recent = await accept(`From: prune-${randomUUID()}@example.com\r\nSubject: Just now`);
    await h.ctx.jobs!.drain(30_000);
    assert.equal(await state(ingested), 'ingested');
    assert.equal(await state(ignored), 'ignored');
    assert.equal(await state(quarantined), 'quarantined');
    assert.equal(await state(recent), 'ingested');
    for (const id of [ingested, ignored, quarantined]) await age(id, 8);

    assert.equal(await pruneSpool(h.ctx, 7 * DAY_MS), 2);
    assert.equal(existsSync(file(ingested)), false);
    assert.equal(existsSync(file(ignored)), false);
    assert.equal(existsSync(file(quarantined)), true, 'quarantined mail keeps its raw message');
    assert.equal(existsSync(file(recent)), true, 'recent mail is kept whatever its state');
    assert.equal(await pruneSpool(h.ctx, 7 * DAY_MS), 0);

    const download = await h.app.inject({
      method: 'GET',
      url: `/api/v1/admin/quarantine/${quarantined}/eml`,
      headers: admin.headers,
    });
    assert.equal(download.statusCode, 200);
    assert.match(download.body, /No sender at all/);
    const reprocessed = await h.app.inject({
      method: 'POST',
      url: `/api/v1/admin/quarantine/${ignored}/reprocess`,
      headers: admin.headers,
    });
    assert.equal(reprocessed.statusCode, 409, 'an ignored message whose file was pruned cannot be reprocessed');
    assert.match(reprocessed.json().detail, /no longer kept/);
    assert.equal(await state(ignored), 'ignored');
  });
});
