// Message search finds the newest matches whichever way it takes: the first look at the
// newest messages (a common word), a longer walk (a word of middle frequency, with the index
// taking over when the walk comes back short) or the full-text index (a rare word). Small
// tunings make each way happen on a small desk; the answer must always be the cases of the
// newest matching messages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type MessageSearchTuning, messageStrategy, searchCaseIds } from '../../src/domains/cases/cases.search.ts';
import { createCaseRecord } from '../../src/domains/cases/cases.service.ts';
import { firstReplyCommitment } from '../../src/domains/commitments/first-reply.ts';
import { openTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

const CASES = 40;
/** Message i (0 is the newest) holds these words. */
const words = (i: number) =>
  ['zephyr', i % 5 === 0 ? 'quokka' : '', i === 25 || i === 33 ? 'narwhal' : ''].filter(Boolean).join(' ');

describe('message search strategies', () => {
  let runtime: TestRuntime;
  /** Case id of message i. */
  const caseOf: string[] = [];
  let total = 0;

  before(async () => {
    runtime = await openTestRuntime();
    const { database } = runtime.ctx;
    for (let i = CASES - 1; i >= 0; i--) {
      const row = await createCaseRecord(database, {
        customer: { email: `search-${i}@example.com`, name: null, locale: null, phone: null },
        subject: `Question ${i}`,
        priority: 'normal',
        category: 'other',
        channel: 'api',
        tags: [],
        messageLanguage: 'en',
        searchConfig: 'english',
        searchText: `Parcel ${words(i)}`,
        body: `Parcel ${words(i)}`,
        ownerId: null,
        teamId: null,
        actor: { type: 'token', userId: null, name: 'integration' },
        authorUserId: null,
        firstCommitment: firstReplyCommitment(),
      });
      caseOf[i] = row.id;
      // Newer than anything else in the database, one minute apart.
      await database.executeSql(
        `UPDATE messages SET created_at = now() + interval '1 day' - $2 * interval '1 minute' WHERE case_id = $1`,
        [row.id, i],
      );
    }
    await database.executeSql('ANALYZE messages');
    total = Number(
      (await database.executeSql("SELECT reltuples FROM pg_class WHERE oid = 'messages'::regclass")).rows[0]!.reltuples,
    );
  });
  after(() => runtime.close());

  const search = (query: string, tuning: MessageSearchTuning) =>
    searchCaseIds(runtime.ctx.database, query, { where: [], values: [] }, 100, tuning);
  const newest = (count: number, word: string) =>
    Array.from({ length: CASES }, (_, i) => i)
      .filter((i) => words(i).includes(word))
      .slice(0, count)
      .map((i) => caseOf[i])
      .sort();

  it('keeps the first look for a common word', async () => {
    const tuning = { matchLimit: 4, sampleWindow: 10, maxWalk: 30 };
    assert.equal(messageStrategy(10, total, tuning).kind, 'sample');
    assert.deepEqual((await search('zephyr', tuning)).sort(), newest(4, 'zephyr'));
  });

  it('walks further for a word of middle frequency', async () => {
    const tuning = { matchLimit: 4, sampleWindow: 10, maxWalk: 30 };
    // Two matches in the first ten messages.
    assert.deepEqual(messageStrategy(2, total, tuning), { kind: 'walk', window: 30 });
    assert.deepEqual((await search('quokka', tuning)).sort(), newest(4, 'quokka'));
  });

  it('lets the index take over when the walk comes back short', async () => {
    const tuning = { matchLimit: 4, sampleWindow: 10, maxWalk: 12 };
    assert.deepEqual(messageStrategy(2, total, tuning), { kind: 'walk', window: 12 });
    assert.deepEqual((await search('quokka', tuning)).sort(), newest(4, 'quokka'));
  });

  it('ranks every match within a narrow scope, however many newer matches the desk has', async () => {
    // The oldest zephyr message is far behind the newest four that bound a desk-wide search.
    const oldest = caseOf[CASES - 1]!;
    const { rows } = await runtime.ctx.database.executeSql('SELECT customer_id FROM cases WHERE id = $1', [oldest]);
    const tuning = { matchLimit: 4, sampleWindow: 10, maxWalk: 30 };
    const scope = { where: ['c.customer_id = $1'], values: [rows[0]!.customer_id] };
    const search = (narrow: boolean) =>
      searchCaseIds(runtime.ctx.database, 'zephyr', { ...scope, narrow }, 100, tuning);
    assert.deepEqual(await search(false), [], 'bounded desk-wide, then filtered');
    assert.deepEqual(await search(true), [oldest]);
  });

  it('uses the index for a rare word', async () => {
    const tuning = { matchLimit: 4, sampleWindow: 10, maxWalk: 30 };
    assert.deepEqual((await search('narwhal', tuning)).sort(), newest(4, 'narwhal'));
    assert.deepEqual(await search('xylophone', tuning), []);
  });
});
