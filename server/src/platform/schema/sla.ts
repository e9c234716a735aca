import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.ts';
import { teams, users } from './identity.ts';

/**
 * SLA targets in business minutes. A null selector matches any value; the most specific
 * matching policy wins (see docs/sla.md).
 */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    priority: text('priority'),
    category: text('category'),
    tier: text('tier'),
    firstResponseMinutes: integer('first_response_minutes').notNull(),
    resolutionMinutes: integer('resolution_minutes').notNull(),
    position: integer('position').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sla_policies_selector_key').on(
      sql`coalesce(${t.priority}, '*')`,
      sql`coalesce(${t.category}, '*')`,
      sql`coalesce(${t.tier}, '*')`,
    ),
  ],
);

/** A team's business hours (a validated BusinessCalendar document); teams without one use the default. */
export const teamCalendars = pgTable('team_calendars', {
  teamId: uuid('team_id')
    .primaryKey()
    .references(() => teams.id),
  calendar: jsonb('calendar').$type<Record<string, unknown>>().notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The SLA clock of a case, computed by the sweep from the policy, the team calendar and the
 * status history: due and warning instants exclude the closed waiting-on-customer intervals;
 * `paused_since` is set while the case waits on the customer now.
 */
export const caseSla = pgTable(
  'case_sla',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => cases.id),
    policyId: uuid('policy_id'),
    firstResponseWarnAt: timestamp('first_response_warn_at', { withTimezone: true }).notNull(),
    firstResponseDueAt: timestamp('first_response_due_at', { withTimezone: true }).notNull(),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    resolutionWarnAt: timestamp('resolution_warn_at', { withTimezone: true }).notNull(),
    resolutionDueAt: timestamp('resolution_due_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    pausedSince: timestamp('paused_since', { withTimezone: true }),
    /** The case's `updated_at` this row was computed from. */
    caseUpdatedAt: timestamp('case_updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('case_sla_resolution_due_idx').on(t.resolutionDueAt).where(sql`resolved_at IS NULL`)],
);

/** One row per sweep tick that ran: the primary key keeps two processes from running the same tick. */
export const sweepTicks = pgTable(
  'sweep_ticks',
  {
    sweep: text('sweep').notNull(),
    tick: timestamp('tick', { withTimezone: true }).notNull(),
    ranAt: timestamp('ran_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sweep, t.tick] })],
);
