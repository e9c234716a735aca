// SQL for cases, messages and their timeline; creating cases is in cases.insert.ts, the rows
// and their SELECT fragments in cases.rows.ts.
import type { Tx } from '../../platform/db.ts';
import { type CreatedCase, createCases, type EmailContent, type NewCaseRecord } from './cases.insert.ts';
import {
  CASE_COLUMNS,
  CASE_JOINS,
  type CaseRow,
  type Draft,
  type EventRow,
  MESSAGE_SELECT,
  type MessageRow,
} from './cases.rows.ts';

export type { CreatedCase, EmailContent, NewCaseRecord } from './cases.insert.ts';
export type { CaseRow, Draft, EventRow, MessageRow } from './cases.rows.ts';

export const casesRepository = {
  createMany: createCases,

  async create(tx: Tx, record: NewCaseRecord): Promise<CreatedCase> {
    const [row] = await createCases(tx, [record]);
    return row!;
  },

  async byId(tx: Tx, id: string): Promise<CaseRow | undefined> {
    const { rows } = await tx.executeSql(
      `SELECT ${CASE_COLUMNS} FROM cases c ${CASE_JOINS} WHERE c.id = $1`,
      [id],
      true,
    );
    return rows[0] as unknown as CaseRow | undefined;
  },

  /** Cases by id, in no particular order (prepared: the case row's joins take longer to plan than to run). */
  async byIds(tx: Tx, ids: string[]): Promise<CaseRow[]> {
    const { rows } = await tx.executeSql(
      `SELECT ${CASE_COLUMNS} FROM cases c ${CASE_JOINS} WHERE c.id = ANY($1::uuid[])`,
      [ids],
      true,
    );
    return rows as unknown as CaseRow[];
  },

  /** Lists cases matching `where` (SQL built by the service from fixed fragments and bound values). */
  async list(tx: Tx, query: { where: string[]; values: unknown[]; limit: number; order: string }): Promise<CaseRow[]> {
    const { rows } = await tx.executeSql(
      `SELECT ${CASE_COLUMNS} FROM cases c ${CASE_JOINS}
       ${query.where.length > 0 ? `WHERE ${query.where.join(' AND ')}` : ''}
       ORDER BY ${query.order} LIMIT ${query.limit}`,
      query.values,
      // Prepared: planning the case row's joins costs ~15 ms on a large desk, running an inbox page under 1 ms.
      true,
    );
    return rows as unknown as CaseRow[];
  },

  /** Applies a change when `version` is current; returns undefined when someone else changed the case first. */
  async update(
    tx: Tx,
    id: string,
    version: number,
    changes: {
      status?: string;
      priority?: string;
      category?: string;
      tags?: string[];
      ownerId?: string | null;
      escalationLevel?: number;
    },
  ): Promise<{ version: number } | undefined> {
    const sets: string[] = [];
    const values: unknown[] = [id, version];
    const set = (column: string, value: unknown, cast = '') => {
      values.push(value);
      sets.push(`${column} = $${values.length}${cast}`);
    };
    if (changes.status !== undefined) {
      set('status', changes.status);
      sets.push(`resolved_at = CASE WHEN $${values.length} = 'resolved' THEN now() ELSE resolved_at END`);
    }
    if (changes.priority !== undefined) set('priority', changes.priority);
    if (changes.category !== undefined) set('category', changes.category);
    if (changes.tags !== undefined) set('tags', changes.tags, '::text[]');
    if (changes.ownerId !== undefined) set('owner_id', changes.ownerId, '::uuid');
    if (changes.escalationLevel !== undefined) set('escalation_level', changes.escalationLevel, '::int');
    const { rows } = await tx.executeSql(
      `UPDATE cases SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
       WHERE id = $1 AND version = $2 RETURNING version`,
      values,
    );
    return rows[0] as { version: number } | undefined;
  },

  async insertEvent(
    tx: Tx,
    event: {
      caseId: string;
      actorType: string;
      actorUserId: string | null;
      type: string;
      data: Record<string, unknown>;
    },
  ): Promise<void> {
    await tx.executeSql(
      'INSERT INTO events (case_id, actor_user_id, actor_type, type, data) VALUES ($1, $2, $3, $4, $5::jsonb)',
      [event.caseId, event.actorUserId, event.actorType, event.type, JSON.stringify(event.data)],
    );
  },

  async events(tx: Tx, caseId: string, afterVersion?: number): Promise<EventRow[]> {
    const { rows } = await tx.executeSql(
      `SELECT e.id::int AS id, e.type, e.actor_type, e.actor_user_id, u.name AS actor_name, e.data, e.created_at
       FROM events e LEFT JOIN users u ON u.id = e.actor_user_id
       WHERE e.case_id = $1 AND ($2::int IS NULL OR (e.data->>'version')::int > $2::int)
       ORDER BY e.id`,
      [caseId, afterVersion ?? null],
    );
    return rows as unknown as EventRow[];
  },

  async insertMessage(
    tx: Tx,
    message: {
      caseId: string;
      direction: string;
      visibility: string;
      channel: string;
      authorUserId: string | null;
      authorCustomerId: string | null;
      body: string;
      language: string;
      searchConfig: string;
      searchText: string;
      footer?: { text: string; html: string };
      /** `queued` for a message emailed to the customer or a third party (enqueued in the same transaction). */
      deliveryState?: 'queued';
      /** The other side of a `third-party` message. */
      thirdParty?: { email: string; name: string | null };
      /** Written whole: an indexed row updated after its insert is indexed twice. */
      email?: EmailContent;
    },
    /**
     * Written by the same statement, each with the new message's id added to its data as
     * `messageId`: the job that sends it (an outbox row), and an event on the case.
     */
    riders: {
      job?: { queue: string; data: Record<string, unknown> };
      event?: { actorType: string; actorUserId: string | null; type: string; data: Record<string, unknown> };
    } = {},
  ): Promise<{ id: string; created_at: Date }> {
    const { job, event } = riders;
    const { rows } = await tx.executeSql(
      `WITH m AS (
         INSERT INTO messages (case_id, direction, visibility, channel, author_user_id, author_customer_id, body_text,
                               language, search, footer, delivery_state, third_party_email, third_party_name,
                               body_html, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, to_tsvector($9::regconfig, $10), $11::jsonb, $12, $13, $14,
                 $21, COALESCE($22::timestamptz, now()))
         RETURNING id, created_at),
       o AS (
         INSERT INTO outbox (queue, data)
         SELECT $15, $16::jsonb || jsonb_build_object('messageId', m.id) FROM m WHERE $15::text IS NOT NULL),
       e AS (
         INSERT INTO events (case_id, actor_user_id, actor_type, type, data)
         SELECT $1, $17, $18, $19, $20::jsonb || jsonb_build_object('messageId', m.id) FROM m WHERE $19::text IS NOT NULL)
       SELECT id, created_at FROM m`,
      [
        message.caseId,
        message.direction,
        message.visibility,
        message.channel,
        message.authorUserId,
        message.authorCustomerId,
        message.body,
        message.language,
        message.searchConfig,
        message.searchText,
        message.footer ? JSON.stringify(message.footer) : null,
        message.deliveryState ?? null,
        message.thirdParty?.email ?? null,
        message.thirdParty?.name ?? null,
        job?.queue ?? null,
        JSON.stringify(job?.data ?? {}),
        event?.actorUserId ?? null,
        event?.actorType ?? null,
        event?.type ?? null,
        JSON.stringify(event?.data ?? {}),
        message.email?.html ?? null,
        message.email?.receivedAt ?? null,
      ],
      true,
    );
    return rows[0] as { id: string; created_at: Date };
  },

  async messages(tx: Tx, caseId: string, includeInternal: boolean): Promise<MessageRow[]> {
    const { rows } = await tx.executeSql(
      `${MESSAGE_SELECT} WHERE m.case_id = $1 AND ($2 OR m.visibility = 'public') ORDER BY m.created_at, m.id`,
      [caseId, includeInternal],
    );
    return rows as unknown as MessageRow[];
  },

  async messageById(tx: Tx, id: string): Promise<MessageRow | undefined> {
    const { rows } = await tx.executeSql(`${MESSAGE_SELECT} WHERE m.id = $1`, [id]);
    return rows[0] as unknown as MessageRow | undefined;
  },

  /** Whether this user already sent the customer a reply on the case (a first reply introduces the agent). */
  async hasReplied(tx: Tx, caseId: string, userId: string): Promise<boolean> {
    const { rows } = await tx.executeSql(
      `SELECT EXISTS (SELECT 1 FROM messages WHERE case_id = $1 AND direction = 'outbound' AND visibility = 'public'
                        AND author_user_id = $2) AS replied`,
      [caseId, userId],
    );
    return rows[0]?.replied === true;
  },

  /** Links uploaded attachments (by their uploader, not yet on a message) to a message; returns how many. */
  async attachToMessage(
    tx: Tx,
    messageId: string,
    attachmentIds: string[],
    uploaderId: string | null,
  ): Promise<number> {
    if (attachmentIds.length === 0) return 0;
    const { rows } = await tx.executeSql(
      `UPDATE attachments SET message_id = $1
       WHERE id = ANY($2::uuid[]) AND message_id IS NULL AND uploaded_by IS NOT DISTINCT FROM $3::uuid RETURNING id`,
      [messageId, attachmentIds, uploaderId],
    );
    return rows.length;
  },

  async saveDraft(tx: Tx, caseId: string, userId: string, draft: Draft): Promise<void> {
    await tx.executeSql(
      `INSERT INTO drafts (case_id, user_id, body, visibility, recipient) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (case_id, user_id) DO UPDATE SET body = EXCLUDED.body, visibility = EXCLUDED.visibility,
         recipient = EXCLUDED.recipient, updated_at = now()`,
      [caseId, userId, draft.body, draft.visibility, draft.recipient ? JSON.stringify(draft.recipient) : null],
    );
  },

  async draft(tx: Tx, caseId: string, userId: string) {
    const { rows } = await tx.executeSql(
      'SELECT body, visibility, recipient, updated_at FROM drafts WHERE case_id = $1 AND user_id = $2',
      [caseId, userId],
    );
    return rows[0] as (Required<Draft> & { updated_at: Date }) | undefined;
  },

  async deleteDraft(tx: Tx, caseId: string, userId: string): Promise<void> {
    await tx.executeSql('DELETE FROM drafts WHERE case_id = $1 AND user_id = $2', [caseId, userId]);
  },
};
