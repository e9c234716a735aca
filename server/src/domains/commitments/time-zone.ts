// Wall-clock arithmetic in one IANA time zone, built on Intl so there is no dependency and
// the zone data is the runtime's own (the same data the rest of the server formats with).
//
// Wall-clock times are handled as "wall milliseconds": the local date and time written as if
// it were UTC (`Date.UTC(y, m - 1, d, h, min)`), so a local date is `floor(wall / DAY_MS)`.

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
// Offsets stay within ±14 h, so every instant that can show a given wall time lies within
// this distance of it; looking this far either side finds the offsets in force around it.
const OFFSET_SEARCH_MS = 36 * 3_600_000;

const WALL_CLOCK_PATTERN = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/;

export class ZoneClock {
  private readonly format: Intl.DateTimeFormat;

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** UTC offset in force at `instantMs`, in milliseconds (east of Greenwich positive). */
  offsetAt(instantMs: number): number {
    const wholeSecond = instantMs - mod(instantMs, 1000);
    // `format` and a regular expression are about three times faster than `formatToParts`.
    const match = WALL_CLOCK_PATTERN.exec(this.format.format(wholeSecond));
    if (!match) throw new RangeError(`cannot read the wall clock of ${this.timeZone} at ${instantMs}`);
    const [, month, day, year, hour, minute, second] = match.map(Number) as number[];
    const wall = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
    return wall - wholeSecond;
  }

  /** The local wall clock at `instantMs`, as wall milliseconds. */
  wallAt(instantMs: number): number {
    return instantMs + this.offsetAt(instantMs);
  }

  /** The local date at `instantMs`, as days since 1970-01-01. */
  epochDayAt(instantMs: number): number {
    return Math.floor(this.wallAt(instantMs) / DAY_MS);
  }

  /**
   * The instant at which the local clock shows `wallMs`.
   *
   * Two wall times need a rule, and the rule must keep the mapping non-decreasing so opening
   * intervals never turn inside out or overlap:
   * - a time skipped when clocks go forward maps to the instant of the change (the first
   *   instant after the gap): an interval 02:30–04:00 on a spring-forward night opens at 03:00;
   * - a time shown twice when clocks go back maps to its first occurrence: an interval
   *   01:00–04:00 on a fall-back night lasts four real hours, and one that ends at 02:30 ends
   *   the first time the clock shows 02:30.
   */
  instantOf(wallMs: number): number {
    const before = this.offsetAt(wallMs - OFFSET_SEARCH_MS);
    const after = this.offsetAt(wallMs + OFFSET_SEARCH_MS);
    if (before === after && this.offsetAt(wallMs - before) === before) return wallMs - before;

    const offsets = new Set([before, after, this.offsetAt(wallMs)]);
    const candidates = [...offsets].map((offset) => wallMs - offset).sort((a, b) => a - b);
    for (const candidate of candidates) {
      if (this.wallAt(candidate) === wallMs) return candidate;
    }
    // No instant shows this wall time: it lies in a gap. Find the change between the earliest
    // candidate (still on the old offset, before the gap) and the latest (already past it).
    let low = candidates[0]!;
    let high = candidates[candidates.length - 1]!;
    const oldOffset = this.offsetAt(low);
    while (high - low > 1) {
      const middle = low + Math.floor((high - low) / 2);
      if (this.offsetAt(middle) === oldOffset) low = middle;
      else high = middle;
    }
    return high;
  }
}

const clocks = new Map<string, ZoneClock>();

/** One clock per zone name; Intl formatters are costly to build and safe to share. */
export function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new ZoneClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

/**
 * The canonical spelling of an IANA zone name (`europe/warsaw` → `Europe/Warsaw`), or null
 * when the runtime does not know it. Fixed offsets such as `+01:00` are not zone names.
 */
export function canonicalTimeZone(name: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date, or null when it is not a real date. */
export function epochDayOfIsoDate(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

/** `YYYY-MM-DD` of a day counted from 1970-01-01. */
export function isoDateOfEpochDay(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

/** Day of the week of a day counted from 1970-01-01 (a Thursday), Sunday = 0. */
export function weekdayOfEpochDay(epochDay: number): number {
  return mod(epochDay + 4, 7);
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
