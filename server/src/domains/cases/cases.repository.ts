// SQL for cases, messages and their timeline. Creating a case is one statement (customer
// upsert + case + message + event + outbox row): one round trip per case, atomic on its own
// without BEGIN/COMMIT, is what keeps case creation fast under load.
import type { Tx } from '../../platform/db.ts';

export interface CaseRow {
  id: string;
  number: number;
  subject: string;
  status: string;
  priority: string;
  category: string;
  channel: string;
  tags: string[];
  language: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  team_id: string | null;
  team_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  customer_id: string;
  customer_name: string | null;
  customer_email: string;
  follow_up_of: string | null;
  commitment_id: string | null;
  commitment_kind: string | null;
  commitment_next_step: string | null;
  commitment_due_at: Date | null;
  commitment_owner_id: string | null;
  commitment_owner_name: string | null;
  commitment_waiting_on: string | null;
  commitment_basis: Record<string, unknown> | null;
  escalation_level: number;
  /** Exact sort times for list cursors (absent on the row returned by create). */
  updated_key?: string;
  due_key?: string | null;
  rung_title: string | null;
  rung_name: string | null;
  next_rung_title: string | null;
  next_rung_name: string | null;
  next_rung_email: string | null;
  next_rung_phone: string | null;
  /** The SLA clock (case_sla), absent until the sweep computed it. */
  sla_first_response_warn_at?: Date | null;
  sla_first_response_due_at?: Date | null;
  sla_first_response_at?: Date | null;
  sla_resolution_warn_at?: Date | null;
  sla_resolution_due_at?: Date | null;
  sla_resolved_at?: Date | null;
  sla_paused_since?: Date | null;
}

export interface MessageRow {
  id: string;
  case_id: string;
  direction: string;
  visibility: string;
  channel: string;
  author_user_id: string | null;
  author_customer_id: string | null;
  author_name: string | null;
  body_text: string;
  body_html: string | null;
  footer: { text: string; html: string } | null;
  language: string;
  created_at: Date;
  attachments: { id: string; filename: string; contentType: string; size: number }[];
  /** Email delivery of a public outbound message (email/outbound.jobs.ts); null when not emailed. */
  delivery_state: string | null;
  delivery_error: string | null;
  /** The party a `third-party` message went to or came from; null on every other message. */
  third_party_email: string | null;
  third_party_name: string | null;
}

export interface EventRow {
  id: number;
  type: string;
  actor_type: string;
  actor_user_id: string | null;
  actor_name: string | null;
  data: Record<string, unknown>;
  created_at: Date;
}

/** The current commitment, read from `k` (commitments) and `ku` (its owner). */
const COMMITMENT_COLUMNS = `k.id AS commitment_id, k.kind AS commitment_kind, k.next_step AS commitment_next_step,
  k.due_at AS commitment_due_at, k.owner_id AS commitment_owner_id, ku.name AS commitment_owner_name,
  k.waiting_on AS commitment_waiting_on, k.basis AS commitment_basis`;
/**
 * List cursors keep the sort times exactly as the database has them (microseconds; a
 * JavaScript Date would round to milliseconds and a page could skip cases updated within
 * the same millisecond).
 */
const SORT_KEYS = `c.updated_at::text AS updated_key, c.commitment_due_at::text AS due_key`;

/** The SLA clock, read from `sla` (case_sla). */
const SLA_COLUMNS = `sla.first_response_warn_at AS sla_first_response_warn_at,
  sla.first_response_due_at AS sla_first_response_due_at, sla.first_response_at AS sla_first_response_at,
  sla.resolution_warn_at AS sla_resolution_warn_at, sla.resolution_due_at AS sla_resolution_due_at,
  sla.resolved_at AS sla_resolved_at, sla.paused_since AS sla_paused_since`;
/** The ladder rung handling the case (`r1`) and the one above it (`r2`), with their people. */
const LADDER_COLUMNS = `c.escalation_level, r1.title AS rung_title, r1u.name AS rung_name,
  r2.title AS next_rung_title, r2u.name AS next_rung_name, COALESCE(r2.contact_email, r2u.email) AS next_rung_email,
  r2.contact_phone AS next_rung_phone`;
const LADDER_JOINS = `LEFT JOIN escalation_rungs r1 ON r1.position = c.escalation_level
  LEFT JOIN users r1u ON r1u.id = r1.user_id
  LEFT JOIN escalation_rungs r2 ON r2.position = c.escalation_level + 1
  LEFT JOIN users r2u ON r2u.id = r2.user_id`;
const CASE_COLUMNS = `c.id, c.number::int AS number, c.subject, c.status, c.priority, c.category, c.channel, c.tags,
  c.language, c.version, c.created_at, c.updated_at, c.team_id, t.name AS team_name, c.owner_id, u.name AS owner_name,
  c.customer_id, cu.name AS customer_name, cu.email AS customer_email, c.follow_up_of, ${COMMITMENT_COLUMNS},
  ${LADDER_COLUMNS}, ${SLA_COLUMNS}, ${SORT_KEYS}`;
const CASE_JOINS = `JOIN customers cu ON cu.id = c.customer_id
  LEFT JOIN users u ON u.id = c.owner_id LEFT JOIN teams t ON t.id = c.team_id
  LEFT JOIN commitments k ON k.case_id = c.id AND k.state = 'current' LEFT JOIN users ku ON ku.id = k.owner_id
  ${LADDER_JOINS}
  LEFT JOIN case_sla sla ON sla.case_id = c.id`;

const MESSAGE_SELECT = `SELECT m.id, m.case_id, m.direction, m.visibility, m.channel, m.author_user_id,
    m.author_customer_id, COALESCE(u.name, cu.name, cu.email) AS author_name, m.body_text, m.body_html, m.footer, m.language,
    m.created_at, m.delivery_state, m.delivery_error, m.third_party_email, m.third_party_name,
    COALESCE((SELECT jsonb_agg(jsonb_build_object('id', a.id, 'filename', a.filename,
                'contentType', a.content_type, 'size', a.size) ORDER BY a.created_at)
              FROM attachments a WHERE a.message_id = m.id), '[]'::jsonb) AS attachments
  FROM messages m LEFT JOIN users u ON u.id = m.author_user_id LEFT JOIN customers cu ON cu.id = m.author_customer_id`;

export interface NewCaseRecord {
  customer: { email: string; name: string | null; locale: string | null; phone: string | null };
  subject: string;
  priority: string;
  category: string;
  channel: string;
  tags: string[];
  /** Language of the first message; the case language is the customer's locale, else this. */
  messageLanguage: string;
  searchConfig: string;
  searchText: string;
  body: string;
  ownerId: string | null;
  teamId: string | null;
  actor: { type: string; userId: string | null; name: string };
  /** Inbound from the customer, or outbound (a phone call logged by the agent is inbound too). */
  authorUserId: string | null;
  /** When we answer by, and how that date was chosen. */
  firstCommitment: { dueAt: Date; basis: Record<string, unknown> };
}

async function insertCase(tx: Tx, record: NewCaseRecord): Promise<(CaseRow & { queued: number }) | undefined> {
  const { rows } = await tx.executeSql(
    `WITH upserted AS (
       -- A known customer's row is rewritten only to fill a missing name, language or phone:
       -- an unconditional update would rewrite it (and its trigram index entry) on every case.
       INSERT INTO customers (email, name, locale, phone) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO UPDATE SET
         name = COALESCE(customers.name, EXCLUDED.name),
         locale = COALESCE(customers.locale, EXCLUDED.locale),
         phone = COALESCE(customers.phone, EXCLUDED.phone)
       WHERE (customers.name IS NULL AND EXCLUDED.name IS NOT NULL)
          OR (customers.locale IS NULL AND EXCLUDED.locale IS NOT NULL)
          OR (customers.phone IS NULL AND EXCLUDED.phone IS NOT NULL)
       RETURNING id, name, email, locale),
     cust AS (
       SELECT id, name, email, locale FROM upserted
       UNION ALL
       SELECT id, name, email, locale FROM customers WHERE email = $1 AND NOT EXISTS (SELECT 1 FROM upserted)),
     c AS (
       INSERT INTO cases (subject, priority, category, channel, tags, language, customer_id, owner_id, team_id,
                          commitment_due_at)
       SELECT $5, $6, $7, $8, $9::text[], COALESCE(cust.locale, $10), cust.id, $11::uuid, $12::uuid, $20::timestamptz
       FROM cust
       RETURNING *),
     k AS (
       -- Every case starts with a commitment: we answer by an honest date.
       INSERT INTO commitments (case_id, kind, due_at, owner_id, team_id, waiting_on, basis)
       SELECT c.id, 'first-reply', $20::timestamptz, c.owner_id, c.team_id, 'us', $21::jsonb FROM c
       RETURNING *),
     m AS (
       INSERT INTO messages (case_id, direction, visibility, channel, author_user_id, author_customer_id, body_text,
                             language, search)
       SELECT c.id, 'inbound', 'public', c.channel, $13::uuid, CASE WHEN $13::uuid IS NULL THEN c.customer_id END, $14,
              $10, to_tsvector($15::regconfig, $16)
       FROM c RETURNING id),
     e AS (
       INSERT INTO events (case_id, actor_user_id, actor_type, type, data)
       SELECT c.id, $17::uuid, $18, 'case.created',
              jsonb_build_object('version', 1, 'channel', c.channel, 'actorName', $19::text, 'messageId', m.id)
       FROM c, m),
     o AS (
       INSERT INTO outbox (queue, data)
       SELECT 'notify.user', jsonb_build_object('userId', c.owner_id, 'caseId', c.id, 'kind', 'assigned')
       FROM c WHERE c.owner_id IS NOT NULL AND c.owner_id IS DISTINCT FROM $17::uuid
       UNION ALL
       -- A case the customer opened (email, web form, public page) is acknowledged once.
       SELECT 'case.acknowledge', jsonb_build_object('caseId', c.id)
       FROM c WHERE $18 <> 'user' AND c.channel IN ('email', 'web', 'public')
       RETURNING 1)
     SELECT (SELECT count(*) FROM o)::int AS queued, c.id, c.number::int AS number, c.subject, c.status, c.priority, c.category, c.channel, c.tags, c.language,
            c.version, c.created_at, c.updated_at, c.team_id, t.name AS team_name, c.owner_id, u.name AS owner_name,
            c.customer_id, cust.name AS customer_name, cust.email AS customer_email, c.follow_up_of, ${COMMITMENT_COLUMNS},
            ${LADDER_COLUMNS}
     FROM c CROSS JOIN cust CROSS JOIN k LEFT JOIN users u ON u.id = c.owner_id LEFT JOIN teams t ON t.id = c.team_id
       LEFT JOIN users ku ON ku.id = k.owner_id ${LADDER_JOINS}`,
    [
      record.customer.email,
      record.customer.name,
      record.customer.locale,
      record.customer.phone,
      record.subject,
      record.priority,
      record.category,
      record.channel,
      record.tags,
      record.messageLanguage,
      record.ownerId,
      record.teamId,
      record.authorUserId,
      record.body,
      record.searchConfig,
      record.searchText,
      record.actor.userId,
      record.actor.type,
      record.actor.name,
      record.firstCommitment.dueAt,
      JSON.stringify(record.firstCommitment.basis),
    ],
    true,
  );
  return rows[0] as unknown as (CaseRow & { queued: number }) | undefined;
}

export const casesRepository = {
  /** Creates the case; `queued` tells whether a job was recorded (kick the relay). */
  async create(tx: Tx, record: NewCaseRecord): Promise<CaseRow & { queued: number }> {
    // A customer created by a concurrent statement is invisible to this statement's snapshot:
    // nothing is inserted then, and the second attempt (a new snapshot) finds the customer.
    return (await insertCase(tx, record)) ?? (await insertCase(tx, record))!;
  },

  async byId(tx: Tx, id: string): Promise<CaseRow | undefined> {
    const { rows } = await tx.executeSql(
      `SELECT ${CASE_COLUMNS} FROM cases c ${CASE_JOINS} WHERE c.id = $1`,
      [id],
      true,
    );
    return rows[0] as unknown as CaseRow | undefined;
  },

  /** Lists cases matching `where` (SQL built by the service from fixed fragments and bound values). */
  async list(
    tx: Tx,
    query: { where: string[]; values: unknown[]; limit: number; order: string; with?: string; join?: string },
  ): Promise<CaseRow[]> {
    const { rows } = await tx.executeSql(
      `${query.with ? `WITH ${query.with}` : ''}
       SELECT ${CASE_COLUMNS} FROM cases c ${query.join ?? ''} ${CASE_JOINS}
       ${query.where.length > 0 ? `WHERE ${query.where.join(' AND ')}` : ''}
       ORDER BY ${query.order} LIMIT ${query.limit}`,
      query.values,
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
    },
  ): Promise<{ id: string; created_at: Date }> {
    const { rows } = await tx.executeSql(
      `INSERT INTO messages (case_id, direction, visibility, channel, author_user_id, author_customer_id, body_text,
                             language, search, footer, delivery_state, third_party_email, third_party_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, to_tsvector($9::regconfig, $10), $11::jsonb, $12, $13, $14)
       RETURNING id, created_at`,
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
      ],
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

  async saveDraft(tx: Tx, caseId: string, userId: string, body: string, visibility: string): Promise<void> {
    await tx.executeSql(
      `INSERT INTO drafts (case_id, user_id, body, visibility) VALUES ($1, $2, $3, $4)
       ON CONFLICT (case_id, user_id) DO UPDATE SET body = EXCLUDED.body, visibility = EXCLUDED.visibility, updated_at = now()`,
      [caseId, userId, body, visibility],
    );
  },

  async draft(tx: Tx, caseId: string, userId: string) {
    const { rows } = await tx.executeSql(
      'SELECT body, visibility, updated_at FROM drafts WHERE case_id = $1 AND user_id = $2',
      [caseId, userId],
    );
    return rows[0] as { body: string; visibility: string; updated_at: Date } | undefined;
  },

  async deleteDraft(tx: Tx, caseId: string, userId: string): Promise<void> {
    await tx.executeSql('DELETE FROM drafts WHERE case_id = $1 AND user_id = $2', [caseId, userId]);
  },
};
