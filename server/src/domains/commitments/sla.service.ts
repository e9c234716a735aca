// SLA policies, team calendars and the settings of the commitments sweep: read (cached per
// process, dropped on save and after CACHE_MS so other processes see a save within seconds),
// validated and saved; and the SLA clocks the sweep recomputes for changed cases.
import { type AppContext, transaction } from '../../context.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import { Cached } from '../../platform/cached.ts';
import type { Tx } from '../../platform/db.ts';
import type { Principal } from '../../platform/principal.ts';
import { PRIORITIES } from '../cases/cases.service.ts';
import { caseReferenceData } from '../cases/reference-data.ts';
import { settingsRepository } from '../settings/settings.repository.ts';
import { type BusinessCalendar, DEFAULT_CALENDAR, validateCalendar } from './business-time.ts';
import { CACHE_MS, clearCalendarCache, teamCalendar } from './sla.calendars.ts';
import { slaRepository as repo } from './sla.repository.ts';
import { CUSTOMER_TIERS, computeSlaClock, resolvePolicy, type SlaPolicy, statusChangeOf } from './sla.ts';

const policies = new Cached<SlaPolicy[]>((tx) => repo.policies(tx), CACHE_MS);

export const slaPolicies = (tx: Tx) => policies.get(tx, 'all');

export interface SweepSettings {
  /** Minutes before the due time the owner is warned. */
  dueSoonMinutes: number;
  /** Minutes the owner has after a miss to give the reason before the sweep tells the customer itself. */
  reasonGraceMinutes: number;
}

export const DEFAULT_SWEEP_SETTINGS: SweepSettings = { dueSoonMinutes: 60, reasonGraceMinutes: 30 };
const SWEEP_SETTINGS_KEY = 'commitments.sweep';

export async function sweepSettings(tx: Tx): Promise<SweepSettings> {
  return {
    ...DEFAULT_SWEEP_SETTINGS,
    ...(await settingsRepository.get<Partial<SweepSettings>>(tx, SWEEP_SETTINGS_KEY)),
  };
}

export type PolicyInput = Omit<SlaPolicy, 'id'>;

export async function slaSettings(ctx: AppContext) {
  return {
    policies: await repo.policies(ctx.database),
    ...(await sweepSettings(ctx.database)),
  };
}

/** Replaces the policies (order kept for display) and the sweep settings; every clock is recomputed. */
export async function replaceSlaSettings(
  ctx: AppContext,
  actor: Principal,
  input: { policies: PolicyInput[] } & Partial<SweepSettings>,
) {
  const reference = await caseReferenceData(ctx);
  const seen = new Map<string, number>();
  input.policies.forEach((policy, index) => {
    const field = `body/policies/${index}`;
    if (policy.priority !== null && !(PRIORITIES as readonly string[]).includes(policy.priority))
      throw invalid(`${field}/priority`, `must be one of ${PRIORITIES.join(', ')} or null`);
    if (policy.category !== null && !reference.categories.has(policy.category))
      throw invalid(`${field}/category`, `unknown category "${policy.category}"`);
    if (policy.tier !== null && !(CUSTOMER_TIERS as readonly string[]).includes(policy.tier))
      throw invalid(`${field}/tier`, `must be one of ${CUSTOMER_TIERS.join(', ')} or null`);
    if (policy.resolutionMinutes < policy.firstResponseMinutes)
      throw invalid(`${field}/resolutionMinutes`, 'must not be shorter than the first-response target');
    const selector = JSON.stringify([policy.priority, policy.category, policy.tier]);
    const earlier = seen.get(selector);
    if (earlier !== undefined) throw invalid(field, `targets the same cases as policy ${earlier}`);
    seen.set(selector, index);
  });
  await transaction(ctx, async (tx) => {
    await repo.replacePolicies(tx, input.policies, actor.kind === 'user' ? actor.id : null);
    const { policies: _, ...timing } = input;
    await settingsRepository.put(tx, SWEEP_SETTINGS_KEY, { ...(await sweepSettings(tx)), ...timing });
    await repo.invalidateClocks(tx);
  });
  policies.clear();
  return slaSettings(ctx);
}

/** A calendar as a plain document (the frozen one is shared by the cache). */
const calendarDocument = (calendar: BusinessCalendar) => ({
  timeZone: calendar.timeZone,
  weekly: Object.fromEntries(
    Object.entries(calendar.weekly).map(([day, intervals]) => [day, intervals.map((interval) => ({ ...interval }))]),
  ),
  holidays: [...calendar.holidays],
});

export async function listCalendars(ctx: AppContext) {
  const rows = await repo.teamCalendars(ctx.database);
  return rows.map((row) => {
    const checked = row.calendar === null ? undefined : validateCalendar(row.calendar);
    return {
      teamId: row.teamId,
      teamName: row.teamName,
      custom: checked?.ok === true,
      calendar: calendarDocument(checked?.ok ? checked.calendar : DEFAULT_CALENDAR),
    };
  });
}

export async function putTeamCalendar(ctx: AppContext, actor: Principal, teamId: string, input: unknown) {
  const checked = validateCalendar(input);
  if (!checked.ok) {
    const errors = checked.errors.map((error) => ({ field: `body${error.field}`, message: error.message }));
    throw new AppError('validation-failed', errors.map((error) => `${error.field}: ${error.message}`).join('; '), {
      errors,
    });
  }
  await transaction(ctx, async (tx) => {
    if (!(await repo.teamExists(tx, teamId))) throw notFound('team');
    await repo.putTeamCalendar(tx, teamId, checked.calendar, actor.kind === 'user' ? actor.id : null);
    await repo.invalidateClocks(tx);
  });
  clearCalendarCache();
  return (await listCalendars(ctx)).find((entry) => entry.teamId === teamId)!;
}

export async function resetTeamCalendar(ctx: AppContext, teamId: string) {
  await transaction(ctx, async (tx) => {
    if (!(await repo.teamExists(tx, teamId))) throw notFound('team');
    await repo.deleteTeamCalendar(tx, teamId);
    await repo.invalidateClocks(tx);
  });
  clearCalendarCache();
  return (await listCalendars(ctx)).find((entry) => entry.teamId === teamId)!;
}

/**
 * Recomputes the SLA clocks of cases changed since the last run, up to `limit`; returns how
 * many. Run by one sweep tick at a time (the tick key), so the watermark has one writer.
 */
export async function refreshSlaClocks(ctx: AppContext, limit: number): Promise<number> {
  return transaction(ctx, async (tx) => {
    const sources = await repo.changedCases(tx, await repo.watermark(tx), limit);
    if (sources.length === 0) return 0;
    const all = await slaPolicies(tx);
    const now = new Date();
    const clocks = [];
    for (const source of sources) {
      const calendar = await teamCalendar(tx, source.team_id);
      const policy = resolvePolicy(all, source);
      const changes = source.changes.flatMap((event) => {
        const change = statusChangeOf({ created_at: new Date(event.created_at), data: event.data });
        return change ? [change] : [];
      });
      const clock = computeSlaClock(calendar, policy, {
        createdAt: new Date(source.created_at),
        firstResponseAt: source.first_response_at ? new Date(source.first_response_at) : null,
        resolvedAt:
          source.resolved_at && ['resolved', 'closed'].includes(source.status) ? new Date(source.resolved_at) : null,
        changes,
        now,
      });
      clocks.push({ ...clock, caseId: source.id, caseUpdatedAt: new Date(source.updated_at) });
    }
    await repo.saveClocks(tx, clocks);
    const last = sources.at(-1)!;
    await repo.setWatermark(tx, { at: last.updated_at_key, id: last.id });
    return sources.length;
  });
}
