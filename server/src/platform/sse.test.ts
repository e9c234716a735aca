import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestRuntime, type TestRuntime } from '../../test/helpers/runtime.ts';
import { openPostgres } from './db.ts';
import { type Change, ChangeBus } from './sse.ts';

const change = (caseId: string): Change => ({ kind: 'case', caseId, teamId: null, ownerId: null, customerId: 'c' });

describe('change bus', () => {
  let runtime: TestRuntime;
  before(async () => {
    runtime = await openTestRuntime();
  });
  after(() => runtime.close());

  it('tells this process’s subscribers at once', () => {
    const seen: string[] = [];
    const stop = runtime.ctx.changes.subscribe((c) => seen.push(c.caseId));
    runtime.ctx.changes.publish(change('local'));
    stop();
    assert.deepEqual(seen, ['local']);
  });

  it('broadcasts a burst of changes to another process in batches, each change once', async (t) => {
    if (!runtime.databaseUrl) return t.skip('one process per embedded database: nothing to broadcast to');
    const other = openPostgres(runtime.databaseUrl, 2);
    const otherBus = new ChangeBus(other);
    await otherBus.start();
    const received: string[] = [];
    const ownEchoes: string[] = [];
    try {
      otherBus.subscribe((c) => received.push(c.caseId));
      runtime.ctx.changes.subscribe((c) => ownEchoes.push(c.caseId));
      const ids = Array.from({ length: 60 }, (_, i) => `case-${i}`);
      for (const id of ids) runtime.ctx.changes.publish(change(id));
      const burst = () => received.filter((id) => id.startsWith('case-'));
      for (let i = 0; i < 100 && burst().length < ids.length; i++) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(burst(), ids);
      assert.deepEqual(ownEchoes, ids, 'a process does not hear its own broadcast again');
    } finally {
      await otherBus.stop();
      await other.close();
    }
  });
});
