import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  addBusinessDays,
  addBusinessMinutes,
  type BusinessCalendar,
  businessMinutesBetween,
  isOpen,
  nextOpenInstant,
  type OpeningInterval,
  type Pause,
  validateCalendar,
  type Weekday,
} from './business-time.ts';

// Random calendars in zones chosen for their awkward clocks, random instants mostly around
// the 2026 DST changes, random pauses. Run counts stay modest so the file takes seconds.

const ZONES = [
  'UTC',
  'Europe/Warsaw',
  'Europe/Bucharest',
  'Europe/Moscow', // no DST
  'America/New_York',
  'America/Santiago', // changes at midnight, southern hemisphere
  'America/Havana', // changes at midnight
  'Australia/Lord_Howe', // half-hour DST
  'Asia/Kathmandu', // +05:45
];
// PROPERTY_RUNS_SCALE=50 makes a deep run; the default keeps the suite to a second or two.
const SCALE = Number(process.env.PROPERTY_RUNS_SCALE ?? '1');
const runs = (count: number): number => Math.max(1, Math.round(count * SCALE));
const MINUTE = 60_000;
const DAY = 86_400_000;

const timeOfDay = (fiveMinuteSteps: number): string => {
  if (fiveMinuteSteps === 288) return '24:00';
  const minutes = fiveMinuteSteps * 5;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};

// A day's intervals: sorted distinct marks taken in pairs, so they never overlap.
const dayIntervals: fc.Arbitrary<OpeningInterval[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 288 }), { maxLength: 6 })
  .map((marks) => {
    const sorted = [...marks].sort((a, b) => a - b);
    const intervals: OpeningInterval[] = [];
    for (let index = 0; index + 1 < sorted.length; index += 2) {
      intervals.push({ start: timeOfDay(sorted[index]!), end: timeOfDay(sorted[index + 1]!) });
    }
    return intervals;
  });

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const RANGE_START = Date.UTC(2026, 0, 1);
const RANGE_END = Date.UTC(2027, 0, 1);

const calendarArbitrary: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    days: fc.array(dayIntervals, { minLength: 7, maxLength: 7 }),
    holidays: fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 40 }),
  })
  .filter(({ days }) => days.some((intervals) => intervals.length > 0))
  .map(({ timeZone, days, holidays }) => {
    const weekly = Object.fromEntries(days.map((intervals, day) => [day, intervals])) as Record<
      Weekday,
      OpeningInterval[]
    >;
    const result = validateCalendar({
      timeZone,
      weekly,
      holidays: holidays.map((offset) => isoDay(RANGE_START - 10 * DAY + offset * DAY)),
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.calendar;
  });

// Most instants fall within the months of the 2026 clock changes (north and south).
const instantArbitrary: fc.Arbitrary<Date> = fc
  .oneof(
    fc.integer({ min: Date.UTC(2026, 2, 1), max: Date.UTC(2026, 3, 15) }),
    fc.integer({ min: Date.UTC(2026, 8, 1), max: Date.UTC(2026, 10, 15) }),
    fc.integer({ min: RANGE_START, max: RANGE_END }),
  )
  .chain((ms) => fc.constantFrom(ms, ms - (ms % MINUTE)))
  .map((ms) => new Date(ms));

const pausesNear = (from: Date): fc.Arbitrary<Pause[]> =>
  fc.array(
    fc
      .record({ start: fc.integer({ min: -DAY, max: 20 * DAY }), length: fc.integer({ min: 0, max: 4 * DAY }) })
      .map(({ start, length }) => ({
        from: new Date(from.getTime() + start),
        to: new Date(from.getTime() + start + length),
      })),
    { maxLength: 4 },
  );

const scenario = fc
  .record({ calendar: calendarArbitrary, from: instantArbitrary, minutes: fc.integer({ min: 0, max: 3000 }) })
  .chain((base) =>
    fc
      .record({ pauses: fc.oneof(fc.constant<Pause[]>([]), pausesNear(base.from)) })
      .map((extra) => ({ ...base, ...extra })),
  );

const isPaused = (pauses: readonly Pause[], ms: number): boolean =>
  pauses.some((pause) => pause.from.getTime() <= ms && ms < pause.to.getTime());

describe('business time properties', () => {
  it('counts back exactly the minutes it added', () => {
    fc.assert(
      fc.property(scenario, ({ calendar, from, minutes, pauses }) => {
        const due = addBusinessMinutes(calendar, from, minutes, pauses);
        assert.equal(businessMinutesBetween(calendar, from, due, pauses), minutes);
      }),
      { numRuns: runs(150) },
    );
  });

  it('lands on the earliest such instant: open and unpaused just before it', () => {
    fc.assert(
      fc.property(scenario, ({ calendar, from, minutes, pauses }) => {
        const due = addBusinessMinutes(calendar, from, minutes, pauses);
        assert.ok(due >= from);
        if (minutes === 0) {
          assert.ok(isOpen(calendar, due) && !isPaused(pauses, due.getTime()));
          assert.equal(businessMinutesBetween(calendar, from, due, pauses), 0);
        } else {
          // Open or the exact end of an open interval; one millisecond less would be too early.
          const justBefore = new Date(due.getTime() - 1);
          assert.ok(isOpen(calendar, justBefore) && !isPaused(pauses, justBefore.getTime()));
          assert.ok(businessMinutesBetween(calendar, from, justBefore, pauses) < minutes);
        }
      }),
      { numRuns: runs(150) },
    );
  });

  it('is monotonic in the minutes added', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 600 }), ({ calendar, from, minutes, pauses }, more) => {
        const sooner = addBusinessMinutes(calendar, from, minutes, pauses);
        const later = addBusinessMinutes(calendar, from, minutes + more, pauses);
        assert.ok(sooner <= later);
      }),
      { numRuns: runs(100) },
    );
  });

  it('adds in steps as it adds at once (for a positive second step)', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 600 }), ({ calendar, from, minutes, pauses }, more) => {
        const inSteps = addBusinessMinutes(calendar, addBusinessMinutes(calendar, from, minutes, pauses), more, pauses);
        assert.equal(inSteps.toISOString(), addBusinessMinutes(calendar, from, minutes + more, pauses).toISOString());
      }),
      { numRuns: runs(100) },
    );
  });

  it('never counts more than the wall-clock time, and splits additively', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.integer({ min: 0, max: 10 * DAY }),
        fc.integer({ min: 0, max: 10 * DAY }),
        ({ calendar, from, pauses }, first, second) => {
          const middle = new Date(from.getTime() + first);
          const to = new Date(middle.getTime() + second);
          const whole = businessMinutesBetween(calendar, from, to, pauses);
          assert.ok(whole >= 0 && whole <= (to.getTime() - from.getTime()) / MINUTE);
          const parts =
            businessMinutesBetween(calendar, from, middle, pauses) +
            businessMinutesBetween(calendar, middle, to, pauses);
          assert.ok(Math.abs(whole - parts) < 1e-9);
          assert.equal(businessMinutesBetween(calendar, to, from, pauses), 0);
        },
      ),
      { numRuns: runs(100) },
    );
  });

  it('agrees with isOpen sampled minute by minute', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 2 * 24 * 60 }), ({ calendar, from, pauses }, span) => {
        const start = from.getTime() - (from.getTime() % MINUTE);
        let openMinutes = 0;
        for (let minute = 0; minute < span; minute++) {
          const ms = start + minute * MINUTE;
          if (isOpen(calendar, new Date(ms)) && !isPaused(pauses, ms)) openMinutes++;
        }
        // Opening hours, zone offsets and pauses here are all on whole minutes.
        const minutePauses = pauses.map((pause) => ({
          from: new Date(Math.ceil(pause.from.getTime() / MINUTE) * MINUTE),
          to: new Date(Math.ceil(pause.to.getTime() / MINUTE) * MINUTE),
        }));
        const between = businessMinutesBetween(
          calendar,
          new Date(start),
          new Date(start + span * MINUTE),
          minutePauses,
        );
        assert.equal(between, openMinutes);
      }),
      { numRuns: runs(40) },
    );
  });

  it('matches the local wall clock wherever that clock is unambiguous', () => {
    fc.assert(
      fc.property(calendarArbitrary, instantArbitrary, (calendar, instant) => {
        const local = wallClock(calendar.timeZone, instant.getTime());
        if (isRepeatedWallTime(calendar.timeZone, instant.getTime())) return;
        const minuteOfDay = local.hour * 60 + local.minute;
        const open =
          !calendar.holidays.includes(local.date) &&
          calendar.weekly[local.weekday].some(
            ({ start, end }) => toMinutes(start) <= minuteOfDay && minuteOfDay < toMinutes(end),
          );
        assert.equal(isOpen(calendar, instant), open, `${local.date} ${local.hour}:${local.minute}`);
      }),
      { numRuns: runs(400) },
    );
  });

  it('finds the next opening with nothing open before it', () => {
    fc.assert(
      fc.property(calendarArbitrary, instantArbitrary, (calendar, instant) => {
        const next = nextOpenInstant(calendar, instant);
        assert.ok(next >= instant && isOpen(calendar, next));
        assert.equal(businessMinutesBetween(calendar, instant, next), 0);
        assert.equal(isOpen(calendar, instant), next.getTime() === instant.getTime());
      }),
      { numRuns: runs(150) },
    );
  });

  it('ends business days at a close, later for more days (0 and 1 may share a close)', () => {
    fc.assert(
      fc.property(calendarArbitrary, instantArbitrary, fc.integer({ min: 0, max: 15 }), (calendar, from, days) => {
        const close = addBusinessDays(calendar, from, days);
        const nextClose = addBusinessDays(calendar, from, days + 1);
        assert.ok(close > from && nextClose >= close);
        if (days > 0) assert.ok(nextClose > close);
        for (const instant of [close, nextClose]) {
          assert.ok(isOpen(calendar, new Date(instant.getTime() - 1)));
        }
      }),
      { numRuns: runs(100) },
    );
  });
});

// An oracle independent of the module: read the wall clock through Intl directly.
interface WallClock {
  date: string;
  weekday: Weekday;
  hour: number;
  minute: number;
}

function wallClock(timeZone: string, ms: number): WallClock {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(ms);
  const part = (type: string): string => parts.find((entry) => entry.type === type)!.value;
  const date = `${part('year')}-${part('month')}-${part('day')}`;
  return {
    date,
    weekday: new Date(`${date}T00:00:00Z`).getUTCDay() as Weekday,
    hour: Number(part('hour')),
    minute: Number(part('minute')),
  };
}

/** Whether another instant near `ms` shows the same wall time (clocks went back). */
function isRepeatedWallTime(timeZone: string, ms: number): boolean {
  const show = (instant: number): string => JSON.stringify(wallClock(timeZone, instant));
  const here = show(ms);
  for (let shift = 30 * MINUTE; shift <= 2 * 3_600_000; shift += 30 * MINUTE) {
    if (show(ms - shift) === here || show(ms + shift) === here) return true;
  }
  return false;
}

function toMinutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}
