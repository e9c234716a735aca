import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness } from '../helpers/http.ts';

describe('loading the demo through the API', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it('lets only an admin load it, only into a desk without cases', async () => {
    const agent = await h.signIn('agent');
    const admin = await h.signIn('admin');
    assert.equal(
      (await h.app.inject({ method: 'POST', url: '/api/v1/admin/demo', headers: agent.headers })).statusCode,
      403,
    );
    const loaded = await h.app.inject({ method: 'POST', url: '/api/v1/admin/demo', headers: admin.headers });
    assert.equal(loaded.statusCode, 201, loaded.body);
    assert.deepEqual(loaded.json(), { cases: 200, users: 6 });
    const { rows } = await h.ctx.database.executeSql(
      `SELECT (SELECT count(*) FROM cases)::int AS cases,
              (SELECT count(DISTINCT language) FROM cases)::int AS languages,
              (SELECT count(*) FROM users WHERE email LIKE '%@demo.heard.test')::int AS demo_users`,
      [],
    );
    assert.deepEqual(rows[0], { cases: 200, languages: 4, demo_users: 6 });
    const again = await h.app.inject({ method: 'POST', url: '/api/v1/admin/demo', headers: admin.headers });
    assert.equal(again.statusCode, 409);
  });
});
