import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.ts';
import { teams, users } from './identity.ts';

/**
 * What happens next on a case, by when and with whom. One `current` commitment per open
 * case; earlier ones stay as history (kept, missed or superseded).
 */
export const commitments = pgTable(
  'commitments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** `first-reply` (we answer) or `next-step` (any other step, with its text). */
    kind: text('kind').notNull(),
    /** The step in the case language; null for standard steps whose words come from the kind. */
    nextStep: text('next_step'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    ownerId: uuid('owner_id').references(() => users.id),
    teamId: uuid('team_id').references(() => teams.id),
    waitingOn: text('waiting_on').notNull(),
    state: text('state').notNull().default('current'),
    /** How the date was chosen: the honest proposal's basis, or the agent's own date. */
    basis: jsonb('basis').$type<Record<string, unknown>>().notNull().default({}),
    /** Why the agent chose a date earlier than the honest proposal. */
    reason: text('reason'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** When the sweep warned the owner that the due time is near (once per commitment). */
    warnedAt: timestamp('warned_at', { withTimezone: true }),
    /** When the sweep followed up a missed commitment (customer notice and new date, or the owner did). */
    followedUpAt: timestamp('followed_up_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('commitments_current_key').on(t.caseId).where(sql`state = 'current'`),
    index('commitments_due_idx').on(t.dueAt).where(sql`state = 'current'`),
    index('commitments_case_idx').on(t.caseId, t.createdAt),
    // The sweep: current commitments by due time, missed ones awaiting their follow-up.
    index('commitments_state_due_idx').on(t.state, t.dueAt),
    index('commitments_missed_pending_idx').on(t.closedAt).where(sql`state = 'missed' AND followed_up_at IS NULL`),
  ],
);
