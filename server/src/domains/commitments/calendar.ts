// Business calendars: when a team is open, in its own time zone. Plain data, so it can be
// stored as JSON in settings; `validateCalendar` is the one gate it passes through.

import { canonicalTimeZone, epochDayOfIsoDate } from './time-zone.ts';

/** Day of the week, Sunday = 0 (as `Date#getDay`). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export const WEEKDAYS: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];

/** Local wall-clock opening, `HH:MM`–`HH:MM`, end exclusive; `end` may be `24:00` (midnight). */
export interface OpeningInterval {
  readonly start: string;
  readonly end: string;
}

export interface BusinessCalendar {
  /** IANA zone name the opening hours and holidays are read in, e.g. `Europe/Warsaw`. */
  readonly timeZone: string;
  /** Opening intervals per weekday; several per day for split shifts; none = closed all day. */
  readonly weekly: Readonly<Record<Weekday, readonly OpeningInterval[]>>;
  /** Local dates `YYYY-MM-DD` closed all day. */
  readonly holidays: readonly string[];
}

export interface CalendarFieldError {
  /** JSON pointer of the offending field, as in the API's validation problems. */
  field: string;
  message: string;
}

export type CalendarValidation = { ok: true; calendar: BusinessCalendar } | { ok: false; errors: CalendarFieldError[] };

/**
 * The calendar used until a team sets its own: Monday to Friday 09:00–17:00, no holidays, in
 * UTC. UTC rather than a local zone because Heard serves teams in several countries and
 * renders dates in UTC until a zone is configured; a zone without clock changes also keeps
 * the fallback predictable. Every real team is expected to configure its own calendar.
 */
export const DEFAULT_CALENDAR: BusinessCalendar = deepFreeze({
  timeZone: 'UTC',
  weekly: {
    0: [],
    1: [{ start: '09:00', end: '17:00' }],
    2: [{ start: '09:00', end: '17:00' }],
    3: [{ start: '09:00', end: '17:00' }],
    4: [{ start: '09:00', end: '17:00' }],
    5: [{ start: '09:00', end: '17:00' }],
    6: [],
  },
  holidays: [],
});

const TOP_LEVEL_FIELDS = new Set(['timeZone', 'weekly', 'holidays']);
const INTERVAL_FIELDS = new Set(['start', 'end']);
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Checks untrusted input (settings API, stored JSON) and returns a normalised, frozen
 * calendar: zone name in canonical spelling, every weekday present, intervals sorted,
 * holidays sorted and unique. Missing weekdays are closed; unknown fields are refused so a
 * misspelt `holiday` cannot silently drop every holiday.
 */
export function validateCalendar(input: unknown): CalendarValidation {
  const errors: CalendarFieldError[] = [];
  const fail = (field: string, message: string): void => {
    errors.push({ field, message });
  };
  if (!isRecord(input)) return { ok: false, errors: [{ field: '', message: 'must be an object' }] };

  for (const key of Object.keys(input)) {
    if (!TOP_LEVEL_FIELDS.has(key)) fail(`/${escapePointer(key)}`, 'is not a calendar field');
  }

  let timeZone = '';
  if (typeof input.timeZone !== 'string') fail('/timeZone', 'must be an IANA time zone name, e.g. Europe/Warsaw');
  else {
    const canonical = canonicalTimeZone(input.timeZone);
    if (canonical === null) fail('/timeZone', `unknown time zone "${input.timeZone}"`);
    else timeZone = canonical;
  }

  const weekly = validateWeekly(input.weekly, fail);
  const holidays = validateHolidays(input.holidays, fail);

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, calendar: deepFreeze({ timeZone, weekly, holidays }) };
}

type Fail = (field: string, message: string) => void;

function validateWeekly(input: unknown, fail: Fail): Record<Weekday, OpeningInterval[]> {
  const weekly: Record<Weekday, OpeningInterval[]> = { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] };
  if (!isRecord(input)) {
    fail('/weekly', 'must be an object keyed by weekday 0 (Sunday) to 6 (Saturday)');
    return weekly;
  }
  for (const key of Object.keys(input)) {
    if (!/^[0-6]$/.test(key))
      fail(`/weekly/${escapePointer(key)}`, 'must be a weekday from 0 (Sunday) to 6 (Saturday)');
  }
  for (const day of WEEKDAYS) {
    const intervals = input[String(day)];
    if (intervals === undefined) continue;
    const field = `/weekly/${day}`;
    if (!Array.isArray(intervals)) {
      fail(field, 'must be a list of {start, end} intervals');
      continue;
    }
    const parsed: { start: number; end: number; interval: OpeningInterval; field: string }[] = [];
    intervals.forEach((interval: unknown, index) => {
      const itemField = `${field}/${index}`;
      if (!isRecord(interval)) {
        fail(itemField, 'must be an object {start, end}');
        return;
      }
      for (const key of Object.keys(interval)) {
        if (!INTERVAL_FIELDS.has(key)) fail(`${itemField}/${escapePointer(key)}`, 'is not an interval field');
      }
      const start = parseTime(interval.start, false);
      const end = parseTime(interval.end, true);
      if (start === null) fail(`${itemField}/start`, 'must be a time HH:MM from 00:00 to 23:59');
      if (end === null) fail(`${itemField}/end`, 'must be a time HH:MM from 00:01 to 24:00');
      if (start === null || end === null) return;
      if (end <= start) {
        fail(itemField, `ends (${interval.end}) before or when it starts (${interval.start})`);
        return;
      }
      parsed.push({
        start,
        end,
        interval: { start: interval.start as string, end: interval.end as string },
        field: itemField,
      });
    });
    parsed.sort((a, b) => a.start - b.start);
    for (let index = 1; index < parsed.length; index++) {
      const previous = parsed[index - 1]!;
      const current = parsed[index]!;
      if (current.start < previous.end) {
        fail(current.field, `overlaps ${previous.interval.start}–${previous.interval.end} (${previous.field})`);
      }
    }
    weekly[day] = parsed.map((entry) => entry.interval);
  }
  return weekly;
}

function validateHolidays(input: unknown, fail: Fail): string[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) {
    fail('/holidays', 'must be a list of local dates YYYY-MM-DD');
    return [];
  }
  const holidays = new Set<string>();
  input.forEach((date: unknown, index) => {
    if (typeof date !== 'string' || epochDayOfIsoDate(date) === null) {
      fail(`/holidays/${index}`, 'must be a real date YYYY-MM-DD');
      return;
    }
    holidays.add(date);
  });
  return [...holidays].sort();
}

/** Minutes after local midnight of `HH:MM`; `24:00` (1440) only when `allowMidnightEnd`. */
export function parseTime(value: unknown, allowMidnightEnd: boolean): number | null {
  if (typeof value !== 'string') return null;
  if (value === '24:00') return allowMidnightEnd ? 1440 : null;
  const match = TIME_PATTERN.exec(value);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return allowMidnightEnd && minutes === 0 ? null : minutes;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
