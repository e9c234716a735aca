import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestRuntime, type TestRuntime } from '../../../test/helpers/runtime.ts';
import { identityJobs } from './identity.jobs.ts';
import { addUser } from './identity.service.ts';

describe('identity sweep', () => {
  let runtime: TestRuntime;
  before(async () => {
    runtime = await openTestRuntime();
  });
  after(() => runtime.close());

  it('is scheduled as a cron sweep and deletes only expired sessions and spent links', async () => {
    const { rows: schedules } = await runtime.ctx.database.executeSql(
      "SELECT name, cron FROM pgboss.schedule WHERE name = 'identity.sweep'",
      [],
    );
    assert.deepEqual(schedules, [{ name: 'identity.sweep', cron: '17 * * * *' }]);
    const user = await addUser(runtime.ctx, { email: 'sweep@example.com', name: 'Sweep', role: 'agent' });
    const sql = runtime.ctx.database.executeSql;
    await sql(
      `INSERT INTO sessions (id, user_id, csrf_token, expires_at) VALUES
         ('expired', $1, 'x', now() - interval '1 minute'), ('live', $1, 'x', now() + interval '1 hour')`,
      [user.id],
    );
    await sql(
      `INSERT INTO user_links (token_hash, user_id, purpose, expires_at, used_at) VALUES
         ('spent', $1, 'invite', now() + interval '1 day', now() - interval '2 days'),
         ('old', $1, 'password-reset', now() - interval '2 days', NULL),
         ('fresh', $1, 'invite', now() + interval '1 day', NULL)`,
      [user.id],
    );
    const [sweep] = identityJobs(runtime.ctx);
    await sweep!.handle(undefined as never, { id: 'tick' });
    assert.deepEqual((await sql('SELECT id FROM sessions ORDER BY id', [])).rows, [{ id: 'live' }]);
    assert.deepEqual((await sql('SELECT token_hash FROM user_links', [])).rows, [{ token_hash: 'fresh' }]);
  });
});
