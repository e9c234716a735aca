// The outbox: a job recorded in a transaction that rolls back never runs; one recorded in
// a committed transaction runs exactly once, even when the relay runs concurrently.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { enqueue, type JobDefinition, Jobs, pendingJobs } from '../../src/platform/jobs.ts';
import { openTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

describe('jobs platform with a transactional outbox', () => {
  let runtime: TestRuntime;
  let jobs: Jobs;
  const handled: string[] = [];

  before(async () => {
    runtime = await openTestRuntime();
    jobs = await Jobs.start(
      runtime.ctx.database,
      [
        {
          queue: 'test.record',
          async handle(data: { key: string }) {
            handled.push(data.key);
          },
        },
      ],
      pino({ level: 'silent' }),
      { work: true, relay: false },
    );
  });
  after(async () => {
    await jobs.stop();
    await runtime.close();
  });

  it('runs committed jobs exactly once and never rolled-back ones', async () => {
    await runtime.ctx.database.transaction(async (tx) => {
      await enqueue(tx, 'test.record', { key: 'committed-1' });
      await enqueue(tx, 'test.record', { key: 'committed-2' });
    });
    await assert.rejects(
      runtime.ctx.database.transaction(async (tx) => {
        await enqueue(tx, 'test.record', { key: 'rolled-back' });
        throw new Error('the command failed');
      }),
    );
    // Two relays at once must not enqueue anything twice.
    await Promise.all([jobs.relay(), jobs.relay(), runtime.ctx.jobs!.relay()]);
    await jobs.drain();
    await runtime.ctx.jobs!.drain();
    assert.deepEqual([...handled].sort(), ['committed-1', 'committed-2']);
  });

  it('moves large batches from the outbox in one relay', async () => {
    await runtime.ctx.database.transaction(async (tx) => {
      for (let i = 0; i < 1200; i++) await enqueue(tx, 'test.record', { key: `bulk-${i}` });
    });
    // One relay call empties the outbox in batches. The process's own relay (its timer) may take
    // a share, skipped by this one as locked: wait for that relay's commit too before counting.
    await jobs.relay();
    await runtime.ctx.jobs?.relay();
    const { rows } = await runtime.ctx.database.executeSql('SELECT count(*)::int AS n FROM outbox', []);
    assert.deepEqual(rows, [{ n: 0 }]);
    await jobs.drain(60_000);
    assert.equal(handled.filter((key) => key.startsWith('bulk-')).length, 1200);
  });

  type NumberedJob = JobDefinition<{ n: number }>;
  const silent = pino({ level: 'silent' });

  /** Records `count` jobs of the definition's queue in the outbox (nothing runs them yet). */
  const record = async (definition: NumberedJob, count: number) => {
    const creator = await Jobs.start(runtime.ctx.database, [definition], silent, { work: false, relay: false });
    await runtime.ctx.database.transaction(async (tx) => {
      for (let n = 0; n < count; n++) await enqueue(tx, definition.queue, { n });
    });
    return creator;
  };
  /** Runs every job of the definition's queue with a worker of its own. */
  const runAll = async (definition: NumberedJob) => {
    const worker = await Jobs.start(runtime.ctx.database, [definition], silent, { work: true, relay: false });
    try {
      await worker.drain(30_000);
    } finally {
      await worker.stop();
    }
  };

  it('counts pending jobs by queue, in the outbox and in pg-boss, until they are done', async () => {
    const done: number[] = [];
    const definition: NumberedJob = {
      queue: 'test.pending',
      async handle(data) {
        done.push(data.n);
      },
    };
    const creator = await record(definition, 3);
    assert.equal((await pendingJobs(runtime.ctx.database)).get('test.pending'), 3);
    await creator.relay();
    await creator.stop();
    assert.equal((await pendingJobs(runtime.ctx.database)).get('test.pending'), 3, 'moved to pg-boss, not yet run');
    await runAll(definition);
    assert.equal(done.length, 3);
    assert.equal((await pendingJobs(runtime.ctx.database)).has('test.pending'), false);
  });

  it('fetches again at once after a full batch instead of waiting out the polling interval', async () => {
    const full: number[] = [];
    const definition: NumberedJob = {
      queue: 'test.full-batches',
      batchSize: 5,
      // A worker that waited this long after each batch would need minutes for 20 jobs.
      pollingIntervalSeconds: 60,
      async handle(data) {
        full.push(data.n);
      },
    };
    const creator = await record(definition, 20);
    await creator.relay();
    await creator.stop();
    await runAll(definition);
    assert.deepEqual(
      [...full].sort((a, b) => a - b),
      Array.from({ length: 20 }, (_, n) => n),
    );
  });
});
