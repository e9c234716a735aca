// The commitment suites' shared setup: a harness with an agent, a supervisor and a
// three-rung escalation ladder (Service desk → Senior agent → Head of service), and helpers to
// open cases, reply and read what the customer was told.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { createHarness, type Harness, newCasePayload, type Session } from './http.ts';
import { jobsFor as jobsOf } from './jobs.ts';

export interface CustomerMessage {
  id: string;
  visibility: string;
  direction: string;
  text: string;
  footer: string | null;
}

export interface CommitmentState {
  h: Harness;
  agent: Session;
  supervisor: Session;
  senior: Session;
  head: Session;
}

/** Registers the suite's before/after hooks (call it first inside `describe`); the state is set once they ran. */
export function commitmentSuite() {
  const state = {} as CommitmentState;
  before(async () => {
    state.h = await createHarness();
    const { h } = state;
    state.agent = await h.signIn('agent', { name: 'Anna Agent' });
    state.supervisor = await h.signIn('supervisor', { name: 'Sofia Ionescu' });
    state.senior = await h.signIn('agent', { name: 'Piotr Nowak' });
    state.head = await h.signIn('supervisor', { name: 'Olga Head' });
    await h.ladder(await h.signIn('admin'), [
      { title: 'Service desk', userId: state.agent.user.id },
      { title: 'Senior agent', userId: state.senior.user.id, contactPhone: '+48 22 100 20 30' },
      { title: 'Head of service', userId: state.head.user.id, contactEmail: 'head@shop.test' },
    ]);
  });
  after(() => state.h.close());

  const open = async (overrides: Record<string, unknown> = {}) => {
    const response = await state.h.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: state.agent.headers,
      payload: newCasePayload({ ownerId: state.agent.user.id, ...overrides }),
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json();
  };
  const reply = (id: string, payload: Record<string, unknown>, session = state.agent) =>
    state.h.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/messages`, headers: session.headers, payload });
  const messages = async (id: string): Promise<CustomerMessage[]> =>
    (
      await state.h.app.inject({ method: 'GET', url: `/api/v1/cases/${id}/messages`, headers: state.agent.headers })
    ).json().items;
  const read = async (id: string) =>
    (await state.h.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: state.agent.headers })).json();
  const eventTypes = async (id: string): Promise<string[]> =>
    (await state.h.app.inject({ method: 'GET', url: `/api/v1/cases/${id}/events`, headers: state.agent.headers }))
      .json()
      .items.map((e: { type: string }) => e.type);
  const jobsFor = (queue: string, caseId: string) => jobsOf(state.h.ctx.database, queue, caseId);

  return { state, open, reply, messages, read, eventTypes, jobsFor };
}
