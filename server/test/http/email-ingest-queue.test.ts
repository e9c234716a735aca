// The ingest queue (email.jobs.ts on platform/row-queue.ts) against the real database: mail
// recorded by a process that does not ingest waits for a worker to take it; a taken row is
// not taken again until its lease passes or a worker starts; failed attempts are retried with
// a backoff and the last one quarantines the message with its error.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ingestQueue } from '../../src/domains/email/email.jobs.ts';
import { emailRepository } from '../../src/domains/email/email.repository.ts';
import { acceptRawMail, INGEST_LEASE_SECONDS } from '../../src/domains/email/inbound.service.ts';
import { ingestRepository } from '../../src/domains/email/ingest.repository.ts';
import { createHarness, type Harness } from '../helpers/http.ts';

describe('email ingest queue', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  const raw = (subject: string) =>
    Buffer.from(
      `From: queue-${randomUUID()}@example.com\r\nTo: support@heard.test\r\nSubject: ${subject}\r\n` +
        `Message-ID: <${randomUUID()}@queue.test>\r\n\r\nHello.\r\n`,
    );
  /** Accepted by a process that only listens (no jobs platform): the row waits, taken by nobody. */
  const acceptElsewhere = async (subject: string) =>
    (await acceptRawMail({ ...h.ctx, jobs: undefined }, raw(subject), { kind: 'smtp', recipients: [] })).id;
  const row = async (id: string) =>
    (
      await h.ctx.database.executeSql(
        'SELECT state, reason, attempts, claimed_until, claimed_until > now() AS taken FROM inbound_mail WHERE id = $1',
        [id],
      )
    ).rows[0]!;

  it('a worker ingests mail that another process recorded', async () => {
    const id = await acceptElsewhere('Recorded by the listener');
    assert.equal((await row(id)).claimed_until, null, 'nobody has taken it');
    await h.ctx.jobs!.drain(30_000);
    assert.equal((await emailRepository.byId(h.ctx.database, id))?.state, 'ingested');
  });

  it('mail a worker records is taken by it for the lease', async () => {
    const { id } = await acceptRawMail(h.ctx, raw('Recorded by the worker'), { kind: 'smtp', recipients: [] });
    const recorded = (
      await h.ctx.database.executeSql(
        `SELECT claimed_until - now() > make_interval(secs => $2) AS leased FROM inbound_mail WHERE id = $1`,
        [id, INGEST_LEASE_SECONDS - 60],
      )
    ).rows[0]!;
    assert.equal(recorded.leased, true);
    await h.ctx.jobs!.drain(30_000);
    assert.equal((await row(id)).state, 'ingested');
  });

  it('a taken row is not taken twice; a worker start frees it', async () => {
    // The harness's own worker stops taking rows for this test.
    const queue = h.ctx.jobs!.rowQueue(ingestQueue(h.ctx).name)!;
    await queue.stop();
    try {
      const id = await acceptElsewhere('Taken once');
      const first = await ingestRepository.claimWaiting(h.ctx.database, 50, 60);
      assert.ok(first.some((taken) => taken.id === id));
      const second = await ingestRepository.claimWaiting(h.ctx.database, 50, 60);
      assert.ok(!second.some((taken) => taken.id === id), 'leased to the first');
      await ingestRepository.releaseClaims(h.ctx.database, [randomUUID()]);
      const other = await ingestRepository.claimWaiting(h.ctx.database, 50, 60);
      assert.ok(!other.some((taken) => taken.id === id), 'giving back another row frees nothing else');
      await ingestRepository.releaseClaims(h.ctx.database, [id]);
      const third = await ingestRepository.claimWaiting(h.ctx.database, 50, 60);
      assert.ok(
        third.some((taken) => taken.id === id),
        'free again once given back',
      );
      await ingestRepository.releaseClaims(h.ctx.database);
    } finally {
      await queue.start();
    }
    await h.ctx.jobs!.drain(30_000);
  });

  it('a failed attempt is retried after a backoff; the last quarantines the message with the error', async () => {
    const queue = h.ctx.jobs!.rowQueue(ingestQueue(h.ctx).name)!;
    await queue.stop();
    try {
      const id = await acceptElsewhere('Fails every time');
      const { definition } = ingestQueue(h.ctx);
      const job = (await emailRepository.byId(h.ctx.database, id))!;
      await definition.failed(job, new Error('database unreachable'));
      let now = await row(id);
      assert.equal(now.attempts, 1);
      assert.equal(now.state, 'received', 'retried later');
      assert.equal(now.taken, true, 'held until the retry');
      const firstWait = (now.claimed_until as Date).getTime() - Date.now();
      await definition.failed(job, new Error('database unreachable'));
      now = await row(id);
      assert.ok((now.claimed_until as Date).getTime() - Date.now() > firstWait, 'the wait grows');
      for (let attempt = 3; attempt <= 5; attempt++) await definition.failed(job, new Error('database unreachable'));
      now = await row(id);
      assert.equal(now.state, 'quarantined');
      assert.equal(now.reason, 'ingestion failed: database unreachable');
    } finally {
      await queue.start();
    }
  });
});
