// A replayable transaction (an ingest: its input is spooled and recorded before the 250)
// commits without waiting for the WAL flush on PostgreSQL; every other transaction, and the
// pooled connection after it, keeps synchronous commits. PGlite ignores the option.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../src/platform/db.ts';
import { createHarness, type Harness } from '../helpers/http.ts';

const SETTING = "SELECT current_setting('synchronous_commit') AS value";

describe('replayable transactions', () => {
  let h: Harness;
  let database: Database;
  const setting = async (options?: { replayable: boolean }) =>
    database.transaction(async (tx) => (await tx.executeSql(SETTING)).rows[0]!.value, options);

  before(async () => {
    h = await createHarness();
    database = h.ctx.database;
  });
  after(() => h.close());

  it('commit asynchronously on PostgreSQL, only inside that transaction', async () => {
    const expected = database.kind === 'postgres' ? 'off' : 'on';
    // Several at once, so the pool's connections are each used by both kinds.
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, n) => setting(n % 2 ? { replayable: true } : undefined)),
    );
    assert.deepEqual(
      results,
      results.map((_, n) => (n % 2 ? expected : 'on')),
    );
    assert.equal(await setting(), 'on');
    assert.equal((await database.executeSql(SETTING)).rows[0]!.value, 'on');
  });

  it('still commit: the rows are there once the transaction returns', async () => {
    await database.transaction(
      (tx) => tx.executeSql("INSERT INTO settings (key, value) VALUES ('replayable-test', '{\"ok\":true}')"),
      { replayable: true },
    );
    const { rows } = await database.executeSql("SELECT value FROM settings WHERE key = 'replayable-test'");
    assert.deepEqual(rows[0]!.value, { ok: true });
  });
});
