import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases, messages } from './cases.ts';
import { users } from './identity.ts';

/** Rule packs edited by supervisors, one current version per language (absent → the shipped pack). */
export const replyPacks = pgTable('reply_packs', {
  language: text('language').primaryKey(),
  pack: jsonb('pack').$type<unknown>().notNull(),
  version: integer('version').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** What the checker found in each sent reply: the source of auto-QA. */
export const messageFindings = pgTable(
  'message_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    agentId: uuid('agent_id').references(() => users.id),
    language: text('language').notNull(),
    category: text('category').notNull(),
    rule: text('rule').notNull(),
    severity: text('severity').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    text: text('text').notNull(),
    message: text('message').notNull(),
    suggestion: text('suggestion').notNull(),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }),
    dismissedBy: uuid('dismissed_by').references(() => users.id),
    dismissReason: text('dismiss_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('message_findings_case_idx').on(t.caseId),
    index('message_findings_dismissed_idx').on(t.language, t.dismissedAt).where(sql`dismissed_at IS NOT NULL`),
  ],
);

/** Auto-QA score per sent conversation, kept current on every send and dismissal. */
export const qaScores = pgTable(
  'qa_scores',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => cases.id),
    agentId: uuid('agent_id').references(() => users.id),
    score: integer('score').notNull(),
    findings: integer('findings').notNull(),
    byCategory: jsonb('by_category').$type<Record<string, number>>().notNull(),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('qa_scores_worst_idx').on(t.score, t.lastSentAt, t.caseId)],
);
