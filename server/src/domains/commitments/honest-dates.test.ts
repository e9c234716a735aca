import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { businessMinutesBetween, DEFAULT_CALENDAR } from './business-time.ts';
import {
  DEFAULT_HONEST_DATE_POLICY,
  describeBasis,
  formatBusinessDuration,
  percentileOf,
  proposeDueDate,
  workingDayMinutes,
} from './honest-dates.ts';

const DAY = 8 * 60;
// Monday 2026-06-01 10:00 UTC; DEFAULT_CALENDAR is Mon–Fri 09:00–17:00 UTC.
const monday = new Date('2026-06-01T10:00:00Z');

describe('honest dates', () => {
  it('takes the nearest-rank percentile', () => {
    assert.equal(percentileOf([5, 1, 4, 2, 3], 0.85), 5);
    assert.equal(percentileOf([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.85), 90);
    assert.equal(percentileOf([7], 0.5), 7);
    assert.throws(() => percentileOf([], 0.85), RangeError);
  });

  it('promises the 85th percentile of history plus the margin, rounded up to working days, in business time', () => {
    // 85% of 20 similar steps took at most 2 working days (960 business minutes).
    const history = [...Array(16).fill(600), 960, 1000, 2000, 3000];
    const proposal = proposeDueDate(DEFAULT_CALENDAR, monday, history);
    assert.equal(proposal.basis.kind, 'history');
    assert.equal(proposal.basis.typicalMinutes, 960);
    // 960 × 1.2 = 1152 minutes → 3 working days.
    assert.equal(proposal.basis.promisedMinutes, 3 * DAY);
    assert.equal(proposal.dueAt.toISOString(), '2026-06-04T10:00:00.000Z');
    assert.equal(
      describeBasis(proposal.basis, DEFAULT_CALENDAR, 'en'),
      '85% of similar cases were answered within 2 working days; we promise 3 working days.',
    );
    assert.equal(
      describeBasis(proposal.basis, DEFAULT_CALENDAR, 'ru'),
      '85% похожих обращений получили ответ за 2 рабочих дня; мы обещаем ответить за 3 рабочих дня.',
    );
    assert.equal(
      describeBasis(proposal.basis, DEFAULT_CALENDAR, 'pl'),
      '85% podobnych spraw otrzymało odpowiedź w ciągu 2 dni roboczych; obiecujemy odpowiedź w ciągu 3 dni roboczych.',
    );
    assert.equal(
      describeBasis(proposal.basis, DEFAULT_CALENDAR, 'ro'),
      '85% dintre cazurile similare au primit răspuns în 2 zile lucrătoare; promitem răspuns în 3 zile lucrătoare.',
    );
  });

  it('falls back to the policy default when the history is thin', () => {
    const proposal = proposeDueDate(DEFAULT_CALENDAR, monday, [30, 45, 60]);
    assert.equal(proposal.basis.kind, 'policy');
    assert.equal(proposal.basis.samples, 3);
    assert.equal(proposal.basis.promisedMinutes, DEFAULT_HONEST_DATE_POLICY.defaultMinutes);
    assert.match(describeBasis(proposal.basis, DEFAULT_CALENDAR, 'en'), /^We promise an answer within 2 working days/);
  });

  it('promises short steps in whole working hours, skipping closed time', () => {
    // Friday 16:30: 85% took 50 minutes → promise 60 business minutes → Monday 09:30.
    const friday = new Date('2026-06-05T16:30:00Z');
    const proposal = proposeDueDate(DEFAULT_CALENDAR, friday, Array(30).fill(50));
    assert.equal(proposal.basis.promisedMinutes, 60);
    assert.equal(proposal.dueAt.toISOString(), '2026-06-08T09:30:00.000Z');
    assert.equal(
      describeBasis(proposal.basis, DEFAULT_CALENDAR, 'pl'),
      '85% podobnych spraw otrzymało odpowiedź w ciągu 1 godziny roboczej; obiecujemy odpowiedź w ciągu 1 godziny roboczej.',
    );
  });

  it('names durations with the right plural forms', () => {
    const forms = (language: 'ru' | 'pl' | 'ro', counts: number[]) =>
      counts.map((count) => formatBusinessDuration(count * DAY, DAY, language));
    assert.deepEqual(forms('ru', [1, 2, 5, 21]), [
      '1 рабочий день',
      '2 рабочих дня',
      '5 рабочих дней',
      '21 рабочий день',
    ]);
    assert.deepEqual(forms('pl', [1, 2, 5, 22]), [
      '1 dnia roboczego',
      '2 dni roboczych',
      '5 dni roboczych',
      '22 dni roboczych',
    ]);
    assert.deepEqual(forms('ro', [1, 2, 20]), ['1 zi lucrătoare', '2 zile lucrătoare', '20 de zile lucrătoare']);
    assert.equal(workingDayMinutes(DEFAULT_CALENDAR), DAY);
  });

  it('never promises less than the typical duration, and the due date lies that many business minutes ahead', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 * DAY }), { minLength: 20, maxLength: 200 }),
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true }),
        (history, from) => {
          const proposal = proposeDueDate(DEFAULT_CALENDAR, from, history);
          assert.ok(proposal.basis.promisedMinutes >= (proposal.basis.typicalMinutes ?? 0));
          assert.ok(proposal.dueAt.getTime() > from.getTime());
          const ahead = businessMinutesBetween(DEFAULT_CALENDAR, from, proposal.dueAt);
          assert.ok(
            Math.abs(ahead - proposal.basis.promisedMinutes) < 1e-6,
            `${ahead} vs ${proposal.basis.promisedMinutes}`,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
