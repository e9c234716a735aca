// SLA policies and team calendars through the HTTP API: who may read and write them, what
// is refused, and their effect on cases (targets on the case, the inbox filter, the
// first commitment in the team's hours, the clock paused while waiting on the customer).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addBusinessMinutes, validateCalendar } from '../../src/domains/commitments/business-time.ts';
import { refreshSlaClocks } from '../../src/domains/commitments/sla.service.ts';
import { createHarness, type Harness, newCasePayload, type Session } from '../helpers/http.ts';

describe('SLA settings and targets', () => {
  let h: Harness;
  let admin: Session;
  let supervisor: Session;
  let agent: Session;
  before(async () => {
    h = await createHarness();
    admin = await h.signIn('admin');
    supervisor = await h.signIn('supervisor');
    agent = await h.signIn('agent');
  });
  after(() => h.close());

  const putPolicies = (session: Session, payload: Record<string, unknown>) =>
    h.app.inject({ method: 'PUT', url: '/api/v1/settings/sla-policies', headers: session.headers, payload });
  const putCalendar = (session: Session, teamId: string, payload: Record<string, unknown>) =>
    h.app.inject({ method: 'PUT', url: `/api/v1/settings/calendars/${teamId}`, headers: session.headers, payload });
  const createCase = async (payload: Record<string, unknown> = {}) => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: agent.headers,
      payload: newCasePayload(payload),
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json() as { id: string; createdAt: string; customer: { id: string }; version: number };
  };
  const getCase = async (id: string) =>
    (await h.app.inject({ url: `/api/v1/cases/${id}`, headers: agent.headers })).json();
  /** Opens the case `minutesAgo` ago and lets the sweep recompute every clock. */
  const openedAgo = async (id: string, minutesAgo: number) => {
    await h.ctx.database.executeSql(
      `UPDATE cases SET created_at = now() - make_interval(mins => $2::int), updated_at = now() - interval '1 minute'
       WHERE id = $1`,
      [id, minutesAgo],
    );
    await recompute();
  };
  const recompute = async () => {
    await h.ctx.database.executeSql(`DELETE FROM settings WHERE key = 'sla.watermark'`, []);
    // Bounded: a watermark that did not move on would otherwise loop here for ever.
    let batches = 0;
    while ((await refreshSlaClocks(h.ctx, 1000)) > 0) assert.ok(++batches < 20, 'the SLA watermark moves on');
  };
  const ALWAYS_OPEN = {
    timeZone: 'UTC',
    weekly: Object.fromEntries(
      ['0', '1', '2', '3', '4', '5', '6'].map((day) => [day, [{ start: '00:00', end: '24:00' }]]),
    ),
    holidays: [],
  };

  it('lets supervisors read the policies and only admins change them', async () => {
    const read = await h.app.inject({ url: '/api/v1/settings/sla-policies', headers: supervisor.headers });
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json(), { policies: [], dueSoonMinutes: 60, reasonGraceMinutes: 30 });
    assert.equal(
      (await h.app.inject({ url: '/api/v1/settings/sla-policies', headers: agent.headers })).statusCode,
      403,
    );
    assert.equal((await putPolicies(supervisor, { policies: [] })).statusCode, 403);
    assert.equal((await h.app.inject({ url: '/api/v1/settings/sla-policies' })).statusCode, 401);
  });

  it('refuses policies that cannot apply or contradict each other', async () => {
    const base = { priority: null, category: null, tier: null, firstResponseMinutes: 60, resolutionMinutes: 600 };
    const field = async (payload: Record<string, unknown>) => {
      const response = await putPolicies(admin, payload);
      assert.equal(response.statusCode, 400, response.body);
      return response.json().errors[0].field as string;
    };
    assert.equal(await field({ policies: [{ ...base, category: 'nonsense' }] }), 'body/policies/0/category');
    assert.equal(await field({ policies: [base, { ...base }] }), 'body/policies/1');
    assert.equal(await field({ policies: [{ ...base, resolutionMinutes: 30 }] }), 'body/policies/0/resolutionMinutes');
    assert.equal(await field({ policies: [{ ...base, tier: 'gold' }] }), 'body/policies/0/tier');
    assert.equal(
      await field({ policies: [{ ...base, firstResponseMinutes: 0 }] }),
      'body/policies/0/firstResponseMinutes',
    );
    assert.equal(await field({ policies: [], reasonGraceMinutes: -1 }), 'body/reasonGraceMinutes');
  });

  it('saves policies and the sweep timing', async () => {
    const response = await putPolicies(admin, {
      policies: [
        { priority: null, category: null, tier: null, firstResponseMinutes: 240, resolutionMinutes: 2400 },
        { priority: null, category: null, tier: 'vip', firstResponseMinutes: 30, resolutionMinutes: 480 },
      ],
      dueSoonMinutes: 45,
      reasonGraceMinutes: 20,
    });
    assert.equal(response.statusCode, 200, response.body);
    const saved = response.json();
    assert.equal(saved.policies.length, 2);
    assert.equal(saved.dueSoonMinutes, 45);
    assert.equal(saved.reasonGraceMinutes, 20);
  });

  it('validates team calendars and lets only admins set them', async () => {
    const listed = await h.app.inject({ url: '/api/v1/settings/calendars', headers: supervisor.headers });
    assert.equal(listed.statusCode, 200);
    const mine = listed.json().items.find((item: { teamId: string }) => item.teamId === h.defaultTeamId);
    assert.equal(mine.custom, false);
    assert.equal(mine.calendar.timeZone, 'UTC');
    assert.equal((await h.app.inject({ url: '/api/v1/settings/calendars', headers: agent.headers })).statusCode, 403);
    assert.equal((await putCalendar(agent, h.defaultTeamId, ALWAYS_OPEN)).statusCode, 403);

    const badZone = await putCalendar(admin, h.defaultTeamId, { ...ALWAYS_OPEN, timeZone: 'Mars/Olympus' });
    assert.equal(badZone.statusCode, 400);
    assert.equal(badZone.json().errors[0].field, 'body/timeZone');
    const overlapping = await putCalendar(admin, h.defaultTeamId, {
      timeZone: 'Europe/Warsaw',
      weekly: {
        1: [
          { start: '09:00', end: '13:00' },
          { start: '12:00', end: '17:00' },
        ],
      },
    });
    assert.equal(overlapping.statusCode, 400);
    assert.equal(overlapping.json().errors[0].field, 'body/weekly/1/1');
    const unknownTeam = await putCalendar(admin, '00000000-0000-4000-8000-000000000000', ALWAYS_OPEN);
    assert.equal(unknownTeam.statusCode, 404);

    const split = await putCalendar(admin, h.defaultTeamId, {
      timeZone: 'Europe/Warsaw',
      weekly: {
        1: [
          { start: '14:00', end: '18:00' },
          { start: '08:00', end: '12:00' },
        ],
      },
      holidays: ['2026-12-25'],
    });
    assert.equal(split.statusCode, 200, split.body);
    assert.equal(split.json().custom, true);
    assert.deepEqual(split.json().calendar.weekly['1'], [
      { start: '08:00', end: '12:00' },
      { start: '14:00', end: '18:00' },
    ]);
  });

  it('dates a new case’s first commitment in its team’s hours', async () => {
    const hours = {
      timeZone: 'Asia/Kathmandu',
      weekly: {
        2: [
          { start: '10:00', end: '12:00' },
          { start: '13:00', end: '15:00' },
        ],
      },
      holidays: [],
    };
    assert.equal((await putCalendar(admin, h.defaultTeamId, hours)).statusCode, 200);
    const created = await createCase();
    const view = await getCase(created.id);
    const calendar = validateCalendar(hours);
    assert.ok(calendar.ok);
    // The policy default: 16 business hours, here four Tuesdays of four hours.
    assert.equal(
      view.commitment.dueAt,
      addBusinessMinutes(calendar.calendar, new Date(created.createdAt), 16 * 60).toISOString(),
    );
    assert.equal((await putCalendar(admin, h.defaultTeamId, ALWAYS_OPEN)).statusCode, 200);
  });

  it('shows the targets on the case and filters the inbox by SLA state', async () => {
    // Always open; default policy 240 / 2400 minutes, VIP 30 / 480.
    const fresh = await createCase();
    const late = await createCase();
    const nearly = await createCase();
    await openedAgo(fresh.id, 10);
    await openedAgo(late.id, 300);
    await openedAgo(nearly.id, 200);
    const freshView = await getCase(fresh.id);
    assert.equal(freshView.sla.firstResponse.state, 'ok');
    assert.equal(freshView.sla.resolution.state, 'ok');
    assert.equal(
      freshView.sla.firstResponse.dueAt,
      new Date(Date.parse(freshView.createdAt) + 240 * 60_000).toISOString(),
    );
    assert.equal((await getCase(late.id)).sla.firstResponse.state, 'breached');
    assert.equal((await getCase(nearly.id)).sla.firstResponse.state, 'warning');

    const list = async (sla: string) =>
      (await h.app.inject({ url: `/api/v1/cases?view=all&status=open&sla=${sla}&limit=100`, headers: agent.headers }))
        .json()
        .items.map((item: { id: string }) => item.id);
    const breached = await list('breached');
    const warning = await list('warning');
    assert.ok(breached.includes(late.id) && !breached.includes(nearly.id) && !breached.includes(fresh.id));
    assert.ok(warning.includes(nearly.id) && !warning.includes(late.id) && !warning.includes(fresh.id));
    assert.equal((await h.app.inject({ url: '/api/v1/cases?sla=late', headers: agent.headers })).statusCode, 400);
  });

  it('applies the customer tier set on the customer record', async () => {
    const created = await createCase();
    const bad = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/customers/${created.customer.id}`,
      headers: agent.headers,
      payload: { tier: 'gold' },
    });
    assert.equal(bad.statusCode, 400);
    const patched = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/customers/${created.customer.id}`,
      headers: agent.headers,
      payload: { tier: 'vip' },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().tier, 'vip');
    await openedAgo(created.id, 40);
    const view = await getCase(created.id);
    assert.equal(view.sla.firstResponse.state, 'breached');
    assert.equal(view.sla.firstResponse.dueAt, new Date(Date.parse(view.createdAt) + 30 * 60_000).toISOString());
  });

  it('stops the clock while the case waits on the customer', async () => {
    const created = await createCase();
    const waiting = await h.app.inject({
      method: 'PUT',
      url: `/api/v1/cases/${created.id}/commitment`,
      headers: agent.headers,
      payload: { nextStep: 'Send us a photo of the label', waitingOn: 'customer', notifyCustomer: false },
    });
    assert.equal(waiting.statusCode, 200, waiting.body);
    assert.equal(waiting.json().status, 'waiting-customer');
    // Opened 300 minutes ago, waiting on the customer since 100 minutes after opening.
    await h.ctx.database.executeSql(
      `UPDATE events SET created_at = now() - interval '200 minutes' WHERE case_id = $1 AND type = 'commitment.set'`,
      [created.id],
    );
    await openedAgo(created.id, 300);
    const paused = await getCase(created.id);
    assert.equal(paused.sla.paused, true);
    assert.equal(paused.sla.firstResponse.state, 'ok');

    const reopened = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${created.id}`,
      headers: agent.headers,
      payload: { version: paused.version, status: 'open' },
    });
    assert.equal(reopened.statusCode, 200, reopened.body);
    // It waited 200 minutes until just now: 100 of the 240 minutes are used, due in 140.
    await h.ctx.database.executeSql(`UPDATE cases SET updated_at = now() - interval '1 minute' WHERE id = $1`, [
      created.id,
    ]);
    await recompute();
    const running = await getCase(created.id);
    assert.equal(running.sla.paused, false);
    assert.equal(running.sla.firstResponse.state, 'ok');
    const left = Date.parse(running.sla.firstResponse.dueAt) - Date.now();
    assert.ok(Math.abs(left - 140 * 60_000) < 2 * 60_000, `due in ${left / 60_000} minutes`);
  });
});
