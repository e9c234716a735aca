// The reply checker at send (422 reply-check-blocked, overrides by allowed roles), rule
// packs edited by supervisors (validated against their own examples), and auto-QA.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness, NEXT_STEP, newCasePayload, type Session } from '../helpers/http.ts';

describe('reply checker on the server', () => {
  let h: Harness;
  let agent: Session;
  let supervisor: Session;
  let caseId: string;

  before(async () => {
    h = await createHarness();
    agent = await h.signIn('agent', { name: 'Анна Смирнова' });
    supervisor = await h.signIn('supervisor');
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: agent.headers,
      payload: newCasePayload({
        subject: 'Возврат',
        customer: { email: 'ivan@example.ru', name: 'Иван Петров', locale: 'ru' },
        message: { body: 'Здравствуйте, верните деньги за сломанный чайник.' },
      }),
    });
    caseId = created.json().id;
  });
  after(() => h.close());

  const send = (session: Session, payload: Record<string, unknown>) =>
    h.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/messages`, headers: session.headers, payload });
  const blocked = 'Здравствуйте, Иван Петров! Меня зовут Анна. Это не входит в мои обязанности.';

  it('refuses a public reply with a banned phrase, listing the findings, and writes nothing', async () => {
    const before = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/messages`, headers: agent.headers })
    ).json().items.length;
    const response = await send(agent, { body: blocked, visibility: 'public', commitment: NEXT_STEP });
    assert.equal(response.statusCode, 422);
    const problem = response.json();
    assert.equal(problem.code, 'reply-check-blocked');
    const finding = problem.findings.find((f: { category: string }) => f.category === 'not-my-job');
    assert.ok(finding, response.body);
    assert.equal(finding.severity, 'block');
    assert.equal(blocked.slice(finding.start, finding.end), finding.text);
    assert.ok(finding.suggestion.length > 0);
    assert.equal(problem.canOverride, false);
    const afterCount = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/messages`, headers: agent.headers })
    ).json().items.length;
    assert.equal(afterCount, before);
  });

  it('does not check internal notes; an agent may not override; a supervisor may, on the timeline', async () => {
    assert.equal((await send(agent, { body: blocked, visibility: 'internal' })).statusCode, 201);
    const denied = await send(agent, {
      body: blocked,
      visibility: 'public',
      commitment: NEXT_STEP,
      override: { reason: 'The customer asked for it' },
    });
    assert.equal(denied.statusCode, 403);
    const overridden = await send(supervisor, {
      body: blocked,
      visibility: 'public',
      commitment: NEXT_STEP,
      override: { reason: 'Quoting the customer' },
    });
    assert.equal(overridden.statusCode, 201, overridden.body);
    const events = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/events`, headers: supervisor.headers })
    ).json().items;
    const event = events.find((e: { type: string }) => e.type === 'reply.check-overridden');
    assert.equal(event.data.reason, 'Quoting the customer');
    assert.deepEqual(event.data.categories, ['not-my-job']);
  });

  it('scores sent conversations worst first, and a dismissed finding stops counting', async () => {
    assert.equal(
      (await h.app.inject({ method: 'GET', url: '/api/v1/qa/conversations', headers: agent.headers })).statusCode,
      403,
    );
    const list = (
      await h.app.inject({ method: 'GET', url: '/api/v1/qa/conversations', headers: supervisor.headers })
    ).json();
    const row = list.items.find((item: { case: { id: string } }) => item.case.id === caseId);
    assert.ok(row.score <= 75, `score ${row.score}`);
    assert.equal(row.byCategory['not-my-job'], 1);
    const detail = (
      await h.app.inject({ method: 'GET', url: `/api/v1/qa/cases/${caseId}`, headers: supervisor.headers })
    ).json();
    const finding = detail.messages
      .flatMap((m: { findings: { id: string; category: string }[] }) => m.findings)
      .find((f: { category: string }) => f.category === 'not-my-job');
    const dismissed = await h.app.inject({
      method: 'POST',
      url: `/api/v1/qa/findings/${finding.id}/dismiss`,
      headers: supervisor.headers,
      payload: { reason: 'The agent was quoting the customer' },
    });
    assert.equal(dismissed.statusCode, 204);
    const rescored = (
      await h.app.inject({ method: 'GET', url: `/api/v1/qa/cases/${caseId}`, headers: supervisor.headers })
    ).json();
    assert.equal(rescored.score, row.score + 25);
    const feedback = (
      await h.app.inject({ method: 'GET', url: '/api/v1/replycheck/feedback?language=ru', headers: supervisor.headers })
    ).json();
    assert.equal(feedback.items[0].category, 'not-my-job');
    assert.equal(feedback.items[0].reason, 'The agent was quoting the customer');
  });

  it('pages the worst conversations without skipping any sent within the same millisecond', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(
        (
          await h.app.inject({
            method: 'POST',
            url: '/api/v1/cases',
            headers: agent.headers,
            payload: newCasePayload(),
          })
        ).json().id,
      );
    }
    // Four conversations with the same (lowest) score, sent microseconds apart inside one millisecond.
    for (const [index, id] of ids.entries()) {
      await h.ctx.database.executeSql(
        `INSERT INTO qa_scores (case_id, score, findings, by_category, last_sent_at)
         VALUES ($1, -1, 0, '{}', '2026-11-20T10:00:00.123000Z'::timestamptz + make_interval(secs => $2::float8 / 1000000))`,
        [id, 100 * (index + 1)],
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/qa/conversations?limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await h.app.inject({ method: 'GET', url, headers: supervisor.headers })).json();
      seen.push(...page.items.map((item: { case: { id: string } }) => item.case.id));
      cursor = seen.length < ids.length ? page.nextCursor : null;
    } while (cursor);
    assert.deepEqual(seen, ids);
  });

  it('saves a supervisor’s pack only when every rule passes its own examples', async () => {
    const pack = (
      await h.app.inject({ method: 'GET', url: '/api/v1/replycheck/packs/ru', headers: agent.headers })
    ).json();
    assert.equal(pack.language, 'ru');
    const broken = structuredClone(pack);
    broken.rules[0].examples.positive.push('Добрый день, ваш заказ уже в пути.');
    const refused = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/replycheck/packs/ru',
      headers: supervisor.headers,
      payload: broken,
    });
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().code, 'pack-invalid');
    assert.ok(refused.json().errors.length > 0);
    assert.equal(
      (await h.app.inject({ method: 'PUT', url: '/api/v1/replycheck/packs/ru', headers: agent.headers, payload: pack }))
        .statusCode,
      403,
    );
    const edited = { ...structuredClone(pack), version: '1.0.1-desk' };
    const saved = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/replycheck/packs/ru',
      headers: supervisor.headers,
      payload: edited,
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().version, 2);
    const current = (
      await h.app.inject({ method: 'GET', url: '/api/v1/replycheck/packs/ru', headers: agent.headers })
    ).json();
    assert.equal(current.version, '1.0.1-desk');
    const packs = (
      await h.app.inject({ method: 'GET', url: '/api/v1/replycheck/packs', headers: agent.headers })
    ).json();
    assert.deepEqual(packs.items.map((p: { language: string }) => p.language).sort(), ['en', 'pl', 'ro', 'ru']);
  });

  it('lets supervisors switch a category off, after which the reply is sent', async () => {
    const settings = (
      await h.app.inject({ method: 'GET', url: '/api/v1/replycheck/settings', headers: agent.headers })
    ).json();
    assert.equal(settings.severities['not-my-job'], 'block');
    const put = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/replycheck/settings',
      headers: supervisor.headers,
      payload: { ...settings, severities: { ...settings.severities, 'not-my-job': 'off' } },
    });
    assert.equal(put.statusCode, 200, put.body);
    const sent = await send(agent, {
      body: 'Иван Петров, это не входит в мои обязанности, но я передам вопрос коллеге.',
      visibility: 'public',
      commitment: NEXT_STEP,
    });
    assert.equal(sent.statusCode, 201, sent.body);
  });

  it('gives the composer the context the checker needs', async () => {
    const context = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/reply-context`, headers: agent.headers })
    ).json();
    assert.deepEqual(context, {
      language: 'ru',
      customerName: 'Иван Петров',
      agentName: 'Анна Смирнова',
      isFirstReply: false,
      isOpenCase: true,
    });
  });
});
