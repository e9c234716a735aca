// Response targets as the policy states them: the desk's SLA policies (first response and
// resolution, by priority, category and customer tier; the default when none is stored), the
// business hours they are counted in, and the honest-date rule.
import type { Tx } from '../../platform/db.ts';
import type { Language } from '../../platform/templates.ts';
import { type BusinessCalendar, DEFAULT_CALENDAR, WEEKDAYS } from '../commitments/calendar.ts';
import { DEFAULT_HONEST_DATE_POLICY, formatBusinessDuration, workingDayMinutes } from '../commitments/honest-dates.ts';
import { slaPolicies } from '../commitments/sla.service.ts';
import { DEFAULT_SLA_POLICY } from '../commitments/sla.ts';
import { POLICY_TEXTS } from './policy.texts.ts';

export interface SlaTargets {
  targets: {
    /** What the target applies to (priority, category, tier), or null for every request. */
    scope: { priority: string | null; category: string | null; tier: string | null };
    firstResponse: string;
    resolution: string;
  }[];
  calendar: BusinessCalendar;
  honestDates: { percentile: number; margin: number };
}

export async function slaTargets(tx: Tx, language: Language): Promise<SlaTargets> {
  const calendar = DEFAULT_CALENDAR;
  const stored = await slaPolicies(tx);
  const duration = (minutes: number) => formatBusinessDuration(minutes, workingDayMinutes(calendar), language);
  return {
    targets: (stored.length > 0 ? stored : [DEFAULT_SLA_POLICY]).map((policy) => ({
      scope: { priority: policy.priority, category: policy.category, tier: policy.tier },
      firstResponse: duration(policy.firstResponseMinutes),
      resolution: duration(policy.resolutionMinutes),
    })),
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
