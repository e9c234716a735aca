import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messageStrategy } from './cases.search.ts';

describe('messageStrategy', () => {
  const tuning = { matchLimit: 200, sampleWindow: 10_000, maxWalk: 100_000 };
  const total = 3_000_000;

  it('keeps the first look when it found enough matches (a common word)', () => {
    assert.deepEqual(messageStrategy(200, total, tuning), { kind: 'sample' });
  });

  it('turns to the index for a rare word, or when the first look saw every message', () => {
    assert.deepEqual(messageStrategy(0, total, tuning), { kind: 'index' });
    assert.deepEqual(messageStrategy(3, total, tuning), { kind: 'index' });
    assert.deepEqual(messageStrategy(50, 9_000, tuning), { kind: 'index' });
  });

  it('walks twice as far as the measured frequency needs, when walking costs less than the index', () => {
    // 53 in 10,000: ~38,000 messages hold 200 matches; the index would fetch ~16,000 random pages.
    assert.deepEqual(messageStrategy(53, total, tuning), { kind: 'walk', window: 75_472 });
    // The same frequency on a smaller desk: the index fetches fewer matches than the walk would check.
    assert.deepEqual(messageStrategy(53, 500_000, tuning), { kind: 'index' });
  });

  it('never walks further than the limit', () => {
    assert.deepEqual(messageStrategy(25, 100_000_000, tuning), { kind: 'walk', window: 100_000 });
  });
});
