import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness, newCasePayload, PASSWORD } from '../helpers/http.ts';

describe('sign-in, sessions, tokens and people', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  const mailTo = async (email: string) => {
    await h.runtime.ctx.jobs!.drain();
    const folder = `${h.runtime.config.dataDir}/mail-out`;
    return readdirSync(folder)
      .map((file) => readFileSync(`${folder}/${file}`, 'utf8'))
      .filter((eml) => eml.includes(`To: ${email}`));
  };
  const linkToken = (eml: string) => {
    const unfolded = eml.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    return decodeURIComponent(/set-password\?token=([A-Za-z0-9_%-]+)/.exec(unfolded)![1]!);
  };

  it('signs in with an HttpOnly SameSite cookie; wrong passwords get 401; sign-out ends the session', async () => {
    const user = await h.user('agent');
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'wrong-password' },
    });
    assert.equal(bad.statusCode, 401);
    assert.equal(bad.json().code, 'invalid-credentials');
    const unknown = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.com', password: 'x' },
    });
    assert.equal(unknown.statusCode, 401);
    const ok = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: PASSWORD },
    });
    assert.equal(ok.statusCode, 200);
    const cookie = String(ok.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    const session = { cookie: cookie.split(';')[0]! };
    assert.equal(
      (await h.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: session })).statusCode,
      200,
    );
    const stored = await h.ctx.database.executeSql('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    assert.match(String(stored.rows[0]!.password_hash), /^\$argon2id\$/);
    await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session });
    assert.equal(
      (await h.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: session })).statusCode,
      401,
    );
  });

  it('requires the CSRF token for unsafe requests made with the cookie', async () => {
    const session = await h.signIn('agent');
    const without = await h.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie: session.cookie },
      payload: newCasePayload(),
    });
    assert.equal(without.statusCode, 403);
    assert.equal(without.json().code, 'csrf-failed');
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie: session.cookie, 'x-csrf-token': 'nope' },
      payload: newCasePayload(),
    });
    assert.equal(wrong.statusCode, 403);
    assert.equal(
      (
        await h.app.inject({
          method: 'POST',
          url: '/api/v1/cases',
          headers: session.headers,
          payload: newCasePayload(),
        })
      ).statusCode,
      201,
    );
  });

  it('rate-limits login attempts', async () => {
    const user = await h.user('agent');
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      codes.push(
        (
          await h.app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { email: user.email, password: 'guess' },
          })
        ).statusCode,
      );
    }
    assert.ok(codes.includes(429), codes.join(','));
    const limited = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: PASSWORD },
    });
    assert.equal(limited.json().code, 'rate-limited');
  });

  it('creates API tokens shown once and stored as SHA-256; revoked tokens get 401', async () => {
    const admin = await h.signIn('admin');
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: admin.headers,
      payload: { name: 'Shop', role: 'agent' },
    });
    assert.equal(created.statusCode, 201);
    const { id, token } = created.json();
    assert.ok(token.length > 40);
    const stored = await h.ctx.database.executeSql('SELECT token_hash FROM api_tokens WHERE id = $1', [id]);
    assert.notEqual(stored.rows[0]!.token_hash, token);
    assert.equal(String(stored.rows[0]!.token_hash).length, 64);
    const bearer = { authorization: `Bearer ${token}` };
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/v1/cases', headers: bearer })).statusCode, 200);
    const listed = (await h.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: admin.headers })).json();
    assert.equal(JSON.stringify(listed).includes(token), false);
    assert.equal(
      (await h.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: admin.headers })).statusCode,
      204,
    );
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/v1/cases', headers: bearer })).statusCode, 401);
  });

  it('invites by email: the link sets the password once and signs in', async () => {
    const admin = await h.signIn('admin');
    const invited = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email: 'new.agent@test.heard.dev', name: 'Nina New', role: 'agent', locale: 'pl' },
    });
    assert.equal(invited.statusCode, 201);
    const [eml] = await mailTo('new.agent@test.heard.dev');
    assert.ok(eml, 'an invitation email was written');
    assert.match(eml, /Zaproszenie/);
    const token = linkToken(eml);
    const short = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/set-password',
      payload: { token, password: 'short' },
    });
    assert.equal(short.statusCode, 400);
    const set = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/set-password',
      payload: { token, password: 'a-long-new-password' },
    });
    assert.equal(set.statusCode, 200, set.body);
    const reused = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/set-password',
      payload: { token, password: 'another-long-password' },
    });
    assert.equal(reused.statusCode, 410);
    const duplicate = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email: 'new.agent@test.heard.dev', name: 'Again', role: 'agent' },
    });
    assert.equal(duplicate.statusCode, 409);
  });

  it('resets a password by emailed link without revealing which emails exist', async () => {
    const user = await h.user('agent', { email: 'forgetful@test.heard.dev' });
    for (const email of [user.email, 'nobody@test.heard.dev']) {
      const response = await h.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email } });
      assert.equal(response.statusCode, 202);
    }
    const [eml] = await mailTo(user.email);
    assert.ok(eml);
    assert.equal((await mailTo('nobody@test.heard.dev')).length, 0);
    const set = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/set-password',
      payload: { token: linkToken(eml), password: 'brand-new-password' },
    });
    assert.equal(set.statusCode, 200);
    const old = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: PASSWORD },
    });
    assert.equal(old.statusCode, 401);
  });

  it('changes a password with the current one, ending the user’s other sessions', async () => {
    const user = await h.user('agent');
    const here = await h.login(user);
    const elsewhere = await h.login(user);
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: here.headers,
      payload: { currentPassword: 'nope', newPassword: 'a-brand-new-password' },
    });
    assert.equal(wrong.statusCode, 401);
    const changed = await h.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: here.headers,
      payload: { currentPassword: PASSWORD, newPassword: 'a-brand-new-password' },
    });
    assert.equal(changed.statusCode, 204);
    assert.equal(
      (await h.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: here.cookie } })).statusCode,
      200,
    );
    assert.equal(
      (await h.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: elsewhere.cookie } }))
        .statusCode,
      401,
    );
    const relogin = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'a-brand-new-password' },
    });
    assert.equal(relogin.statusCode, 200);
  });

  it('deactivating a user signs them out and releases their open cases to the team', async () => {
    const admin = await h.signIn('admin');
    const leaving = await h.signIn('agent');
    const created = (
      await h.app.inject({ method: 'POST', url: '/api/v1/cases', headers: leaving.headers, payload: newCasePayload() })
    ).json();
    const response = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${leaving.user.id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    assert.equal(response.statusCode, 200);
    assert.equal(
      (await h.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: leaving.cookie } }))
        .statusCode,
      401,
    );
    const released = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}`, headers: admin.headers })
    ).json();
    assert.equal(released.owner, null);
    assert.equal(released.team.id, h.defaultTeamId);
    const self = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${admin.user.id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    assert.equal(self.statusCode, 400);
  });

  it('serves health, readiness, metrics and the OpenAPI document without authentication', async () => {
    assert.equal((await h.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    assert.equal((await h.app.inject({ method: 'GET', url: '/readyz' })).json().status, 'ready');
    const metrics = (await h.app.inject({ method: 'GET', url: '/metrics' })).body;
    assert.match(metrics, /heard_http_request_duration_seconds/);
    assert.match(metrics, /# TYPE heard_jobs_pending gauge/);
    const openapi = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    assert.ok(openapi.paths['/api/v1/cases']);
    assert.match(openapi.info.description, /case-changed/);
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/docs' })).statusCode < 400, true);
  });
});
