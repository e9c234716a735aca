// The honest-date proposal over HTTP, on real history in the database.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addBusinessMinutes, DEFAULT_CALENDAR } from '../../src/domains/commitments/business-time.ts';
import { createHarness, type Harness, NEXT_STEP, newCasePayload, type Session } from '../helpers/http.ts';

describe('commitment proposals', () => {
  let h: Harness;
  let agent: Session;
  before(async () => {
    h = await createHarness();
    agent = await h.signIn('agent');
  });
  after(() => h.close());

  const createCase = async (payload: Record<string, unknown> = {}) =>
    (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: agent.headers,
        payload: newCasePayload({ category: 'billing', priority: 'high', channel: 'email', ...payload }),
      })
    ).json();
  const propose = (caseId: string) =>
    h.app.inject({ method: 'GET', url: `/api/v1/commitments/proposal?caseId=${caseId}`, headers: agent.headers });

  it('uses the policy default while there is too little history', async () => {
    const created = await createCase();
    const response = await propose(created.id);
    assert.equal(response.statusCode, 200);
    const proposal = response.json();
    assert.equal(proposal.basis.kind, 'policy');
    assert.equal(proposal.basis.samples, 0);
    assert.equal(proposal.dueAt, addBusinessMinutes(DEFAULT_CALENDAR, new Date(created.createdAt), 960).toISOString());
    assert.match(proposal.basis.text, /within 2 working days/);
  });

  it('draws the date from how long similar first replies really took', async () => {
    // 25 similar cases opened on Monday 2026-11-16 at 09:00 UTC, first answered after these business minutes:
    const minutes = [...Array(21).fill(90), 200, 300, 400, 500];
    for (const [index, took] of minutes.entries()) {
      const similar = await createCase({ subject: `Invoice question ${index}` });
      await h.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${similar.id}/messages`,
        headers: agent.headers,
        payload: {
          body: `Dear Emily Carter, this is ${agent.user.name}. We will send the corrected invoice tomorrow.`,
          visibility: 'public',
          commitment: NEXT_STEP,
        },
      });
      await h.ctx.database.executeSql(`UPDATE cases SET created_at = '2026-11-16T09:00:00Z' WHERE id = $1;`, [
        similar.id,
      ]);
      await h.ctx.database.executeSql(
        `UPDATE messages SET created_at = '2026-11-16T09:00:00Z'::timestamptz + make_interval(mins => $2::int)
         WHERE case_id = $1 AND direction = 'outbound'`,
        [similar.id, took],
      );
    }
    const other = await createCase({ category: 'quality' });
    assert.equal((await propose(other.id)).json().basis.kind, 'policy', 'other categories are not similar');

    const created = await createCase({ customer: { email: 'anna.r@example.ru', locale: 'ru' } });
    const proposal = (await propose(created.id)).json();
    assert.equal(proposal.basis.kind, 'history');
    assert.equal(proposal.basis.samples, 25);
    // 85th percentile (rank 22 of 25) = 200 minutes; × 1.2 = 240 → 4 working hours.
    assert.equal(proposal.basis.typicalMinutes, 200);
    assert.equal(proposal.basis.promisedMinutes, 240);
    assert.equal(proposal.dueAt, addBusinessMinutes(DEFAULT_CALENDAR, new Date(created.createdAt), 240).toISOString());
    assert.equal(proposal.basis.language, 'ru');
    assert.equal(
      proposal.basis.text,
      '85% похожих обращений получили ответ за 4 рабочих часа; мы обещаем ответить за 4 рабочих часа.',
    );
  });

  it('answers 404 for a case the user cannot see and 400 for a bad id', async () => {
    const teamB = await h.team('Team B');
    const outsider = await h.signIn('agent', { teamId: teamB });
    const created = await createCase();
    const hidden = await h.app.inject({
      method: 'GET',
      url: `/api/v1/commitments/proposal?caseId=${created.id}`,
      headers: outsider.headers,
    });
    assert.equal(hidden.statusCode, 404);
    const bad = await h.app.inject({
      method: 'GET',
      url: '/api/v1/commitments/proposal?caseId=nope',
      headers: agent.headers,
    });
    assert.equal(bad.statusCode, 400);
  });

  it('the first public reply keeps the first-reply commitment; the agent then sets the next one', async () => {
    const created = await createCase();
    assert.equal(created.commitment.kind, 'first-reply');
    const replied = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${created.id}/messages`,
      headers: agent.headers,
      payload: {
        body: `Dear Emily Carter, this is ${agent.user.name}. I am checking the invoice now.`,
        visibility: 'public',
        commitment: { nextStep: 'We check the invoice and send a corrected one', waitingOn: 'us' },
      },
    });
    assert.equal(replied.statusCode, 201, replied.body);
    const afterReply = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}`, headers: agent.headers })
    ).json();
    assert.equal(afterReply.commitment.kind, 'next-step');
    assert.equal(afterReply.commitment.nextStep, 'We check the invoice and send a corrected one');
    const events = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}/events`, headers: agent.headers })
    ).json();
    assert.ok(events.items.some((e: { type: string }) => e.type === 'commitment.kept'));

    const set = (payload: Record<string, unknown>) =>
      h.app.inject({ method: 'PUT', url: `/api/v1/cases/${created.id}/commitment`, headers: agent.headers, payload });
    const proposed = await set({ nextStep: 'Send us a photo of the invoice', waitingOn: 'customer' });
    assert.equal(proposed.statusCode, 200, proposed.body);
    const withCommitment = proposed.json();
    assert.equal(withCommitment.status, 'waiting-customer');
    assert.equal(withCommitment.commitment.nextStep, 'Send us a photo of the invoice');
    assert.equal(withCommitment.commitment.waitingOn, 'customer');
    assert.equal(withCommitment.commitment.owner.id, agent.user.id);
    assert.equal(withCommitment.commitment.basis.kind, 'policy');
    const proposalDue = Date.parse(withCommitment.commitment.dueAt);

    const soon = new Date(Date.now() + 60 * 60_000).toISOString();
    const refused = await set({ nextStep: 'We call the courier', waitingOn: 'third-party', dueAt: soon });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.json().detail, /earlier than the honest proposal/);
    const past = await set({ nextStep: 'We call the courier', waitingOn: 'us', dueAt: '2020-01-01T00:00:00Z' });
    assert.equal(past.statusCode, 400);
    assert.equal(soon < new Date(proposalDue).toISOString(), true);
    const early = await set({
      nextStep: 'We call the courier',
      waitingOn: 'third-party',
      dueAt: soon,
      reason: 'The courier promised to call back today',
    });
    assert.equal(early.statusCode, 200, early.body);
    assert.equal(early.json().status, 'waiting-third-party');
    assert.equal(early.json().commitment.basis.kind, 'agent');
    const timeline = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}/events`, headers: agent.headers })
    ).json();
    const last = timeline.items.filter((e: { type: string }) => e.type === 'commitment.set').at(-1);
    assert.equal(last.data.reason, 'The courier promised to call back today');
    const { rows } = await h.ctx.database.executeSql(
      `SELECT state, count(*)::int AS n FROM commitments WHERE case_id = $1 GROUP BY state ORDER BY state`,
      [created.id],
    );
    assert.deepEqual(rows, [
      { state: 'current', n: 1 },
      { state: 'kept', n: 1 },
      { state: 'superseded', n: 2 },
    ]);
  });

  it('refuses a commitment on a resolved case and hides other teams’ cases', async () => {
    const created = await createCase();
    await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${created.id}`,
      headers: agent.headers,
      payload: { version: created.version, status: 'resolved' },
    });
    const resolved = await h.app.inject({
      method: 'PUT',
      url: `/api/v1/cases/${created.id}/commitment`,
      headers: agent.headers,
      payload: { nextStep: 'x', waitingOn: 'us' },
    });
    assert.equal(resolved.statusCode, 422);
    const outsider = await h.signIn('agent', { teamId: await h.team('Team C') });
    const other = await createCase();
    const hidden = await h.app.inject({
      method: 'PUT',
      url: `/api/v1/cases/${other.id}/commitment`,
      headers: outsider.headers,
      payload: { nextStep: 'x', waitingOn: 'us' },
    });
    assert.equal(hidden.statusCode, 404);
  });

  it('lists cases by the next promised date, shows the overdue ones, and resolving keeps the promise', async () => {
    const team = await h.team('Due team');
    const lead = await h.signIn('agent', { teamId: team });
    const open = async (subject: string) =>
      (
        await h.app.inject({
          method: 'POST',
          url: '/api/v1/cases',
          headers: lead.headers,
          payload: newCasePayload({ subject }),
        })
      ).json();
    const [late, soon, later] = [await open('Late'), await open('Soon'), await open('Later')];
    // Promised dates: one past, two ahead.
    for (const [id, due] of [
      [late.id, '2026-01-01T10:00:00Z'],
      [soon.id, '2030-01-01T10:00:00Z'],
      [later.id, '2031-01-01T10:00:00Z'],
    ] as const) {
      await h.ctx.database.executeSql(`UPDATE commitments SET due_at = $2 WHERE case_id = $1 AND state = 'current'`, [
        id,
        due,
      ]);
      await h.ctx.database.executeSql('UPDATE cases SET commitment_due_at = $2 WHERE id = $1', [id, due]);
    }
    const list = async (query: string) =>
      (
        await h.app.inject({
          method: 'GET',
          url: `/api/v1/cases?view=team&status=open&${query}`,
          headers: lead.headers,
        })
      ).json();
    const byDue = await list('sort=due&limit=2');
    assert.deepEqual(
      byDue.items.map((c: { subject: string }) => c.subject),
      ['Late', 'Soon'],
    );
    const next = await list(`sort=due&limit=2&cursor=${byDue.nextCursor}`);
    assert.deepEqual(
      next.items.map((c: { subject: string }) => c.subject),
      ['Later'],
    );
    const overdue = await list('overdue=true');
    assert.deepEqual(
      overdue.items.map((c: { subject: string }) => c.subject),
      ['Late'],
    );

    const resolved = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${soon.id}`,
      headers: lead.headers,
      payload: { version: soon.version, status: 'resolved' },
    });
    assert.equal(resolved.statusCode, 200);
    assert.equal(resolved.json().commitment, null);
    const events = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${soon.id}/events`, headers: lead.headers })
    ).json();
    assert.ok(events.items.some((e: { type: string }) => e.type === 'commitment.kept'));
  });
});
