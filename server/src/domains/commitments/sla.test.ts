import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type BusinessCalendar, businessMinutesBetween, DEFAULT_CALENDAR } from './business-time.ts';
import {
  CUSTOMER_TIERS,
  computeSlaClock,
  DEFAULT_SLA_POLICY,
  resolvePolicy,
  type SlaPolicy,
  type StatusChange,
  specificity,
  statusChangeOf,
  targetState,
  waitingPauses,
} from './sla.ts';

const MINUTE = 60_000;
const ALWAYS_OPEN: BusinessCalendar = {
  timeZone: 'UTC',
  weekly: Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((day) => [day, [{ start: '00:00', end: '24:00' }]])) as never,
  holidays: [],
};

const policy = (selectors: Partial<SlaPolicy>, minutes = 60): SlaPolicy => ({
  id: JSON.stringify(selectors),
  priority: null,
  category: null,
  tier: null,
  firstResponseMinutes: minutes,
  resolutionMinutes: minutes * 10,
  ...selectors,
});

describe('SLA policy resolution', () => {
  const policies = [
    policy({}, 480),
    policy({ priority: 'urgent' }, 60),
    policy({ category: 'billing' }, 240),
    policy({ tier: 'vip' }, 120),
    policy({ priority: 'urgent', category: 'billing' }, 45),
    policy({ priority: 'urgent', tier: 'vip' }, 15),
  ];

  it('takes the most specific matching policy', () => {
    const pick = (priority: string, category: string, tier: string) =>
      resolvePolicy(policies, { priority, category, tier }).firstResponseMinutes;
    assert.equal(pick('normal', 'delivery', 'standard'), 480);
    assert.equal(pick('urgent', 'delivery', 'standard'), 60);
    assert.equal(pick('urgent', 'billing', 'standard'), 45);
    assert.equal(pick('urgent', 'billing', 'vip'), 15);
    // One selector each: the tier outranks the category.
    assert.equal(pick('normal', 'billing', 'vip'), 120);
  });

  it('falls back to the default when nothing matches', () => {
    assert.equal(
      resolvePolicy([policy({ tier: 'vip' })], { priority: 'low', category: 'other', tier: 'standard' }),
      DEFAULT_SLA_POLICY,
    );
  });

  it('gives every combination of selectors its own rank', () => {
    const ranks = new Set<number>();
    for (const priority of [null, 'low'])
      for (const category of [null, 'billing'])
        for (const tier of [null, 'vip']) ranks.add(specificity({ priority, category, tier }));
    assert.equal(ranks.size, 8);
  });

  it('picks a matching policy no other matching one outranks, whatever the storage order', () => {
    const selector = <T extends string>(values: readonly T[]) => fc.option(fc.constantFrom(...values), { nil: null });
    const arbitraryPolicy = fc.record({
      priority: selector(['low', 'normal', 'high', 'urgent'] as const),
      category: selector(['billing', 'delivery', 'other'] as const),
      tier: selector(CUSTOMER_TIERS),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(arbitraryPolicy, { selector: (p) => JSON.stringify(p), maxLength: 20 }),
        fc.record({
          priority: fc.constantFrom('low', 'normal', 'high', 'urgent'),
          category: fc.constantFrom('billing', 'delivery', 'other'),
          tier: fc.constantFrom(...CUSTOMER_TIERS),
        }),
        (selectors, subject) => {
          const all = selectors.map((s) => policy(s));
          const chosen = resolvePolicy(all, subject);
          const reversed = resolvePolicy([...all].reverse(), subject);
          assert.equal(chosen, reversed);
          const matching = all.filter(
            (p) =>
              (p.priority ?? subject.priority) === subject.priority &&
              (p.category ?? subject.category) === subject.category &&
              (p.tier ?? subject.tier) === subject.tier,
          );
          if (matching.length === 0) assert.equal(chosen, DEFAULT_SLA_POLICY);
          else assert.equal(Math.max(...matching.map(specificity)), specificity(chosen));
        },
      ),
    );
  });
});

describe('the clock pauses while the case waits on the customer', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 16, 9, 0) + minute * MINUTE);
  const change = (minute: number, status: string): StatusChange => ({ at: at(minute), status });

  it('reads status changes from case updates, messages and commitments', () => {
    assert.deepEqual(
      statusChangeOf({ created_at: at(1), data: { from: { status: 'open' }, to: { status: 'waiting-customer' } } }),
      {
        at: at(1),
        status: 'waiting-customer',
      },
    );
    assert.deepEqual(
      statusChangeOf({ created_at: at(2), data: { status: { from: 'waiting-customer', to: 'open' } } }),
      {
        at: at(2),
        status: 'open',
      },
    );
    assert.equal(statusChangeOf({ created_at: at(3), data: { to: { priority: 'high' } } }), null);
  });

  it('finds the waiting intervals, closed and still running', () => {
    const pauses = waitingPauses([
      change(50, 'open'),
      change(10, 'waiting-customer'),
      change(30, 'open'),
      change(60, 'waiting-customer'),
      change(70, 'waiting-customer'),
    ]);
    assert.deepEqual(pauses.closed, [{ from: at(10), to: at(30) }]);
    assert.deepEqual(pauses.openSince, at(60));
  });

  it('moves the due time by exactly the business time spent waiting', () => {
    const target = { ...DEFAULT_SLA_POLICY, firstResponseMinutes: 120, resolutionMinutes: 600 };
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.boolean()), { maxLength: 12 }), (raw) => {
        const changes = raw.map(([minute, waiting]) => change(minute, waiting ? 'waiting-customer' : 'open'));
        const facts = { createdAt: at(0), firstResponseAt: null, resolvedAt: null, changes, now: at(3000) };
        const clock = computeSlaClock(ALWAYS_OPEN, target, facts);
        const { closed, openSince } = waitingPauses(changes);
        const pauses = openSince ? [...closed, { from: openSince, to: at(3000) }] : closed;
        // Open time between opening and the due time, minus the waiting, is the target.
        assert.equal(businessMinutesBetween(ALWAYS_OPEN, at(0), clock.firstResponseDueAt, pauses), 120);
        assert.equal(businessMinutesBetween(ALWAYS_OPEN, at(0), clock.resolutionDueAt, pauses), 600);
        const waited = pauses
          .filter((pause) => pause.from.getTime() < clock.resolutionDueAt.getTime())
          .reduce(
            (sum, pause) =>
              sum + (Math.min(pause.to.getTime(), clock.resolutionDueAt.getTime()) - pause.from.getTime()),
            0,
          );
        assert.equal(clock.resolutionDueAt.getTime() - at(0).getTime(), 600 * MINUTE + waited);
        assert.ok(clock.firstResponseWarnAt.getTime() <= clock.firstResponseDueAt.getTime());
        assert.equal(clock.pausedSince?.getTime() ?? null, openSince?.getTime() ?? null);
      }),
    );
  });

  it('counts in the team calendar: outside business hours the clock stands still', () => {
    // Friday 16:00 UTC, a two-hour target in Monday–Friday 09:00–17:00: due Monday 10:00.
    const friday = new Date('2026-11-20T16:00:00Z');
    const clock = computeSlaClock(
      DEFAULT_CALENDAR,
      { ...DEFAULT_SLA_POLICY, firstResponseMinutes: 120 },
      {
        createdAt: friday,
        firstResponseAt: null,
        resolvedAt: null,
        changes: [],
        now: friday,
      },
    );
    assert.equal(clock.firstResponseDueAt.toISOString(), '2026-11-23T10:00:00.000Z');
  });
});

describe('target state', () => {
  const warnAt = new Date('2026-11-16T10:00:00Z');
  const dueAt = new Date('2026-11-16T11:00:00Z');
  const t = (iso: string) => new Date(`2026-11-16T${iso}:00Z`);

  it('is ok, then warning, then breached while running', () => {
    assert.equal(targetState({ warnAt, dueAt, doneAt: null }, null, t('09:30')), 'ok');
    assert.equal(targetState({ warnAt, dueAt, doneAt: null }, null, t('10:30')), 'warning');
    assert.equal(targetState({ warnAt, dueAt, doneAt: null }, null, t('11:30')), 'breached');
  });

  it('is met when done on time and breached when done late', () => {
    assert.equal(targetState({ warnAt, dueAt, doneAt: t('10:59') }, null, t('12:00')), 'met');
    assert.equal(targetState({ warnAt, dueAt, doneAt: t('11:01') }, null, t('12:00')), 'breached');
  });

  it('stands still while paused', () => {
    assert.equal(targetState({ warnAt, dueAt, doneAt: null }, t('09:30'), t('15:00')), 'ok');
    assert.equal(targetState({ warnAt, dueAt, doneAt: null }, t('11:30'), t('15:00')), 'breached');
  });
});
