// HTTP test harness: the real app on a fresh database, driven through app.inject(), with
// factories for people and cases and helpers that sign in like the web app does.
import assert from 'node:assert/strict';
import { buildApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import type { UserRow } from '../../src/domains/identity/identity.repository.ts';
import { addUser, createApiToken } from '../../src/domains/identity/identity.service.ts';
import { openTestRuntime, type TestRuntime } from './runtime.ts';

export const PASSWORD = 'correct-horse-battery';
let sequence = 0;

export interface Session {
  cookie: string;
  csrf: string;
  user: UserRow;
  headers: Record<string, string>;
}

export async function createHarness(overrides: Partial<Config> = {}) {
  const runtime: TestRuntime = await openTestRuntime(overrides);
  const app = await buildApp(runtime.ctx);
  const { ctx } = runtime;

  const defaultTeamId = (await ctx.database.executeSql('SELECT id FROM teams WHERE is_default', [])).rows[0]!
    .id as string;

  async function user(
    role: string,
    overrides: { teamId?: string | null; email?: string; name?: string; locale?: string } = {},
  ) {
    sequence += 1;
    return addUser(ctx, {
      email: overrides.email ?? `${role}${sequence}@test.heard.dev`,
      name: overrides.name ?? `${role[0]!.toUpperCase()}${role.slice(1)} ${sequence}`,
      role,
      teamId: overrides.teamId === undefined ? defaultTeamId : overrides.teamId,
      locale: overrides.locale ?? 'en',
      password: PASSWORD,
    });
  }

  async function login(target: UserRow): Promise<Session> {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: target.email, password: PASSWORD },
    });
    if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
    const cookie = String(response.headers['set-cookie']).split(';')[0]!;
    const csrf = response.json<{ csrfToken: string }>().csrfToken;
    return { cookie, csrf, user: target, headers: { cookie, 'x-csrf-token': csrf } };
  }

  async function signIn(role: string, overrides: Parameters<typeof user>[1] = {}) {
    return login(await user(role, overrides));
  }

  async function token(role: string) {
    const created = await createApiToken(ctx, { name: `${role} integration`, role }, null);
    return { authorization: `Bearer ${created.token}` };
  }

  async function team(name: string) {
    const { rows } = await ctx.database.executeSql('INSERT INTO teams (name) VALUES ($1) RETURNING id', [name]);
    return rows[0]!.id as string;
  }

  /** Sets the escalation ladder as an admin; asserts it was accepted. */
  async function ladder(
    admin: Session,
    rungs: { title: string; userId?: string; contactEmail?: string; contactPhone?: string }[],
  ) {
    const response = await app.inject({
      method: 'PUT',
      url: '/api/v1/settings/ladder',
      headers: admin.headers,
      payload: { rungs },
    });
    assert.equal(response.statusCode, 200, response.body);
  }

  /** Uploads a file as the web app does (multipart); returns the response. */
  function upload(headers: Record<string, string>, file: { filename: string; contentType: string; content: Buffer }) {
    const boundary = `upload${++sequence}`;
    return app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\n` +
            `Content-Type: ${file.contentType}\r\n\r\n`,
        ),
        file.content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
  }

  return {
    app,
    ctx,
    runtime,
    defaultTeamId,
    user,
    login,
    signIn,
    token,
    team,
    ladder,
    upload,
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;

export const newCasePayload = (overrides: Record<string, unknown> = {}) => ({
  subject: 'My order has not arrived',
  customer: { email: `customer${++sequence}@example.com`, name: 'Emily Carter' },
  message: { body: 'Hello, my order NW-100200 has not arrived yet. When will it be delivered?' },
  ...overrides,
});

/** A next step for public replies that keep the case open (the send rule requires one). */
export const NEXT_STEP = { nextStep: 'We check with the courier and write back', waitingOn: 'us' } as const;
