// Response targets as the policy states them. Today they are the commitments domain's
// defaults (the first-reply promise in the default business calendar, and the honest-date
// rule); when SLA policies exist, `slaTargets` is the one function to point at them.
import type { Tx } from '../../platform/db.ts';
import type { Language } from '../../platform/templates.ts';
import { type BusinessCalendar, DEFAULT_CALENDAR, WEEKDAYS } from '../commitments/calendar.ts';
import { DEFAULT_HONEST_DATE_POLICY, formatBusinessDuration, workingDayMinutes } from '../commitments/honest-dates.ts';
import { POLICY_TEXTS } from './policy.texts.ts';

export interface SlaTargets {
  targets: { kind: 'first-reply'; businessMinutes: number; duration: string }[];
  calendar: BusinessCalendar;
  honestDates: { percentile: number; margin: number };
}

export async function slaTargets(_tx: Tx, language: Language): Promise<SlaTargets> {
  const calendar = DEFAULT_CALENDAR;
  const minutes = DEFAULT_HONEST_DATE_POLICY.defaultMinutes;
  return {
    targets: [
      {
        kind: 'first-reply',
        businessMinutes: minutes,
        duration: formatBusinessDuration(minutes, workingDayMinutes(calendar), language),
      },
    ],
    calendar,
    honestDates: {
      percentile: Math.round(DEFAULT_HONEST_DATE_POLICY.percentile * 100),
      margin: Math.round(DEFAULT_HONEST_DATE_POLICY.margin * 100),
    },
  };
}

/** "Monday–Friday, 09:00–17:00 (UTC)" in the reader's language. */
export function describeOpeningHours(calendar: BusinessCalendar, language: Language): string {
  const dayName = (day: number) =>
    new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, 7 + day)),
    );
  // Monday first; runs of consecutive open days with the same hours are written as a range.
  const order = [...WEEKDAYS.slice(1), WEEKDAYS[0]!];
  const hoursOf = (day: (typeof WEEKDAYS)[number]) =>
    calendar.weekly[day].map((interval) => `${interval.start}–${interval.end}`).join(', ');
  const runs: { first: number; last: number; hours: string }[] = [];
  for (const day of order) {
    const hours = hoursOf(day);
    if (!hours) continue;
    const run = runs.at(-1);
    if (run && run.hours === hours && order.indexOf(run.last as (typeof WEEKDAYS)[number]) === order.indexOf(day) - 1) {
      run.last = day;
    } else runs.push({ first: day, last: day, hours });
  }
  const schedule = runs
    .map(
      (run) =>
        `${run.first === run.last ? dayName(run.first) : `${dayName(run.first)}–${dayName(run.last)}`} ${run.hours}`,
    )
    .join('; ');
  return POLICY_TEXTS[language].openingHours(schedule, calendar.timeZone);
}
