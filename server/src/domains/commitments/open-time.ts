// The engine under business-time.ts: a calendar turned into a stream of open stretches of
// real time (UTC milliseconds), one local day at a time, with pauses cut out. Everything
// walks interval by interval, never minute by minute.

import { type BusinessCalendar, type CalendarFieldError, parseTime, validateCalendar, WEEKDAYS } from './calendar.ts';
import { DAY_MS, epochDayOfIsoDate, MINUTE_MS, weekdayOfEpochDay, type ZoneClock, zoneClock } from './time-zone.ts';

/** How long a search for open time may run into closed days before it gives up. */
export const MAX_CLOSED_DAYS = 3 * 366;

/** An open stretch of real time, [start, end) in UTC milliseconds. */
export type Span = readonly [start: number, end: number];

export type BusinessCalendarErrorCode = 'invalid-calendar' | 'no-open-time';

export class BusinessCalendarError extends Error {
  constructor(
    readonly code: BusinessCalendarErrorCode,
    message: string,
    readonly errors: readonly CalendarFieldError[] = [],
  ) {
    super(message);
    this.name = 'BusinessCalendarError';
  }
}

const DAY_CACHE_LIMIT = 4096;

export class CompiledCalendar {
  readonly clock: ZoneClock;
  private readonly weekly: readonly (readonly Span[])[];
  private readonly holidays: ReadonlySet<number>;
  private readonly days = new Map<number, readonly Span[]>();

  constructor(calendar: BusinessCalendar) {
    this.clock = zoneClock(calendar.timeZone);
    this.weekly = WEEKDAYS.map((day) =>
      calendar.weekly[day].map(({ start, end }): Span => [parseTime(start, false)!, parseTime(end, true)!]),
    );
    this.holidays = new Set(calendar.holidays.map((date) => epochDayOfIsoDate(date)!));
  }

  get hasWeeklyOpenTime(): boolean {
    return this.weekly.some((intervals) => intervals.length > 0);
  }

  /**
   * Open stretches of local day `epochDay` in real time, sorted, merged where they touch.
   * Empty on holidays, closed weekdays, and when a clock change swallows every interval.
   */
  daySpans(epochDay: number): readonly Span[] {
    const cached = this.days.get(epochDay);
    if (cached) return cached;
    const spans: [number, number][] = [];
    if (!this.holidays.has(epochDay)) {
      const dayWall = epochDay * DAY_MS;
      for (const [startMinute, endMinute] of this.weekly[weekdayOfEpochDay(epochDay)]!) {
        const start = this.clock.instantOf(dayWall + startMinute * MINUTE_MS);
        const end = this.clock.instantOf(dayWall + endMinute * MINUTE_MS);
        if (end <= start) continue;
        const last = spans[spans.length - 1];
        if (last && start <= last[1]) last[1] = Math.max(last[1], end);
        else spans.push([start, end]);
      }
    }
    if (this.days.size >= DAY_CACHE_LIMIT) this.days.clear();
    this.days.set(epochDay, spans);
    return spans;
  }
}

const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();

/**
 * Validates and prepares a calendar once per calendar object. Calendars are values: one that
 * is changed after first use keeps its first meaning (the ones `validateCalendar` returns are
 * frozen).
 */
export function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  let result = compiled.get(calendar);
  if (!result) {
    const validation = validateCalendar(calendar);
    if (!validation.ok) {
      const summary = validation.errors.map((error) => `${error.field || '/'} ${error.message}`).join('; ');
      throw new BusinessCalendarError('invalid-calendar', `invalid business calendar: ${summary}`, validation.errors);
    }
    result = new CompiledCalendar(validation.calendar);
    compiled.set(calendar, result);
  }
  return result;
}

/** Sorted, merged, non-empty pauses in UTC milliseconds. */
export function normalisePauses(pauses: readonly { from: Date; to: Date }[]): Span[] {
  const spans = pauses
    .map(
      ({ from, to }, index): Span => [instantMs(from, `pauses[${index}].from`), instantMs(to, `pauses[${index}].to`)],
    )
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of spans) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

export function instantMs(date: Date, name: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}

/**
 * Open, unpaused stretches of real time from `fromMs` on, in order, clipped to start no
 * earlier than `fromMs`.
 *
 * With `untilMs` the walk ends once it is past that instant. Without it the walk is endless
 * while there is open time, and throws `no-open-time` after MAX_CLOSED_DAYS consecutive local
 * days without any (holidays, closed weekdays), so a calendar that is never open fails
 * loudly instead of spinning.
 */
export function* openSpans(
  calendar: CompiledCalendar,
  fromMs: number,
  pauses: readonly Span[],
  untilMs?: number,
): Generator<Span, void, undefined> {
  if (!calendar.hasWeeklyOpenTime) {
    if (untilMs !== undefined) return;
    throw noOpenTime(calendar, fromMs);
  }
  const { clock } = calendar;
  // A day's spans may reach into the next local date's instants only in odd zones that turn
  // the clock back across midnight, so the walk starts one local day early to be safe.
  let day = clock.epochDayAt(fromMs) - 1;
  const lastDay = untilMs === undefined ? Number.POSITIVE_INFINITY : clock.epochDayAt(untilMs) + 1;
  let cursor = fromMs;
  let pauseIndex = 0;
  let closedDays = 0;

  while (day <= lastDay) {
    while (pauseIndex < pauses.length && pauses[pauseIndex]![1] <= cursor) pauseIndex++;
    const pause = pauses[pauseIndex];
    if (pause && pause[0] <= cursor) {
      // Jump over a long pause instead of walking through its days.
      cursor = pause[1];
      day = Math.max(day, clock.epochDayAt(cursor) - 1);
      continue;
    }

    const spans = calendar.daySpans(day);
    if (spans.length === 0) {
      closedDays++;
      if (untilMs === undefined && closedDays > MAX_CLOSED_DAYS) throw noOpenTime(calendar, fromMs);
    } else closedDays = 0;

    for (const [spanStart, spanEnd] of spans) {
      if (spanEnd <= cursor) continue;
      let start = Math.max(spanStart, cursor);
      let index = pauseIndex;
      while (start < spanEnd) {
        while (index < pauses.length && pauses[index]![1] <= start) index++;
        const next = pauses[index];
        if (next && next[0] <= start) {
          start = next[1];
          continue;
        }
        const end = next ? Math.min(spanEnd, next[0]) : spanEnd;
        yield [start, end];
        start = end;
      }
      cursor = Math.max(cursor, spanEnd);
    }
    day++;
  }
}

function noOpenTime(calendar: CompiledCalendar, fromMs: number): BusinessCalendarError {
  const from = new Date(fromMs).toISOString();
  return new BusinessCalendarError(
    'no-open-time',
    `the business calendar (${calendar.clock.timeZone}) has no open time within ${MAX_CLOSED_DAYS} days after ${from}`,
  );
}
