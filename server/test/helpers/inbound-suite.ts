// The inbound email suites' shared setup: a harness with a signed-in admin and agent, the real
// SMTP listener on loopback, and helpers to send mail and read what it became.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before } from 'node:test';
import { promisify } from 'node:util';
import type { SendMailOptions } from 'nodemailer';
import { emailRepository } from '../../src/domains/email/email.repository.ts';
import { type SmtpListener, startSmtpListener } from '../../src/domains/email/smtp.ts';
import { createHarness, type Harness, NEXT_STEP, type Session } from './http.ts';
import { smtpClient } from './smtp-client.ts';

let sequence = 0;
// Asynchronous: the listener runs in this process and must keep answering while Python talks to it.
export const python = (script: string, ...args: string[]) =>
  promisify(execFile)('python3', ['-c', script, ...args], { encoding: 'utf8' });
export const unique = () => `${Date.now().toString(36)}-${++sequence}`;

export interface InboundState {
  h: Harness;
  admin: Session;
  agent: Session;
  smtp: SmtpListener;
}

/** Registers the suite's before/after hooks (call it first inside `describe`); the state is set once they ran. */
export function inboundSuite() {
  const state = {} as InboundState;
  before(async () => {
    state.h = await createHarness();
    state.admin = await state.h.signIn('admin');
    state.agent = await state.h.signIn('agent');
    state.smtp = await startSmtpListener(state.h.ctx, { host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await state.smtp.close();
    await state.h.close();
  });

  const transport = () => smtpClient(state.smtp.port);

  /** Sends through the listener; resolves with the SMTP response or rejects with the SMTP error. */
  const send = (message: SendMailOptions) => transport().sendMail(message);

  /** Sends a raw RFC 5322 message as is. */
  const sendRaw = (raw: string, envelope = { from: 'someone@example.com', to: ['support@heard.test'] }) =>
    transport().sendMail({ envelope, raw });

  const drain = () => state.h.ctx.jobs!.drain(30_000);

  const get = async (url: string, session: Session = state.agent) => {
    const response = await state.h.app.inject({ method: 'GET', url, headers: session.headers });
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  };

  const casesOf = async (email: string) =>
    (await get(`/api/v1/cases?view=all&status=any&customerEmail=${encodeURIComponent(email)}`)).items as {
      id: string;
      number: number;
      subject: string;
      status: string;
      channel: string;
      tags: string[];
      language: string;
      followUpOf: string | null;
      version: number;
    }[];

  type Listed = {
    id: string;
    text: string;
    direction: string;
    channel: string;
    author: { type: string };
    attachments: { id: string; filename: string; size: number; contentType: string }[];
  };
  const automatic = (m: Listed) => m.direction === 'outbound' && m.author.type === 'system';
  /** The conversation without Heard's own acknowledgements (checked on their own). */
  const messagesOf = async (caseId: string) =>
    ((await get(`/api/v1/cases/${caseId}/messages`)).items as Listed[]).filter((m) => !automatic(m));
  const acknowledgementsOf = async (caseId: string) =>
    ((await get(`/api/v1/cases/${caseId}/messages`)).items as Listed[]).filter(automatic);

  const inboundRow = async (id: string) => (await emailRepository.byId(state.h.ctx.database, id))!;

  const agentReply = async (caseId: string, body = 'Thank you, I am checking the parcel with the courier now.') => {
    const response = await state.h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/messages`,
      headers: state.agent.headers,
      payload: { body, visibility: 'public', commitment: NEXT_STEP },
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string }>().id;
  };

  /** An agent moves the case to `status` (resolved, closed…), at its current version. */
  const setStatus = async (caseId: string, status: string) => {
    const { version } = (await get(`/api/v1/cases/${caseId}`)) as { version: number };
    const response = await state.h.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${caseId}`,
      headers: state.agent.headers,
      payload: { version, status },
    });
    assert.equal(response.statusCode, 200, response.body);
  };

  return {
    state,
    send,
    sendRaw,
    drain,
    get,
    casesOf,
    messagesOf,
    acknowledgementsOf,
    inboundRow,
    agentReply,
    setStatus,
  };
}
