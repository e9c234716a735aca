// The commitments sweep on a real database with the jobs platform running: warned once
// before the due time, a miss escalated and explained, the customer told with a new honest
// date after the grace period (or by the owner within it), and two sweepers on the same
// database never doubling a notice.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AppContext } from '../../src/context.ts';
import { claimTick, sweepCommitments, sweepTick } from '../../src/domains/commitments/commitments.sweep.ts';
import { openPostgres } from '../../src/platform/db.ts';
import { createHarness, type Harness, newCasePayload, type Session } from '../helpers/http.ts';

describe('commitments sweep', () => {
  let h: Harness;
  let agent: Session;
  let senior: Session;
  let admin: Session;
  /** A second sweeper: its own connection pool on PostgreSQL (the same PGlite otherwise). */
  let other: AppContext;
  let closeOther: () => Promise<void> = async () => {};

  before(async () => {
    h = await createHarness();
    agent = await h.signIn('agent');
    senior = await h.signIn('supervisor');
    admin = await h.signIn('admin');
    await h.ladder(admin, [
      { title: 'Service desk', userId: agent.user.id },
      { title: 'Senior', userId: senior.user.id },
    ]);
    if (h.runtime.databaseUrl) {
      const database = openPostgres(h.runtime.databaseUrl, 4);
      other = { ...h.ctx, database, jobs: undefined };
      closeOther = () => database.close();
    } else other = { ...h.ctx, jobs: undefined };
  });
  after(async () => {
    await closeOther();
    await h.close();
  });

  const createCase = async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: agent.headers,
      payload: newCasePayload({
        customer: { email: `sweep${Math.random()}@example.com`, name: 'Ana Pop', locale: 'ro' },
      }),
    });
    assert.equal(response.statusCode, 201);
    return response.json() as { id: string };
  };
  const sql = async (text: string, values: unknown[] = []) => (await h.ctx.database.executeSql(text, values)).rows;
  const dueIn = (caseId: string, minutes: number) =>
    sql(
      `UPDATE commitments SET due_at = now() + make_interval(mins => $2::int) WHERE case_id = $1 AND state = 'current'`,
      [caseId, minutes],
    );
  /** Lets the grace period pass for the case's missed commitments. */
  const graceOver = (caseId: string) =>
    sql(`UPDATE commitments SET closed_at = now() - interval '31 minutes' WHERE case_id = $1 AND state = 'missed'`, [
      caseId,
    ]);
  const count = async (text: string, values: unknown[]) => Number((await sql(text, values))[0]!.n);
  const notifications = (caseId: string, kind: string, userId?: string) =>
    count(
      `SELECT count(*)::int AS n FROM notifications WHERE case_id = $1 AND kind = $2 AND ($3::uuid IS NULL OR user_id = $3)`,
      [caseId, kind, userId ?? null],
    );
  const systemMessages = (caseId: string) =>
    count(
      `SELECT count(*)::int AS n FROM messages WHERE case_id = $1 AND direction = 'outbound' AND visibility = 'public'
         AND author_user_id IS NULL`,
      [caseId],
    );
  const events = async (caseId: string) =>
    (await sql('SELECT type FROM events WHERE case_id = $1 ORDER BY id', [caseId])).map((row) => row.type as string);

  it('claims each tick once, whichever sweeper asks first', async () => {
    const tick = new Date('2030-01-01T10:00:30Z');
    const claims = await Promise.all([
      h.ctx.database.transaction((tx) => claimTick(tx, tick)),
      other.database.transaction((tx) => claimTick(tx, new Date('2030-01-01T10:00:59Z'))),
    ]);
    assert.deepEqual(claims.sort(), [false, true]);
    assert.equal(await sweepTick(h.ctx, tick), null);
    assert.notEqual(await sweepTick(h.ctx, new Date('2030-01-01T10:01:00Z')), null);
  });

  it('warns the owner once before the due time', async () => {
    const created = await createCase();
    await dueIn(created.id, 10);
    await sweepCommitments(h.ctx);
    await sweepCommitments(other);
    await h.ctx.jobs!.drain();
    assert.equal(await notifications(created.id, 'commitment-due-soon', agent.user.id), 1);
    assert.equal((await events(created.id)).filter((type) => type === 'commitment.due-soon').length, 1);
  });

  it('on a miss: escalates, asks the owner for the reason, and after the grace period tells the customer a new date', async () => {
    const created = await createCase();
    await dueIn(created.id, -1);
    await sweepCommitments(h.ctx);
    await h.ctx.jobs!.drain();
    assert.equal(await notifications(created.id, 'commitment-missed', senior.user.id), 1);
    assert.equal(await notifications(created.id, 'delay-reason-needed', agent.user.id), 1);
    assert.ok((await events(created.id)).includes('commitment.missed'));
    // Within the grace period the customer is not told yet.
    assert.equal(await systemMessages(created.id), 0);

    await graceOver(created.id);
    await sweepCommitments(h.ctx);
    await h.ctx.jobs!.drain();
    assert.equal(await systemMessages(created.id), 1);
    const [notice] = await sql(
      `SELECT id, body_text, language FROM messages WHERE case_id = $1 AND direction = 'outbound' AND author_user_id IS NULL`,
      [created.id],
    );
    assert.equal(notice!.language, 'ro');
    assert.match(notice!.body_text as string, /Noul termen/);
    assert.match(notice!.body_text as string, /durează mai mult decât estimam/);
    assert.equal(
      await count(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'case.reply' AND data->>'messageId' = $1`, [
        notice!.id,
      ]),
      1,
    );
    const view = (await h.app.inject({ url: `/api/v1/cases/${created.id}`, headers: agent.headers })).json();
    assert.equal(view.commitment.kind, 'first-reply');
    assert.ok(Date.parse(view.commitment.dueAt) > Date.now());
    assert.deepEqual(
      (await events(created.id)).filter((type) => type.startsWith('commitment.')),
      ['commitment.missed', 'commitment.set', 'commitment.customer-notified'],
    );
    const history = await sql('SELECT state FROM commitments WHERE case_id = $1 ORDER BY created_at', [created.id]);
    assert.deepEqual(
      history.map((row) => row.state),
      ['missed', 'current'],
    );
  });

  it('leaves the customer notice to the owner who gives the reason within the grace period', async () => {
    const created = await createCase();
    await dueIn(created.id, -1);
    await sweepCommitments(h.ctx);
    const set = await h.app.inject({
      method: 'PUT',
      url: `/api/v1/cases/${created.id}/commitment`,
      headers: agent.headers,
      payload: { nextStep: 'Trimitem factura corectată', waitingOn: 'us', reason: 'Contabilitatea a întârziat' },
    });
    assert.equal(set.statusCode, 200, set.body);
    await graceOver(created.id);
    await sweepCommitments(h.ctx);
    await h.ctx.jobs!.drain();
    assert.equal(await systemMessages(created.id), 0);
    const [missed] = await sql(`SELECT followed_up_at FROM commitments WHERE case_id = $1 AND state = 'missed'`, [
      created.id,
    ]);
    assert.ok(missed!.followed_up_at, 'the missed commitment is followed up');
    assert.equal(
      (await h.app.inject({ url: `/api/v1/cases/${created.id}`, headers: agent.headers })).json().commitment.nextStep,
      'Trimitem factura corectată',
    );
  });

  it('never doubles a notice when two sweepers run at once', async () => {
    const cases = [];
    for (let i = 0; i < 12; i++) cases.push(await createCase());
    const ids = cases.map((entry) => entry.id);
    await sql(`UPDATE commitments SET due_at = now() + interval '5 minutes' WHERE case_id = ANY($1::uuid[])`, [ids]);
    await Promise.all([sweepCommitments(h.ctx), sweepCommitments(other), sweepCommitments(other)]);
    await sql(`UPDATE commitments SET due_at = now() - interval '1 minute' WHERE case_id = ANY($1::uuid[])`, [ids]);
    await Promise.all([sweepCommitments(h.ctx), sweepCommitments(other), sweepCommitments(h.ctx)]);
    await sql(
      `UPDATE commitments SET closed_at = now() - interval '31 minutes' WHERE case_id = ANY($1::uuid[]) AND state = 'missed'`,
      [ids],
    );
    await Promise.all([sweepCommitments(other), sweepCommitments(h.ctx), sweepCommitments(other)]);
    await h.ctx.jobs!.drain();
    const total = (text: string) => count(text, [ids]);
    assert.equal(
      await total(
        `SELECT count(*)::int AS n FROM notifications WHERE case_id = ANY($1::uuid[]) AND kind = 'commitment-due-soon'`,
      ),
      12,
    );
    assert.equal(
      await total(
        `SELECT count(*)::int AS n FROM notifications WHERE case_id = ANY($1::uuid[]) AND kind = 'commitment-missed'`,
      ),
      12,
    );
    assert.equal(
      await total(
        `SELECT count(*)::int AS n FROM notifications WHERE case_id = ANY($1::uuid[]) AND kind = 'delay-reason-needed'`,
      ),
      12,
    );
    assert.equal(
      await total(
        `SELECT count(*)::int AS n FROM messages WHERE case_id = ANY($1::uuid[]) AND direction = 'outbound' AND author_user_id IS NULL`,
      ),
      12,
    );
    assert.equal(
      await total(`SELECT count(*)::int AS n FROM commitments WHERE case_id = ANY($1::uuid[]) AND state = 'current'`),
      12,
    );
  });
});
