// The business calendar a team's cases are timed in (its own, else the default), cached per
// process: dropped on save in this process and after CACHE_MS everywhere else.
import type { Tx } from '../../platform/db.ts';
import { type BusinessCalendar, DEFAULT_CALENDAR, validateCalendar } from './business-time.ts';
import { slaRepository as repo } from './sla.repository.ts';

const CACHE_MS = 30_000;

/** A per-process cache of one value per key, reloaded after CACHE_MS or when cleared by a save. */
export class Cached<T> {
  private readonly entries = new Map<string, { value: Promise<T>; at: number }>();
  constructor(private readonly load: (tx: Tx, key: string) => Promise<T>) {}
  get(tx: Tx, key: string): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && Date.now() - entry.at < CACHE_MS) return entry.value;
    const value = this.load(tx, key);
    this.entries.set(key, { value, at: Date.now() });
    value.catch(() => this.entries.delete(key));
    return value;
  }
  clear(): void {
    this.entries.clear();
  }
}

const calendars = new Cached<BusinessCalendar>(async (tx, teamId) => {
  const stored = await repo.teamCalendar(tx, teamId);
  if (stored === undefined) return DEFAULT_CALENDAR;
  const checked = validateCalendar(stored);
  return checked.ok ? checked.calendar : DEFAULT_CALENDAR;
});
/** The business calendar a team's cases are timed in: its own, else the default. */
export function teamCalendar(tx: Tx, teamId: string | null): Promise<BusinessCalendar> {
  return teamId ? calendars.get(tx, teamId) : Promise.resolve(DEFAULT_CALENDAR);
}

export const clearCalendarCache = () => calendars.clear();
