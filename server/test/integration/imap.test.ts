// IMAP mailboxes against a real Dovecot on loopback: mail a client appends is fetched once
// whatever its \Seen flag, a restarted poller continues from its cursor, a new UIDVALIDITY
// refetches without duplicating, processed mail is flagged or moved, bad credentials show
// on the mailbox without losing mail, and two pollers never fetch the same mailbox at once.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import { ImapPoller, type PollerOptions } from '../../src/domains/email/imap.poller.ts';
import { type Dovecot, dovecotSkipReason, startDovecot } from '../helpers/dovecot.ts';
import { createHarness, type Harness, type Session } from '../helpers/http.ts';

const skip = dovecotSkipReason();
if (skip) console.log(`# notice: ${skip}`);

const USERS = {
  support: 'support-pw',
  restart: 'restart-pw',
  claims: 'claims-pw',
  flagged: 'flagged-pw',
  mover: 'mover-pw',
  locked: 'locked-pw',
  shared: 'shared-pw',
  poller: 'poller-pw',
};
type User = keyof typeof USERS;

let sequence = 0;
function mail(subject: string, messageId = `<${randomUUID()}@customer.example>`): string {
  sequence += 1;
  return [
    `From: Customer ${sequence} <customer${sequence}@example.com>`,
    'To: support@heard.test',
    `Subject: ${subject}`,
    `Message-ID: ${messageId}`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Hello, this is about ${subject}. My order has not arrived.`,
    '',
  ].join('\r\n');
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('IMAP mailboxes against Dovecot', { skip }, () => {
  let h: Harness;
  let admin: Session;
  let dovecot: Dovecot;
  const pollers: ImapPoller[] = [];

  before(async () => {
    dovecot = await startDovecot(USERS);
    h = await createHarness();
    admin = await h.signIn('admin');
  });
  // Each test starts its own pollers on its own mailboxes: nothing carries over.
  afterEach(async () => {
    await Promise.all(pollers.splice(0).map((poller) => poller.stop()));
    await h.ctx.database.executeSql('UPDATE imap_mailboxes SET active = false', []);
  });
  after(async () => {
    await h?.close();
    await dovecot?.stop();
  });

  const startPoller = (options: PollerOptions = {}) => {
    const poller = ImapPoller.start(h.ctx, {
      tickMs: 100,
      leaseSeconds: 5,
      backoffMs: 100,
      maxBackoffMs: 1000,
      ...options,
    });
    pollers.push(poller);
    return poller;
  };

  async function addMailbox(user: User, settings: Record<string, unknown> = {}) {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/settings/mailboxes',
      headers: admin.headers,
      payload: {
        name: `${user} mailbox`,
        host: dovecot.host,
        port: dovecot.port,
        tls: false,
        username: user,
        password: USERS[user],
        mode: 'idle',
        ...settings,
      },
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string }>().id;
  }

  const mailboxView = async (id: string) =>
    (await h.app.inject({ method: 'GET', url: `/api/v1/settings/mailboxes/${id}`, headers: admin.headers })).json();

  /** What acceptRawMail recorded from this mailbox, in order. */
  const fetched = async (mailbox: string) =>
    (
      await h.ctx.database.executeSql(
        'SELECT uid_validity::float8 AS "uidValidity", uid::int AS uid FROM inbound_mail WHERE mailbox = $1 ORDER BY received_at, uid',
        [mailbox],
      )
    ).rows as { uidValidity: number; uid: number }[];

  const waitForFetched = async (mailbox: string, count: number) => {
    try {
      return await waitFor(`${count} messages`, async () => {
        const rows = await fetched(mailbox);
        assert.ok(rows.length <= count, `more than ${count} messages fetched: ${JSON.stringify(rows)}`);
        return rows.length === count && rows;
      });
    } catch (error) {
      const view = await mailboxView(mailbox);
      throw new Error(`${(error as Error).message} (mailbox ${view.name}: last error ${view.lastError})`);
    }
  };

  /** How many cases each subject opened, once every ingest job ran. */
  async function casesBySubject(subjects: string[]): Promise<number[]> {
    await h.ctx.jobs!.drain(60_000);
    const counts = [];
    for (const subject of subjects) {
      const { rows } = await h.ctx.database.executeSql('SELECT count(*)::int AS n FROM cases WHERE subject = $1', [
        subject,
      ]);
      counts.push(rows[0]!.n as number);
    }
    return counts;
  }

  it('ingests appended mail exactly once, \\Seen or not, and pushes new mail through IDLE', async () => {
    const subjects = ['Unread parcel question', 'Already read parcel question', 'Read by another client'];
    await dovecot.append('support', 'INBOX', mail(subjects[0]!));
    await dovecot.append('support', 'INBOX', mail(subjects[1]!), ['\\Seen']);
    await dovecot.append('support', 'INBOX', mail(subjects[2]!));
    const reader = await dovecot.client('support');
    await reader.mailboxOpen('INBOX');
    await reader.messageFlagsAdd('3', ['\\Seen']);
    await reader.logout();

    // An hour between polls: mail that arrives after the first catch-up can only come through IDLE.
    const mailbox = await addMailbox('support', { pollIntervalSeconds: 3600 });
    startPoller();
    const rows = await waitForFetched(mailbox, 3);
    assert.deepEqual(
      rows.map((row) => row.uid),
      [1, 2, 3],
    );
    assert.deepEqual(await casesBySubject(subjects), [1, 1, 1]);

    const pushed = 'Arrived while idling';
    const appendedAt = Date.now();
    await dovecot.append('support', 'INBOX', mail(pushed));
    await waitForFetched(mailbox, 4);
    assert.ok(Date.now() - appendedAt < 10_000, 'IDLE delivered the new message');
    assert.deepEqual(await casesBySubject([pushed]), [1]);

    const view = await mailboxView(mailbox);
    assert.equal(view.status, 'ok');
    assert.equal(view.lastUid, 4);
    assert.ok(view.lastSuccessAt);
    assert.equal(view.lastError, null);
    // Nothing on the server was changed (after-processing is `none`).
    const check = await dovecot.client('support');
    const status = await check.status('INBOX', { messages: true, unseen: true });
    await check.logout();
    assert.ok(status);
    assert.deepEqual([status.messages, status.unseen], [4, 2]);
  });

  it('polls a mailbox in poll mode', async () => {
    const mailbox = await addMailbox('poller', { mode: 'poll', pollIntervalSeconds: 5 });
    startPoller();
    await waitFor('the first poll', async () => (await mailboxView(mailbox)).lastSuccessAt);
    await dovecot.append('poller', 'INBOX', mail('Polled question'));
    await waitForFetched(mailbox, 1);
    assert.deepEqual(await casesBySubject(['Polled question']), [1]);
  });

  it('continues from the last UID after a restart, and a message accepted before a crash is not stored twice', async () => {
    const subjects = ['Restart one', 'Restart two', 'Restart three', 'Restart four', 'Restart five'];
    const mailbox = await addMailbox('restart');
    const first = startPoller();
    for (const subject of subjects.slice(0, 3)) await dovecot.append('restart', 'INBOX', mail(subject));
    await waitForFetched(mailbox, 3);
    await first.stop();

    for (const subject of subjects.slice(3)) await dovecot.append('restart', 'INBOX', mail(subject));
    // As if the process died after acceptRawMail committed UID 3 but before the cursor moved.
    await h.ctx.database.executeSql('UPDATE imap_mailboxes SET last_uid = 2 WHERE id = $1', [mailbox]);
    startPoller();
    await waitFor('the cursor at UID 5', async () => (await mailboxView(mailbox)).lastUid === 5);
    const rows = await fetched(mailbox);
    assert.deepEqual(
      rows.map((row) => row.uid),
      [1, 2, 3, 4, 5],
    );
    assert.deepEqual(await casesBySubject(subjects), [1, 1, 1, 1, 1]);
  });

  it('fetches the folder again when UIDVALIDITY changes, without duplicating what it had', async () => {
    const setup = await dovecot.client('claims');
    await setup.mailboxCreate('Claims');
    await setup.logout();
    const first = mail('Claim about a broken kettle');
    const second = mail('Claim about a late refund');
    await dovecot.append('claims', 'Claims', first);
    await dovecot.append('claims', 'Claims', second);
    const mailbox = await addMailbox('claims', { folder: 'Claims', pollIntervalSeconds: 5 });
    startPoller();
    const before = await waitForFetched(mailbox, 2);

    // The folder is recreated (a restored server, a migration): same mail, new UIDVALIDITY.
    const admin = await dovecot.client('claims');
    await admin.mailboxDelete('Claims');
    await admin.mailboxCreate('Claims');
    await admin.logout();
    await dovecot.append('claims', 'Claims', first);
    await dovecot.append('claims', 'Claims', second);
    await dovecot.append('claims', 'Claims', mail('Claim about a missing manual'));

    const view = await waitFor('the new UIDVALIDITY fetched', async () => {
      const current = await mailboxView(mailbox);
      return current.uidValidity !== before[0]!.uidValidity && current.lastUid === 3 && current;
    });
    const rows = await fetched(mailbox);
    assert.equal(rows.filter((row) => row.uidValidity === view.uidValidity).length, 3);
    assert.deepEqual(
      await casesBySubject([
        'Claim about a broken kettle',
        'Claim about a late refund',
        'Claim about a missing manual',
      ]),
      [1, 1, 1],
    );
  });

  it('flags processed mail as \\Seen, or moves it to another folder', async () => {
    const flaggedBox = await addMailbox('flagged', { afterProcessing: 'flag' });
    const movedBox = await addMailbox('mover', { afterProcessing: 'move:Processed' });
    for (let i = 0; i < 3; i++) {
      await dovecot.append('flagged', 'INBOX', mail(`Flag me ${i}`));
      await dovecot.append('mover', 'INBOX', mail(`Move me ${i}`));
    }
    startPoller({ batchSize: 2 });
    await waitForFetched(flaggedBox, 3);
    await waitForFetched(movedBox, 3);

    const flagged = await dovecot.client('flagged');
    await waitFor('all flagged \\Seen', async () => {
      const status = await flagged.status('INBOX', { messages: true, unseen: true });
      return status && status.messages === 3 && status.unseen === 0;
    });
    await flagged.logout();

    const mover = await dovecot.client('mover');
    const counts = await waitFor('all moved', async () => {
      const inbox = await mover.status('INBOX', { messages: true });
      const done = await mover.status('Processed', { messages: true });
      return inbox && done && inbox.messages === 0 && done.messages === 3 && [inbox.messages, done.messages];
    });
    await mover.logout();
    assert.deepEqual(counts, [0, 3]);
    // A moved message is not fetched again from the folder it came from.
    assert.equal((await fetched(movedBox)).length, 3);
  });

  it('shows bad credentials on the mailbox and loses nothing: the mail comes in once the password is fixed', async () => {
    const mailbox = await addMailbox('locked', { password: 'wrong-password' });
    await dovecot.append('locked', 'INBOX', mail('Waiting behind a wrong password'));
    startPoller();
    const failing = await waitFor('the error on the mailbox', async () => {
      const view = await mailboxView(mailbox);
      return view.status === 'error' && view;
    });
    assert.match(failing.lastError, /authentication failed/i);
    assert.doesNotMatch(failing.lastError, /wrong-password/);
    assert.equal(failing.lastSuccessAt, null);
    assert.equal((await fetched(mailbox)).length, 0);

    const fixed = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/settings/mailboxes/${mailbox}`,
      headers: admin.headers,
      payload: { password: USERS.locked },
    });
    assert.equal(fixed.statusCode, 200);
    await waitForFetched(mailbox, 1);
    assert.deepEqual(await casesBySubject(['Waiting behind a wrong password']), [1]);
    const view = await waitFor('the mailbox healthy', async () => {
      const current = await mailboxView(mailbox);
      return current.status === 'ok' && current;
    });
    assert.equal(view.lastError !== null, true, 'the last error stays visible with its time');
  });

  it('lets only one of two pollers fetch a mailbox; the other takes over when it stops', async () => {
    const mailbox = await addMailbox('shared');
    const counts = new Map<string, number>();
    const count = (owner: string) => (id: string) => {
      if (id === mailbox) counts.set(owner, (counts.get(owner) ?? 0) + 1);
    };
    const one = startPoller({ owner: 'process-one', onAccepted: count('process-one') });
    const two = startPoller({ owner: 'process-two', onAccepted: count('process-two') });
    for (let i = 0; i < 6; i++) await dovecot.append('shared', 'INBOX', mail(`Shared ${i}`));
    await waitForFetched(mailbox, 6);
    assert.equal(counts.size, 1, `one poller fetched everything: ${JSON.stringify([...counts])}`);
    const [owner] = [...counts.keys()];
    const [holder, other] = owner === 'process-one' ? [one, two] : [two, one];
    assert.deepEqual(holder.polling.includes(mailbox), true);
    assert.deepEqual(other.polling.includes(mailbox), false);

    await holder.stop();
    await waitFor('the other poller to take over', async () => other.polling.includes(mailbox));
    await dovecot.append('shared', 'INBOX', mail('Shared after the takeover'));
    await waitForFetched(mailbox, 7);
    // The row is committed before the poller moves its cursor and reports the message.
    await waitFor('the other poller to report the message', async () => counts.get(other.owner) === 1);
    assert.equal(counts.get(holder.owner), 6);
    assert.deepEqual(await casesBySubject(['Shared 0', 'Shared 5', 'Shared after the takeover']), [1, 1, 1]);
  });
});
