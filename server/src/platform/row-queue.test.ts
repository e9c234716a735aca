import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pino from 'pino';
import { RowQueue, type RowQueueDefinition } from './row-queue.ts';

/** A queue over an in-memory table of waiting keys; `run` waits until the test releases it. */
function tableQueue(waiting: string[], overrides: Partial<RowQueueDefinition<string>> = {}) {
  const ran: string[] = [];
  const failed: string[] = [];
  let running = 0;
  let most = 0;
  const releases: (() => void)[] = [];
  const queue = new RowQueue<string>(
    {
      name: 'test.rows',
      concurrency: 2,
      pollMs: 10,
      key: (job) => job,
      async claim(limit) {
        return waiting.splice(0, limit);
      },
      async pending() {
        return waiting.length + running;
      },
      async run(job) {
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        if (job.startsWith('bad')) throw new Error(`${job} failed`);
        ran.push(job);
      },
      async failed(job) {
        failed.push(job);
      },
      ...overrides,
    },
    pino({ level: 'silent' }),
  );
  const releaseAll = async () => {
    while ((await queue.pending()) > 0 || releases.length > 0) {
      for (const release of releases.splice(0)) release();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await queue.whenIdle();
  };
  return { queue, ran, failed, releaseAll, most: () => most };
}

describe('RowQueue', () => {
  it('runs a job offered and also claimed once, never more than `concurrency` at a time', async () => {
    const table = ['a', 'b', 'c', 'd', 'e'];
    const { queue, ran, releaseAll, most } = tableQueue(table);
    queue.offer(['a', 'b']); // recorded here: still waiting in the table too, as a row is until it is done
    await queue.start();
    await releaseAll();
    await queue.stop();
    assert.deepEqual([...ran].sort(), ['a', 'b', 'c', 'd', 'e']);
    assert.equal(most(), 2);
  });

  it('hands a job that throws to `failed`; the others still run', async () => {
    const { queue, ran, failed, releaseAll } = tableQueue(['ok-1', 'bad-1', 'ok-2']);
    await queue.start();
    await releaseAll();
    await queue.stop();
    assert.deepEqual([...ran].sort(), ['ok-1', 'ok-2']);
    assert.deepEqual(failed, ['bad-1']);
  });

  it('stop() gives back what it took and did not start, waits for the job running, takes nothing more', async () => {
    const table = ['x', 'y', 'z'];
    const released: string[] = [];
    const { queue, ran } = tableQueue(table, {
      concurrency: 1,
      async run(job) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        ran.push(job);
      },
      async release(jobs) {
        released.push(...jobs);
      },
    });
    await queue.start();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await queue.stop();
    assert.deepEqual(ran, ['x'], 'the running job finished before stop() resolved');
    assert.deepEqual(released, ['y'], 'taken (two at a time for one lane), not started: given back');
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.deepEqual(ran, ['x'], 'nothing ran after the stop');
  });
});
