// The IMAP mailbox settings API: admins only, the password stored encrypted and never
// returned, references checked, and a move to another server/account/folder restarts the cursor.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decryptPassword, encryptPassword } from '../../src/domains/email/imap.secrets.ts';
import { createHarness, type Harness, type Session } from '../helpers/http.ts';

describe('IMAP mailbox settings', () => {
  let h: Harness;
  let admin: Session;

  before(async () => {
    h = await createHarness();
    admin = await h.signIn('admin');
  });
  after(() => h.close());

  const create = (payload: Record<string, unknown>, headers = admin.headers) =>
    h.app.inject({ method: 'POST', url: '/api/v1/settings/mailboxes', headers, payload });
  const storedPassword = async (id: string) =>
    (await h.ctx.database.executeSql('SELECT password_encrypted FROM imap_mailboxes WHERE id = $1', [id])).rows[0]!
      .password_encrypted as string;

  it('creates a mailbox with defaults; the password is encrypted and never returned', async () => {
    const response = await create({ name: 'Support', host: 'imap.example.com', username: 'support', password: 'pa55' });
    assert.equal(response.statusCode, 201, response.body);
    const mailbox = response.json();
    assert.equal(mailbox.port, 993);
    assert.equal(mailbox.tls, true);
    assert.equal(mailbox.folder, 'INBOX');
    assert.equal(mailbox.mode, 'idle');
    assert.equal(mailbox.afterProcessing, 'none');
    assert.equal(mailbox.status, 'pending');
    assert.equal(mailbox.lastUid, 0);
    assert.ok(!('password' in mailbox) && !('passwordEncrypted' in mailbox));
    assert.doesNotMatch(response.body, /pa55/);

    const stored = await storedPassword(mailbox.id);
    assert.doesNotMatch(stored, /pa55/);
    assert.equal(decryptPassword(h.ctx.secret, stored), 'pa55');
    assert.throws(() => decryptPassword('another secret of at least 32 chars!', stored), /cannot be decrypted/);

    const listed = (await h.app.inject({ method: 'GET', url: '/api/v1/settings/mailboxes', headers: admin.headers }))
      .json()
      .items.find((item: { id: string }) => item.id === mailbox.id);
    assert.equal(listed.name, 'Support');
    assert.doesNotMatch(JSON.stringify(listed), /pa55|v1:/);
  });

  it('encrypts the same password differently each time', () => {
    assert.notEqual(encryptPassword(h.ctx.secret, 'same'), encryptPassword(h.ctx.secret, 'same'));
  });

  it('is for admins only', async () => {
    const payload = { name: 'X', host: 'imap.example.com', username: 'x', password: 'y' };
    for (const role of ['agent', 'supervisor']) {
      const session = await h.signIn(role);
      assert.equal((await create(payload, session.headers)).statusCode, 403);
      const list = await h.app.inject({ method: 'GET', url: '/api/v1/settings/mailboxes', headers: session.headers });
      assert.equal(list.statusCode, 403);
    }
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/v1/settings/mailboxes' })).statusCode, 401);
  });

  it('refuses unknown teams and categories, bad actions and a move into the polled folder', async () => {
    const base = { name: 'Claims', host: 'imap.example.com', username: 'claims', password: 'pw' };
    const cases: [Record<string, unknown>, string][] = [
      [{ teamId: '00000000-0000-4000-8000-000000000000' }, 'body/teamId'],
      [{ category: 'no-such-category' }, 'body/category'],
      [{ afterProcessing: 'delete' }, 'body/afterProcessing'],
      [{ afterProcessing: 'move:INBOX' }, 'body/afterProcessing'],
      [{ host: 'imap://bad' }, 'body/host'],
      [{ mode: 'push' }, 'body/mode'],
      [{ password: '' }, 'body/password'],
    ];
    for (const [change, field] of cases) {
      const response = await create({ ...base, ...change });
      assert.equal(response.statusCode, 400, `${JSON.stringify(change)}: ${response.body}`);
      assert.equal(response.json().errors[0].field, field, JSON.stringify(change));
    }
    const team = await h.team('Claims team');
    const ok = await create({
      ...base,
      teamId: team,
      category: 'quality',
      mode: 'poll',
      pollIntervalSeconds: 30,
      afterProcessing: 'move:Processed',
    });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().teamId, team);
    assert.equal(ok.json().category, 'quality');
  });

  it('updates settings and the password; another folder or account starts a new cursor', async () => {
    const mailbox = (
      await create({ name: 'Sales', host: 'imap.example.com', username: 'sales', password: 'old' })
    ).json();
    await h.ctx.database.executeSql('UPDATE imap_mailboxes SET uid_validity = 77, last_uid = 41 WHERE id = $1', [
      mailbox.id,
    ]);
    const patch = (payload: Record<string, unknown>) =>
      h.app.inject({
        method: 'PATCH',
        url: `/api/v1/settings/mailboxes/${mailbox.id}`,
        headers: admin.headers,
        payload,
      });

    const renamed = await patch({ name: 'Sales desk', password: 'new', afterProcessing: 'flag', active: false });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.json().name, 'Sales desk');
    assert.equal(renamed.json().active, false);
    assert.equal(renamed.json().lastUid, 41, 'the same folder keeps its cursor');
    assert.ok(renamed.json().updatedAt > mailbox.updatedAt);
    assert.equal(decryptPassword(h.ctx.secret, await storedPassword(mailbox.id)), 'new');

    const moved = (await patch({ folder: 'Sales' })).json();
    assert.equal(moved.lastUid, 0);
    assert.equal(moved.uidValidity, null);

    assert.equal((await patch({ afterProcessing: 'move:Sales' })).statusCode, 400);
    assert.equal((await patch({})).statusCode, 400);
    assert.equal((await patch({ password: 'x', extra: 1 })).statusCode, 400);
  });

  it('deletes a mailbox', async () => {
    const mailbox = (await create({ name: 'Old', host: 'imap.example.com', username: 'old', password: 'pw' })).json();
    const url = `/api/v1/settings/mailboxes/${mailbox.id}`;
    assert.equal((await h.app.inject({ method: 'DELETE', url, headers: admin.headers })).statusCode, 204);
    assert.equal((await h.app.inject({ method: 'GET', url, headers: admin.headers })).statusCode, 404);
    assert.equal((await h.app.inject({ method: 'DELETE', url, headers: admin.headers })).statusCode, 404);
  });
});
