// The relay goes away while the desk keeps working: replies, hand-over notices to customers
// and notifications to agents are produced while its port is closed, then while it answers
// 421. When it accepts mail again every one of them arrives exactly once (counted by
// Message-ID at the relay) and every customer message ends `sent`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness, NEXT_STEP, newCasePayload, type Session } from '../helpers/http.ts';
import { SmtpSink } from '../helpers/smtp-sink.ts';

const CASES = 6;

describe('relay down', () => {
  let h: Harness;
  let sink: SmtpSink;
  let agent: Session;

  before(async () => {
    sink = await SmtpSink.start();
    await sink.stop();
    h = await createHarness({ mailUrl: sink.url, mailRetry: { limit: 20, delaySeconds: 1 } });
    agent = await h.signIn('agent');
  });
  after(async () => {
    await h.close();
    await sink.stop();
  });

  const sql = async (text: string, values: unknown[] = []) => (await h.ctx.database.executeSql(text, values)).rows;

  async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('delivers every reply, notice and notification exactly once when the relay is back', async () => {
    const caseIds: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const created = await h.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: agent.headers,
        payload: newCasePayload({ subject: `Order ${i} is late` }),
      });
      const caseId = created.json<{ id: string }>().id;
      caseIds.push(caseId);
      const replied = await h.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${caseId}/messages`,
        headers: agent.headers,
        payload: { body: `Your order ${i} leaves the warehouse today.`, visibility: 'public', commitment: NEXT_STEP },
      });
      assert.equal(replied.statusCode, 201, replied.body);
      // A customer notice (case.reply) and an agent notification (email.send) for each.
      const colleague = await h.user('agent');
      const handed = await h.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${caseId}/handover`,
        headers: agent.headers,
        payload: { toUserId: colleague.id, note: 'Please follow the parcel.' },
      });
      assert.equal(handed.statusCode, 200, handed.body);
    }
    const customerMessages = async () =>
      sql(
        `SELECT id, delivery_state, delivery_error FROM messages
         WHERE case_id = ANY($1::uuid[]) AND direction = 'outbound' AND visibility = 'public'`,
        [caseIds],
      );

    // Port closed: every attempt is refused, each message waits queued with the reason.
    await until('every customer email failed once on the closed port', async () =>
      (await customerMessages()).every((row) => row.delivery_state === 'queued' && row.delivery_error),
    );
    assert.equal((await customerMessages()).length, CASES * 2);
    await until(
      'every notification failed once',
      async () =>
        (await sql(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'email.send' AND retry_count > 0`))[0]!.n ===
        CASES,
    );
    assert.equal(sink.received.length, 0);

    // Back, but answering 421 to every connection for a while.
    sink.behaviour = 'busy';
    await sink.listen();
    await until('the relay refused a round of retries', async () => sink.busyRefusals >= CASES);
    assert.equal(sink.received.length, 0);

    sink.behaviour = 'accept';
    await h.ctx.jobs!.drain(90_000);

    const messages = await customerMessages();
    const notifications = await sql(
      `SELECT id FROM notifications WHERE case_id = ANY($1::uuid[]) AND kind = 'handed-over'`,
      [caseIds],
    );
    assert.equal(notifications.length, CASES);
    const expected = [
      ...messages.map((row) => `<message-${row.id}@localhost>`),
      ...notifications.map((row) => `<notification-${row.id}@localhost>`),
    ].sort();
    const delivered = sink.received.map((mail) => mail.parsed.messageId).sort();
    assert.deepEqual(delivered, expected, 'each email exactly once, nothing else');
    for (const row of messages) {
      assert.equal(row.delivery_state, 'sent');
      assert.equal(row.delivery_error, null, 'the last retry note is cleared once sent');
    }
  });
});
