// Business-time arithmetic: how much of a team's open time lies between two instants, and
// when a given amount of it will have passed. Commitments (honest due dates) and SLA
// policies (first-response and resolution clocks that pause while waiting on the customer)
// stand on it. Pure: no I/O, no clock reads; instants in, instants out.
//
// Opening hours and holidays are local wall-clock times in the calendar's zone, so 09:00–17:00
// means 09:00–17:00 on the office clock on both sides of a DST change; durations are real
// elapsed time (a 01:00–04:00 interval lasts 2 h on a spring-forward night and 4 h on a
// fall-back one). See ZoneClock#instantOf for wall times that are skipped or repeated.
//
// Intervals are half-open: an instant is open from an interval's start up to, not including,
// its end. Amounts are minutes of real time and may be fractional; internally everything is
// whole milliseconds.

import type { BusinessCalendar } from './calendar.ts';
import {
  BusinessCalendarError,
  type CompiledCalendar,
  compileCalendar,
  instantMs,
  MAX_CLOSED_DAYS,
  normalisePauses,
  openSpans,
  type Span,
} from './open-time.ts';
import { MINUTE_MS } from './time-zone.ts';

export {
  type BusinessCalendar,
  type CalendarFieldError,
  type CalendarValidation,
  DEFAULT_CALENDAR,
  type OpeningInterval,
  validateCalendar,
  type Weekday,
} from './calendar.ts';
export { BusinessCalendarError, type BusinessCalendarErrorCode, MAX_CLOSED_DAYS } from './open-time.ts';

/** A stretch when the clock does not run, e.g. while the case waits on the customer; [from, to). */
export interface Pause {
  readonly from: Date;
  readonly to: Date;
}

/** Whether the team is open at `at` (start of an interval included, end excluded). */
export function isOpen(calendar: BusinessCalendar, at: Date): boolean {
  const compiledCalendar = compileCalendar(calendar);
  const ms = instantMs(at, 'at');
  const day = compiledCalendar.clock.epochDayAt(ms);
  for (let candidate = day - 1; candidate <= day + 1; candidate++) {
    for (const [start, end] of compiledCalendar.daySpans(candidate)) {
      if (start <= ms && ms < end) return true;
    }
  }
  return false;
}

/**
 * `at` itself when open, otherwise the next opening. Throws BusinessCalendarError
 * `no-open-time` when the calendar stays closed for MAX_CLOSED_DAYS days.
 */
export function nextOpenInstant(calendar: BusinessCalendar, at: Date): Date {
  return new Date(firstOpenMs(compileCalendar(calendar), instantMs(at, 'at'), []));
}

/**
 * Open, unpaused minutes in [from, to): the business time that passed. 0 when `to <= from`.
 * Fractional when the instants are not on whole minutes.
 */
export function businessMinutesBetween(
  calendar: BusinessCalendar,
  from: Date,
  to: Date,
  pauses: readonly Pause[] = [],
): number {
  const compiledCalendar = compileCalendar(calendar);
  const fromMs = instantMs(from, 'from');
  const toMs = instantMs(to, 'to');
  if (toMs <= fromMs) return 0;
  let total = 0;
  for (const [start, end] of openSpans(compiledCalendar, fromMs, normalisePauses(pauses), toMs)) {
    if (start >= toMs) break;
    total += Math.min(end, toMs) - start;
  }
  return total / MINUTE_MS;
}

/**
 * The earliest instant by which `minutes` of open, unpaused time have passed since `from`.
 * Counting starts at `from`, or at the next opening when `from` is closed or paused.
 *
 * The answer can be the exact end of an open interval (17:00 when the last minute is
 * 16:59–17:00), which is itself closed. `minutes = 0` gives the first open, unpaused instant
 * at or after `from`. Because of that, adding in steps agrees with adding at once
 * (`add(add(t, a), b) = add(t, a + b)`) whenever `b > 0`.
 *
 * `minutes` must be finite and not negative; it is rounded to whole milliseconds. Throws
 * BusinessCalendarError `no-open-time` when the calendar stays closed for MAX_CLOSED_DAYS days.
 */
export function addBusinessMinutes(
  calendar: BusinessCalendar,
  from: Date,
  minutes: number,
  pauses: readonly Pause[] = [],
): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`minutes must be a finite number, not negative (got ${minutes})`);
  }
  const compiledCalendar = compileCalendar(calendar);
  const fromMs = instantMs(from, 'from');
  const spans = normalisePauses(pauses);
  let remaining = Math.round(minutes * MINUTE_MS);
  if (remaining === 0) return new Date(firstOpenMs(compiledCalendar, fromMs, spans));
  for (const [start, end] of openSpans(compiledCalendar, fromMs, spans)) {
    if (remaining <= end - start) return new Date(start + remaining);
    remaining -= end - start;
  }
  throw new Error('unreachable: the walk over open time ends only by throwing');
}

/**
 * The close of business of the `days`-th business day after the local date of `from`.
 *
 * A business day is a local date with some open time (a weekday with opening hours that is
 * not a holiday). The day `from` falls on is not counted, whatever the hour, so "3 working
 * days" always leaves three whole business days: from Monday 10:00 or Monday 20:00 it is
 * Thursday's close, from Saturday it is Wednesday's. Its close is the end of its last
 * opening interval (17:00 for 09:00–17:00; 18:00 for 09:00–13:00 + 14:00–18:00).
 *
 * `days = 0` means "by the end of today": the close of `from`'s local date when that is a
 * business day and `from` is before its close, otherwise the close of the next business day.
 *
 * Pauses are not taken: a promise in working days is a date told to the customer, not a
 * running clock. Throws BusinessCalendarError `no-open-time` after MAX_CLOSED_DAYS
 * consecutive closed days.
 */
export function addBusinessDays(calendar: BusinessCalendar, from: Date, days: number): Date {
  if (!Number.isSafeInteger(days) || days < 0) {
    throw new RangeError(`days must be a whole number, not negative (got ${days})`);
  }
  const compiledCalendar = compileCalendar(calendar);
  const fromMs = instantMs(from, 'from');
  let day = compiledCalendar.clock.epochDayAt(fromMs);
  if (days === 0) {
    const close = closeOf(compiledCalendar.daySpans(day));
    if (close !== null && fromMs < close) return new Date(close);
  }
  let counted = 0;
  let closedDays = 0;
  for (;;) {
    day++;
    const close = closeOf(compiledCalendar.daySpans(day));
    if (close === null) {
      closedDays++;
      if (closedDays > MAX_CLOSED_DAYS) {
        throw new BusinessCalendarError(
          'no-open-time',
          `the business calendar (${compiledCalendar.clock.timeZone}) has no business day within ${MAX_CLOSED_DAYS} days after ${new Date(fromMs).toISOString()}`,
        );
      }
      continue;
    }
    closedDays = 0;
    counted++;
    if (counted >= days) return new Date(close);
  }
}

/**
 * The open, unpaused stretches within [from, to), clipped to it, for timelines and for
 * showing how a due date was worked out.
 */
export function openIntervals(
  calendar: BusinessCalendar,
  from: Date,
  to: Date,
  pauses: readonly Pause[] = [],
): { from: Date; to: Date }[] {
  const compiledCalendar = compileCalendar(calendar);
  const fromMs = instantMs(from, 'from');
  const toMs = instantMs(to, 'to');
  const result: { from: Date; to: Date }[] = [];
  if (toMs <= fromMs) return result;
  for (const [start, end] of openSpans(compiledCalendar, fromMs, normalisePauses(pauses), toMs)) {
    if (start >= toMs) break;
    const last = result[result.length - 1];
    // Stretches of consecutive days that touch (…–24:00, 00:00–…) read as one.
    if (last && last.to.getTime() === start) last.to = new Date(Math.min(end, toMs));
    else result.push({ from: new Date(start), to: new Date(Math.min(end, toMs)) });
  }
  return result;
}

function firstOpenMs(calendar: CompiledCalendar, fromMs: number, pauses: readonly Span[]): number {
  for (const [start] of openSpans(calendar, fromMs, pauses)) return start;
  throw new Error('unreachable: the walk over open time ends only by throwing');
}

function closeOf(spans: readonly Span[]): number | null {
  const last = spans[spans.length - 1];
  return last ? last[1] : null;
}
