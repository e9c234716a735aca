// SLA policies and the SLA clock of a case. Pure functions: which policy applies (the most
// specific match wins), when the clock was paused (the case waited on the customer), the
// due and warning instants in the team's business time, and the state at a given instant.
import { addBusinessMinutes, type BusinessCalendar, type Pause } from './business-time.ts';

export const CUSTOMER_TIERS = ['standard', 'priority', 'vip'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

export interface SlaPolicy {
  id: string | null;
  /** Null matches any value. */
  priority: string | null;
  category: string | null;
  tier: string | null;
  /** Business minutes from opening to the first public reply. */
  firstResponseMinutes: number;
  /** Business minutes from opening to resolution. */
  resolutionMinutes: number;
}

/** Applies when no stored policy matches: a working day to answer, five to resolve. */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  id: null,
  priority: null,
  category: null,
  tier: null,
  firstResponseMinutes: 8 * 60,
  resolutionMinutes: 5 * 8 * 60,
};

/** The target counts as at risk once this share of its business time has passed. */
export const WARNING_SHARE = 0.8;

/**
 * Specificity of a policy: first the number of selectors it sets, then which ones — tier
 * before priority before category. Every combination has its own rank, so the winner is
 * never a matter of storage order.
 */
export function specificity(policy: Pick<SlaPolicy, 'priority' | 'category' | 'tier'>): number {
  const set = [policy.tier, policy.priority, policy.category].map((value) => (value === null ? 0 : 1));
  const count = set[0]! + set[1]! + set[2]!;
  return count * 8 + set[0]! * 4 + set[1]! * 2 + set[2]!;
}

/** The most specific policy whose selectors all match the case; the default when none does. */
export function resolvePolicy(
  policies: readonly SlaPolicy[],
  subject: { priority: string; category: string; tier: string },
): SlaPolicy {
  let best: SlaPolicy | undefined;
  for (const policy of policies) {
    const matches =
      (policy.priority === null || policy.priority === subject.priority) &&
      (policy.category === null || policy.category === subject.category) &&
      (policy.tier === null || policy.tier === subject.tier);
    if (matches && (!best || specificity(policy) > specificity(best))) best = policy;
  }
  return best ?? DEFAULT_SLA_POLICY;
}

export interface StatusChange {
  at: Date;
  status: string;
}

/** Status changes recorded on the timeline: a case update (`to.status`) or a message/commitment (`status.to`). */
export function statusChangeOf(event: { created_at: Date; data: Record<string, unknown> }): StatusChange | null {
  const data = event.data;
  const to = (data.to as { status?: unknown } | undefined)?.status ?? (data.status as { to?: unknown } | undefined)?.to;
  return typeof to === 'string' ? { at: new Date(event.created_at), status: to } : null;
}

export const PAUSING_STATUS = 'waiting-customer';

/**
 * The intervals the case waited on the customer, from its status changes (any order): closed
 * pauses, and the start of the pause still running, if any.
 */
export function waitingPauses(changes: readonly StatusChange[]): { closed: Pause[]; openSince: Date | null } {
  const sorted = [...changes].sort((a, b) => a.at.getTime() - b.at.getTime());
  const closed: Pause[] = [];
  let since: Date | null = null;
  for (const change of sorted) {
    const waiting = change.status === PAUSING_STATUS;
    if (waiting && since === null) since = change.at;
    else if (!waiting && since !== null) {
      if (change.at.getTime() > since.getTime()) closed.push({ from: since, to: change.at });
      since = null;
    }
  }
  return { closed, openSince: since };
}

export interface CaseSlaFacts {
  createdAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  changes: readonly StatusChange[];
  /** The instant the clock is computed at (a running pause is counted up to it). */
  now: Date;
}

export interface CaseSlaClock {
  policyId: string | null;
  firstResponseWarnAt: Date;
  firstResponseDueAt: Date;
  firstResponseAt: Date | null;
  resolutionWarnAt: Date;
  resolutionDueAt: Date;
  resolvedAt: Date | null;
  pausedSince: Date | null;
}

/**
 * Due and warning instants of both targets: the policy's business minutes from opening, in
 * the team's calendar, not counting the closed pauses. A pause still running moves them on
 * as it lasts, so they are stated as if it ended now; `pausedSince` says it has not.
 */
export function computeSlaClock(calendar: BusinessCalendar, policy: SlaPolicy, facts: CaseSlaFacts): CaseSlaClock {
  const { closed, openSince } = waitingPauses(facts.changes);
  const pauses =
    openSince && facts.now.getTime() > openSince.getTime() ? [...closed, { from: openSince, to: facts.now }] : closed;
  const at = (minutes: number) => addBusinessMinutes(calendar, facts.createdAt, minutes, pauses);
  const done = facts.resolvedAt !== null;
  return {
    policyId: policy.id,
    firstResponseWarnAt: at(policy.firstResponseMinutes * WARNING_SHARE),
    firstResponseDueAt: at(policy.firstResponseMinutes),
    firstResponseAt: facts.firstResponseAt,
    resolutionWarnAt: at(policy.resolutionMinutes * WARNING_SHARE),
    resolutionDueAt: at(policy.resolutionMinutes),
    resolvedAt: facts.resolvedAt,
    pausedSince: done ? null : openSince,
  };
}

export type SlaState = 'ok' | 'warning' | 'breached' | 'met';

/**
 * A target's state at `now`: met when done on time, breached when done late or past due
 * while running; warning past the warning instant. While paused the clock stands still at
 * the pause's start.
 */
export function targetState(
  target: { warnAt: Date; dueAt: Date; doneAt: Date | null },
  pausedSince: Date | null,
  now: Date,
): SlaState {
  const clock = target.doneAt ?? pausedSince ?? now;
  if (clock.getTime() > target.dueAt.getTime()) return 'breached';
  if (target.doneAt) return 'met';
  return clock.getTime() >= target.warnAt.getTime() ? 'warning' : 'ok';
}

export function presentSla(clock: CaseSlaClock, now: Date = new Date()) {
  return {
    firstResponse: {
      dueAt: clock.firstResponseDueAt.toISOString(),
      state: targetState(
        { warnAt: clock.firstResponseWarnAt, dueAt: clock.firstResponseDueAt, doneAt: clock.firstResponseAt },
        clock.pausedSince,
        now,
      ),
    },
    resolution: {
      dueAt: clock.resolutionDueAt.toISOString(),
      state: targetState(
        { warnAt: clock.resolutionWarnAt, dueAt: clock.resolutionDueAt, doneAt: clock.resolvedAt },
        clock.pausedSince,
        now,
      ),
    },
    paused: clock.pausedSince !== null,
  };
}

/** SQL (over `case_sla sla`) matching the inbox filter `sla=breached|warning`; the same rule as targetState. */
export const SLA_FILTER_SQL: Record<'breached' | 'warning', string> = {
  breached: `(sla.first_response_due_at < COALESCE(sla.first_response_at, sla.paused_since, now())
     OR sla.resolution_due_at < COALESCE(sla.resolved_at, sla.paused_since, now()))`,
  warning: `NOT (sla.first_response_due_at < COALESCE(sla.first_response_at, sla.paused_since, now())
     OR sla.resolution_due_at < COALESCE(sla.resolved_at, sla.paused_since, now()))
     AND ((sla.first_response_at IS NULL AND sla.first_response_warn_at <= COALESCE(sla.paused_since, now()))
       OR (sla.resolved_at IS NULL AND sla.resolution_warn_at <= COALESCE(sla.paused_since, now())))`,
};
