// Concurrent case creates share one statement (group commit). Each case must still come out
// whole — its own message, commitment and event — and a record that breaks the shared
// statement must fail alone.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createCases } from '../../src/domains/cases/cases.insert.ts';
import type { NewCaseRecord } from '../../src/domains/cases/cases.repository.ts';
import { createCaseRecord } from '../../src/domains/cases/cases.service.ts';
import { firstReplyCommitment } from '../../src/domains/commitments/first-reply.ts';
import type { Database } from '../../src/platform/db.ts';
import { createHarness, type Harness } from '../helpers/http.ts';

const record = (n: number, overrides: Partial<NewCaseRecord> = {}): NewCaseRecord => ({
  customer: { email: `batch-${n % 3}@example.com`, name: n % 2 ? `Customer ${n}` : null, locale: null, phone: null },
  subject: `Order NW-${n} is late`,
  priority: 'normal',
  category: 'delivery',
  channel: 'api',
  tags: n % 2 ? ['late', `tag-${n}`] : [],
  messageLanguage: 'en',
  searchConfig: 'english',
  searchText: `Parcel ${n} has not arrived`,
  body: `Parcel ${n} has not arrived`,
  ownerId: null,
  teamId: null,
  actor: { type: 'token', userId: null, name: 'integration' },
  authorUserId: null,
  firstCommitment: firstReplyCommitment(),
  ...overrides,
});

describe('case creation shared by concurrent requests', () => {
  let h: Harness;
  let statements = 0;
  let counted: Database;

  before(async () => {
    h = await createHarness();
    const { database } = h.ctx;
    // The same database, counting the statements that create cases.
    counted = {
      ...database,
      executeSql: (text, values, prepare) => {
        if (text.includes('INSERT INTO cases')) statements++;
        return database.executeSql(text, values, prepare);
      },
    };
  });
  after(() => h.close());

  it('creates concurrent cases in one statement, each with its own message, commitment and event', async () => {
    statements = 0;
    const records = Array.from({ length: 12 }, (_, n) => record(n, { teamId: h.defaultTeamId }));
    const rows = await Promise.all(records.map((one) => createCaseRecord(counted, one)));
    assert.equal(statements, 1);
    assert.equal(new Set(rows.map((row) => row.number)).size, 12);
    // Results come back to their own callers.
    assert.deepEqual(
      rows.map((row) => row.subject),
      records.map((one) => one.subject),
    );
    assert.deepEqual(
      rows.map((row) => row.tags),
      records.map((one) => one.tags),
    );
    // Three customers, each created once and named by the first case that gave a name.
    const customers = new Map(rows.map((row) => [row.customer_email, row.customer_id]));
    assert.equal(customers.size, 3);
    for (const row of rows) assert.equal(row.customer_id, customers.get(row.customer_email));
    assert.equal(rows.find((row) => row.customer_email === 'batch-0@example.com')?.customer_name, 'Customer 3');
    const { rows: parts } = await h.ctx.database.executeSql(
      `SELECT c.id,
         (SELECT count(*) FROM messages m WHERE m.case_id = c.id AND m.body_text LIKE 'Parcel %')::int AS messages,
         (SELECT count(*) FROM commitments k WHERE k.case_id = c.id AND k.state = 'current')::int AS commitments,
         (SELECT count(*) FROM events e JOIN messages m ON m.id = (e.data->>'messageId')::uuid AND m.case_id = c.id
          WHERE e.case_id = c.id AND e.type = 'case.created')::int AS events
       FROM cases c WHERE c.id = ANY($1::uuid[])`,
      [rows.map((row) => row.id)],
    );
    assert.equal(parts.length, 12);
    for (const part of parts) assert.deepEqual([part.messages, part.commitments, part.events], [1, 1, 1]);
  });

  it('fails only the record that breaks a shared statement', async () => {
    statements = 0;
    const records = Array.from({ length: 6 }, (_, n) => record(100 + n, { teamId: h.defaultTeamId }));
    // A team that does not exist breaks the foreign key, and with it the shared statement.
    records[2] = record(102, { teamId: randomUUID() });
    const outcomes = await Promise.allSettled(records.map((one) => createCaseRecord(counted, one)));
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled'],
    );
    // The shared attempt, then each record alone.
    assert.equal(statements, 1 + 6);
    const { rows } = await h.ctx.database.executeSql(`SELECT count(*)::int AS n FROM cases WHERE subject = $1`, [
      'Order NW-102 is late',
    ]);
    assert.equal(rows[0]!.n, 0);
  });

  it('does not make a known customer wait for another open transaction with a case of theirs', {
    skip: process.env.TEST_DATABASE_URL ? false : 'one connection on PGlite: nothing runs concurrently',
  }, async () => {
    const customer = { email: 'busy@example.com', name: 'Busy Customer', locale: 'en', phone: '+48 600 000 000' };
    await createCaseRecord(h.ctx.database, record(200, { customer, teamId: h.defaultTeamId }));
    let release!: () => void;
    let opened!: () => void;
    const open = new Promise<void>((resolve) => {
      opened = resolve;
    });
    // Another command (an email being ingested) has created a case of theirs and not committed yet.
    const holding = h.ctx.database.transaction(async (tx) => {
      await createCases(tx, [record(201, { customer, teamId: h.defaultTeamId })]);
      opened();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    await open;
    try {
      // Waiting on that transaction would end in lock_timeout (55P03) instead of a case.
      const [row] = await h.ctx.database.transaction(async (tx) => {
        await tx.executeSql("SET LOCAL lock_timeout = '5s'", []);
        return createCases(tx, [record(202, { customer, teamId: h.defaultTeamId })]);
      });
      assert.equal(row!.customer_email, customer.email);
      assert.equal(row!.customer_name, customer.name);
    } finally {
      release();
      await holding;
    }
  });
});
