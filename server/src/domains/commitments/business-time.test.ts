import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addBusinessDays,
  addBusinessMinutes,
  type BusinessCalendar,
  BusinessCalendarError,
  businessMinutesBetween,
  DEFAULT_CALENDAR,
  isOpen,
  nextOpenInstant,
  type OpeningInterval,
  openIntervals,
  validateCalendar,
  type Weekday,
} from './business-time.ts';

// Hand-computed examples. Instants are written in UTC with the local time beside them.

const at = (iso: string): Date => new Date(iso);
const iso = (date: Date): string => date.toISOString();

function buildCalendar(
  timeZone: string,
  days: readonly Weekday[],
  intervals: readonly OpeningInterval[],
  holidays: readonly string[] = [],
): BusinessCalendar {
  const weekly: Partial<Record<Weekday, readonly OpeningInterval[]>> = {};
  for (const day of days) weekly[day] = intervals;
  const result = validateCalendar({ timeZone, weekly, holidays });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.calendar;
}

const WORKDAYS: Weekday[] = [1, 2, 3, 4, 5];
const EVERY_DAY: Weekday[] = [0, 1, 2, 3, 4, 5, 6];
const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];
const ROUND_THE_CLOCK = [{ start: '00:00', end: '24:00' }];

describe('business time in Europe/Warsaw across DST changes (2026-03-29, 2026-10-25)', () => {
  const warsaw = buildCalendar('Europe/Warsaw', WORKDAYS, NINE_TO_FIVE);
  const warsawDaily = buildCalendar('Europe/Warsaw', EVERY_DAY, NINE_TO_FIVE);

  it('keeps 09:00–17:00 on the office clock on both sides of spring-forward', () => {
    // Friday 27 March is CET (UTC+1), Monday 30 March is CEST (UTC+2).
    assert.equal(iso(nextOpenInstant(warsaw, at('2026-03-27T06:00:00Z'))), '2026-03-27T08:00:00.000Z');
    assert.equal(iso(nextOpenInstant(warsaw, at('2026-03-28T12:00:00Z'))), '2026-03-30T07:00:00.000Z');
    // Friday 16:00 CET + 120 min: 60 on Friday, 60 from Monday 09:00 CEST → 10:00 CEST.
    assert.equal(iso(addBusinessMinutes(warsaw, at('2026-03-27T15:00:00Z'), 120)), '2026-03-30T08:00:00.000Z');
    assert.equal(businessMinutesBetween(warsaw, at('2026-03-27T15:00:00Z'), at('2026-03-30T08:00:00Z')), 120);
  });

  it('opens on the spring-forward Sunday at 09:00 CEST and on the fall-back Sunday at 09:00 CET', () => {
    // Saturday 09:00 CET = 08:00Z; Sunday 29 March 09:00 CEST = 07:00Z.
    assert.equal(iso(nextOpenInstant(warsawDaily, at('2026-03-28T00:00:00Z'))), '2026-03-28T08:00:00.000Z');
    assert.equal(iso(nextOpenInstant(warsawDaily, at('2026-03-28T17:00:00Z'))), '2026-03-29T07:00:00.000Z');
    // Saturday 24 October 09:00 CEST = 07:00Z; Sunday 25 October 09:00 CET = 08:00Z.
    assert.equal(iso(nextOpenInstant(warsawDaily, at('2026-10-24T00:00:00Z'))), '2026-10-24T07:00:00.000Z');
    assert.equal(iso(nextOpenInstant(warsawDaily, at('2026-10-24T16:00:00Z'))), '2026-10-25T08:00:00.000Z');
    assert.equal(isOpen(warsawDaily, at('2026-10-25T07:30:00Z')), false); // 08:30 CET
    assert.equal(isOpen(warsawDaily, at('2026-10-25T15:59:00Z')), true); // 16:59 CET
    assert.equal(isOpen(warsawDaily, at('2026-10-25T16:00:00Z')), false); // 17:00 CET
  });

  it('counts the real length of a day that is 23 or 25 hours long', () => {
    const always = buildCalendar('Europe/Warsaw', EVERY_DAY, ROUND_THE_CLOCK);
    // Sunday 29 March local midnight to midnight: 23 hours.
    assert.equal(businessMinutesBetween(always, at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z')), 23 * 60);
    // Sunday 25 October: 25 hours.
    assert.equal(businessMinutesBetween(always, at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z')), 25 * 60);
  });

  it('treats opening hours that cross the change as real elapsed time', () => {
    const night = buildCalendar('Europe/Warsaw', [0], [{ start: '01:00', end: '04:00' }]);
    // 01:00 CET (00:00Z) to 04:00 CEST (02:00Z): two real hours.
    assert.deepEqual(
      openIntervals(night, at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z')).map(({ from, to }) => [
        iso(from),
        iso(to),
      ]),
      [['2026-03-29T00:00:00.000Z', '2026-03-29T02:00:00.000Z']],
    );
    // 01:00 CEST (23:00Z) to 04:00 CET (03:00Z): four real hours.
    assert.equal(businessMinutesBetween(night, at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z')), 240);
  });

  it('starts an interval that begins in the skipped hour at the change, and drops one wholly inside it', () => {
    const lateStart = buildCalendar('Europe/Warsaw', [0], [{ start: '02:30', end: '04:00' }]);
    assert.equal(iso(nextOpenInstant(lateStart, at('2026-03-28T12:00:00Z'))), '2026-03-29T01:00:00.000Z');
    assert.equal(businessMinutesBetween(lateStart, at('2026-03-29T00:00:00Z'), at('2026-03-30T00:00:00Z')), 60);
    const skipped = buildCalendar('Europe/Warsaw', [0], [{ start: '02:00', end: '03:00' }]);
    assert.equal(businessMinutesBetween(skipped, at('2026-03-29T00:00:00Z'), at('2026-03-30T00:00:00Z')), 0);
    // The next Sunday has the hour again: 02:00 CEST = 00:00Z on 5 April.
    assert.equal(iso(nextOpenInstant(skipped, at('2026-03-28T12:00:00Z'))), '2026-04-05T00:00:00.000Z');
  });

  it('closes an interval that ends in the repeated hour the first time the clock shows its end', () => {
    const early = buildCalendar('Europe/Warsaw', [0], [{ start: '01:00', end: '02:30' }]);
    // 01:00 CEST (23:00Z) to the first 02:30, still CEST (00:30Z).
    assert.equal(businessMinutesBetween(early, at('2026-10-24T12:00:00Z'), at('2026-10-26T00:00:00Z')), 90);
    assert.equal(isOpen(early, at('2026-10-25T01:15:00Z')), false); // 02:15 CET, the second time round
  });
});

describe('business time in other zones', () => {
  it('follows America/New_York through 2026-03-08 and 2026-11-01', () => {
    const newYork = buildCalendar('America/New_York', WORKDAYS, NINE_TO_FIVE);
    // Friday 6 March 16:00 EST (21:00Z) + 120 → Monday 9 March 10:00 EDT (14:00Z).
    assert.equal(iso(addBusinessMinutes(newYork, at('2026-03-06T21:00:00Z'), 120)), '2026-03-09T14:00:00.000Z');
    // Friday 30 October 16:00 EDT (20:00Z) + 120 → Monday 2 November 10:00 EST (15:00Z).
    assert.equal(iso(addBusinessMinutes(newYork, at('2026-10-30T20:00:00Z'), 120)), '2026-11-02T15:00:00.000Z');
    const always = buildCalendar('America/New_York', EVERY_DAY, ROUND_THE_CLOCK);
    // Sunday 8 March is 23 hours long, Sunday 1 November 25.
    assert.equal(businessMinutesBetween(always, at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z')), 23 * 60);
    assert.equal(businessMinutesBetween(always, at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z')), 25 * 60);
  });

  it('keeps Europe/Moscow at UTC+3 all year', () => {
    const moscow = buildCalendar('Europe/Moscow', WORKDAYS, NINE_TO_FIVE);
    assert.equal(iso(nextOpenInstant(moscow, at('2026-03-30T00:00:00Z'))), '2026-03-30T06:00:00.000Z');
    assert.equal(iso(nextOpenInstant(moscow, at('2026-10-26T00:00:00Z'))), '2026-10-26T06:00:00.000Z');
    assert.equal(iso(addBusinessMinutes(moscow, at('2026-10-23T13:00:00Z'), 120)), '2026-10-26T07:00:00.000Z');
  });

  it('moves Europe/Bucharest from EET to EEST on 2026-03-29', () => {
    const bucharest = buildCalendar('Europe/Bucharest', EVERY_DAY, NINE_TO_FIVE);
    assert.equal(iso(nextOpenInstant(bucharest, at('2026-03-28T00:00:00Z'))), '2026-03-28T07:00:00.000Z');
    assert.equal(iso(nextOpenInstant(bucharest, at('2026-03-28T15:00:00Z'))), '2026-03-29T06:00:00.000Z');
  });
});

describe('split shifts, holidays and weekends', () => {
  const split = buildCalendar('UTC', WORKDAYS, [
    { start: '09:00', end: '13:00' },
    { start: '14:00', end: '18:00' },
  ]);

  it('skips the lunch break in split shifts', () => {
    // Monday 1 June 2026, 12:30 + 60: 30 before lunch, 30 after → 14:30.
    assert.equal(iso(addBusinessMinutes(split, at('2026-06-01T12:30:00Z'), 60)), '2026-06-01T14:30:00.000Z');
    assert.equal(isOpen(split, at('2026-06-01T13:30:00Z')), false);
    assert.equal(iso(nextOpenInstant(split, at('2026-06-01T13:30:00Z'))), '2026-06-01T14:00:00.000Z');
    assert.equal(businessMinutesBetween(split, at('2026-06-01T08:00:00Z'), at('2026-06-01T20:00:00Z')), 480);
    // Ending exactly at the start of lunch returns 13:00, not 14:00.
    assert.equal(iso(addBusinessMinutes(split, at('2026-06-01T12:00:00Z'), 60)), '2026-06-01T13:00:00.000Z');
  });

  it('closes holidays by the local date', () => {
    // 1 May 2026 is a Friday; Thursday 16:00 CEST + 120 → Monday 4 May 10:00 CEST.
    const warsaw = buildCalendar('Europe/Warsaw', WORKDAYS, NINE_TO_FIVE, ['2026-05-01']);
    assert.equal(iso(addBusinessMinutes(warsaw, at('2026-04-30T14:00:00Z'), 120)), '2026-05-04T08:00:00.000Z');
    // Round the clock in New York with 3 July closed: the local date decides, not the UTC one.
    const newYork = buildCalendar('America/New_York', EVERY_DAY, ROUND_THE_CLOCK, ['2026-07-03']);
    assert.equal(isOpen(newYork, at('2026-07-03T03:59:00Z')), true); // 2 July 23:59 EDT
    assert.equal(isOpen(newYork, at('2026-07-03T04:00:00Z')), false); // 3 July 00:00 EDT
    assert.equal(isOpen(newYork, at('2026-07-04T03:59:00Z')), false); // 3 July 23:59 EDT
    assert.equal(isOpen(newYork, at('2026-07-04T04:00:00Z')), true); // 4 July 00:00 EDT
  });

  it('carries Friday evening over to Monday morning', () => {
    // DEFAULT_CALENDAR: UTC, Monday to Friday 09:00–17:00.
    assert.equal(iso(addBusinessMinutes(DEFAULT_CALENDAR, at('2026-06-05T18:00:00Z'), 30)), '2026-06-08T09:30:00.000Z');
    assert.equal(iso(addBusinessMinutes(DEFAULT_CALENDAR, at('2026-06-05T18:00:00Z'), 0)), '2026-06-08T09:00:00.000Z');
    assert.equal(businessMinutesBetween(DEFAULT_CALENDAR, at('2026-06-05T16:00:00Z'), at('2026-06-08T10:00:00Z')), 120);
    // An open instant stays where it is for 0 minutes; the end of the day is already closed.
    assert.equal(iso(addBusinessMinutes(DEFAULT_CALENDAR, at('2026-06-05T10:00:00Z'), 0)), '2026-06-05T10:00:00.000Z');
    assert.equal(iso(addBusinessMinutes(DEFAULT_CALENDAR, at('2026-06-05T16:00:00Z'), 60)), '2026-06-05T17:00:00.000Z');
  });
});

describe('pauses (waiting on the customer)', () => {
  const fridayAfternoon = at('2026-06-05T15:00:00Z');
  const overWeekend = { from: at('2026-06-05T16:00:00Z'), to: at('2026-06-08T10:00:00Z') };

  it('stops the clock only where a pause overlaps open time', () => {
    const mondayNoon = at('2026-06-08T12:00:00Z');
    assert.equal(businessMinutesBetween(DEFAULT_CALENDAR, fridayAfternoon, mondayNoon), 300);
    // Open time paused: Friday 16–17 and Monday 09–10; the weekend was closed anyway.
    assert.equal(businessMinutesBetween(DEFAULT_CALENDAR, fridayAfternoon, mondayNoon, [overWeekend]), 180);
    // 60 on Friday, then the clock restarts on Monday at 10:00 → 11:00.
    assert.equal(
      iso(addBusinessMinutes(DEFAULT_CALENDAR, fridayAfternoon, 120, [overWeekend])),
      '2026-06-08T11:00:00.000Z',
    );
  });

  it('ignores a pause wholly in closed time and counts overlapping pauses once', () => {
    const weekend = { from: at('2026-06-06T00:00:00Z'), to: at('2026-06-08T00:00:00Z') };
    assert.equal(
      iso(addBusinessMinutes(DEFAULT_CALENDAR, fridayAfternoon, 180, [weekend])),
      '2026-06-08T10:00:00.000Z',
    );
    const overlapping = [
      { from: at('2026-06-08T09:30:00Z'), to: at('2026-06-08T11:00:00Z') },
      { from: at('2026-06-08T09:00:00Z'), to: at('2026-06-08T10:00:00Z') },
    ];
    assert.equal(
      businessMinutesBetween(DEFAULT_CALENDAR, at('2026-06-08T08:00:00Z'), at('2026-06-08T12:00:00Z'), overlapping),
      60,
    );
  });

  it('starts from the end of a pause that covers the start', () => {
    const pause = { from: at('2026-06-08T08:00:00Z'), to: at('2026-06-08T09:45:00Z') };
    assert.equal(
      iso(addBusinessMinutes(DEFAULT_CALENDAR, at('2026-06-08T08:30:00Z'), 0, [pause])),
      '2026-06-08T09:45:00.000Z',
    );
    // A pause lasting ten years is jumped over, not walked through.
    const long = { from: at('2026-06-08T00:00:00Z'), to: at('2036-06-09T12:00:00Z') };
    assert.equal(
      iso(addBusinessMinutes(DEFAULT_CALENDAR, at('2026-06-08T08:30:00Z'), 30, [long])),
      '2036-06-09T12:30:00.000Z',
    );
  });
});

describe('business days', () => {
  it('counts whole business days after the day of `from`', () => {
    const thursdayClose = '2026-06-04T17:00:00.000Z';
    assert.equal(iso(addBusinessDays(DEFAULT_CALENDAR, at('2026-06-01T10:00:00Z'), 3)), thursdayClose); // Monday 10:00
    assert.equal(iso(addBusinessDays(DEFAULT_CALENDAR, at('2026-06-01T20:00:00Z'), 3)), thursdayClose); // Monday 20:00
    assert.equal(iso(addBusinessDays(DEFAULT_CALENDAR, at('2026-06-06T10:00:00Z'), 3)), '2026-06-10T17:00:00.000Z');
  });

  it('reads 0 days as the end of today, or of the next business day once today is over', () => {
    assert.equal(iso(addBusinessDays(DEFAULT_CALENDAR, at('2026-06-01T10:00:00Z'), 0)), '2026-06-01T17:00:00.000Z');
    assert.equal(iso(addBusinessDays(DEFAULT_CALENDAR, at('2026-06-01T17:00:00Z'), 0)), '2026-06-02T17:00:00.000Z');
    assert.equal(iso(addBusinessDays(DEFAULT_CALENDAR, at('2026-06-06T10:00:00Z'), 0)), '2026-06-08T17:00:00.000Z');
  });

  it('skips holidays, closes at the last shift and keeps local closing time across DST', () => {
    const warsaw = buildCalendar('Europe/Warsaw', WORKDAYS, NINE_TO_FIVE, ['2026-05-01']);
    assert.equal(iso(addBusinessDays(warsaw, at('2026-04-30T08:00:00Z'), 1)), '2026-05-04T15:00:00.000Z');
    // Friday 27 March (CET) + 1 → Monday 30 March 17:00 CEST.
    assert.equal(iso(addBusinessDays(warsaw, at('2026-03-27T08:00:00Z'), 1)), '2026-03-30T15:00:00.000Z');
    const split = buildCalendar('UTC', WORKDAYS, [
      { start: '09:00', end: '13:00' },
      { start: '14:00', end: '18:00' },
    ]);
    assert.equal(iso(addBusinessDays(split, at('2026-06-01T10:00:00Z'), 1)), '2026-06-02T18:00:00.000Z');
  });
});

describe('limits and errors', () => {
  it('adds 10,000 minutes by walking intervals, not minutes', () => {
    const warsaw = buildCalendar('Europe/Warsaw', WORKDAYS, NINE_TO_FIVE);
    const started = performance.now();
    const due = addBusinessMinutes(warsaw, at('2026-01-05T08:00:00Z'), 10_000);
    // 10,000 = 20 days of 480 + 400: Monday 5 January + 4 weeks → Monday 2 February 15:40 CET.
    assert.equal(iso(due), '2026-02-02T14:40:00.000Z');
    assert.equal(businessMinutesBetween(warsaw, at('2026-01-05T08:00:00Z'), due), 10_000);
    assert.ok(performance.now() - started < 200);
  });

  it('throws a clear error for a calendar that is never open', () => {
    const closed = buildCalendar('UTC', [], []);
    assert.throws(
      () => addBusinessMinutes(closed, at('2026-01-01T00:00:00Z'), 10),
      (error: unknown) => error instanceof BusinessCalendarError && error.code === 'no-open-time',
    );
    assert.equal(businessMinutesBetween(closed, at('2026-01-01T00:00:00Z'), at('2030-01-01T00:00:00Z')), 0);
    assert.equal(isOpen(closed, at('2026-01-01T00:00:00Z')), false);
  });

  it('gives up after three years of holidays', () => {
    const mondays: string[] = [];
    for (let day = Date.UTC(2026, 0, 5); day < Date.UTC(2030, 0, 1); day += 7 * 86_400_000) {
      mondays.push(new Date(day).toISOString().slice(0, 10));
    }
    const everyMondayOff = buildCalendar('UTC', [1], NINE_TO_FIVE, mondays);
    assert.throws(() => nextOpenInstant(everyMondayOff, at('2026-01-01T00:00:00Z')), /no open time within 1098 days/);
    assert.throws(() => addBusinessDays(everyMondayOff, at('2026-01-01T00:00:00Z'), 1), BusinessCalendarError);
    // Once the holidays run out it is open again.
    assert.equal(iso(nextOpenInstant(everyMondayOff, at('2029-06-01T00:00:00Z'))), '2030-01-07T09:00:00.000Z');
  });

  it('refuses bad arguments', () => {
    assert.throws(() => addBusinessMinutes(DEFAULT_CALENDAR, at('2026-01-01T00:00:00Z'), -1), RangeError);
    assert.throws(() => addBusinessMinutes(DEFAULT_CALENDAR, at('2026-01-01T00:00:00Z'), Number.NaN), RangeError);
    assert.throws(() => isOpen(DEFAULT_CALENDAR, new Date(Number.NaN)), RangeError);
    assert.throws(() => addBusinessDays(DEFAULT_CALENDAR, at('2026-01-01T00:00:00Z'), 1.5), RangeError);
    assert.equal(businessMinutesBetween(DEFAULT_CALENDAR, at('2026-06-02T10:00:00Z'), at('2026-06-01T10:00:00Z')), 0);
    const unchecked = { ...DEFAULT_CALENDAR, timeZone: 'Nowhere/Special' };
    assert.throws(
      () => isOpen(unchecked, at('2026-01-01T00:00:00Z')),
      (error: unknown) => error instanceof BusinessCalendarError && error.code === 'invalid-calendar',
    );
  });

  it('counts fractional minutes when instants are not on whole minutes', () => {
    assert.equal(businessMinutesBetween(DEFAULT_CALENDAR, at('2026-06-01T08:59:00Z'), at('2026-06-01T09:00:30Z')), 0.5);
  });
});
