import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupCommit } from './group-commit.ts';

describe('groupCommit', () => {
  it('serves a lone caller, and callers of one event-loop turn together', async () => {
    const rounds: number[][] = [];
    const double = groupCommit(async (items: number[]) => {
      rounds.push(items);
      return items.map((item) => item * 2);
    });
    assert.equal(await double(1), 2);
    assert.deepEqual(await Promise.all([double(2), double(3), double(4)]), [4, 6, 8]);
    assert.deepEqual(rounds, [[1], [2, 3, 4]]);
  });

  it('gathers callers that arrive while a round runs into the next round, at most maxItems each', async () => {
    const rounds: string[][] = [];
    let release: () => void = () => {};
    const echo = groupCommit(
      async (items: string[]) => {
        rounds.push(items);
        if (rounds.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return items;
      },
      { maxItems: 2 },
    );
    const first = echo('a');
    await new Promise(setImmediate);
    const later = ['b', 'c', 'd'].map((item) => echo(item));
    release();
    assert.deepEqual(await Promise.all([first, ...later]), ['a', 'b', 'c', 'd']);
    assert.deepEqual(rounds, [['a'], ['b', 'c'], ['d']]);
  });

  it('rejects the callers of a failed round only', async () => {
    const check = groupCommit(async (items: number[]) => {
      if (items.includes(0)) throw new Error('zero');
      return items;
    });
    const outcomes = await Promise.allSettled([check(0), check(1)]);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      ['rejected', 'rejected'],
    );
    assert.equal(await check(5), 5);
  });
});
