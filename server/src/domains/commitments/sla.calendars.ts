// The business calendar a team's cases are timed in (its own, else the default), cached per
// process: dropped on save in this process and after CACHE_MS everywhere else.
import { Cached } from '../../platform/cached.ts';
import type { Tx } from '../../platform/db.ts';
import { type BusinessCalendar, DEFAULT_CALENDAR, validateCalendar } from './business-time.ts';
import { slaRepository as repo } from './sla.repository.ts';

export const CACHE_MS = 30_000;

const calendars = new Cached<BusinessCalendar>(async (tx, teamId) => {
  const stored = await repo.teamCalendar(tx, teamId);
  if (stored === undefined) return DEFAULT_CALENDAR;
  const checked = validateCalendar(stored);
  return checked.ok ? checked.calendar : DEFAULT_CALENDAR;
}, CACHE_MS);
/** The business calendar a team's cases are timed in: its own, else the default. */
export function teamCalendar(tx: Tx, teamId: string | null): Promise<BusinessCalendar> {
  return teamId ? calendars.get(tx, teamId) : Promise.resolve(DEFAULT_CALENDAR);
}

export const clearCalendarCache = () => calendars.clear();
