// SQL for cases, messages and their timeline. Creating a case is one statement (customer
// upsert + case + message + event + outbox row): one round trip per case, atomic on its own
// without BEGIN/COMMIT, is what keeps case creation fast under load.
import { randomUUID } from 'node:crypto';
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

export type CreatedCase = CaseRow & { queued: number };

/** A record with the ids the statement gives its case and first message (they join the rows back). */
const withIds = (record: NewCaseRecord) => ({ record, caseId: randomUUID(), messageId: randomUUID() });

/**
 * Inserts cases in one statement: customer upserts, cases, first commitments, messages, events
 * and outbox rows, all from one JSON parameter. Returns the created rows by case id; a case whose
 * customer a concurrent statement has just created is missing (that customer is invisible to
 * this statement's snapshot), and a second attempt finds it.
 */
async function insertCases(tx: Tx, batch: ReturnType<typeof withIds>[]): Promise<Map<string, CreatedCase>> {
  // One row per customer: several new cases of one customer may share a statement; each
  // field is the first one given.
  const people = new Map<string, NewCaseRecord['customer']>();
  for (const { record } of batch) {
    const { email, name, locale, phone } = record.customer;
    const known = people.get(email);
    people.set(email, {
      email,
      name: known?.name ?? name,
      locale: known?.locale ?? locale,
      phone: known?.phone ?? phone,
    });
  }
  const cases = batch.map(({ record, caseId, messageId }) => ({
    case_id: caseId,
    message_id: messageId,
    email: record.customer.email,
    subject: record.subject,
    priority: record.priority,
    category: record.category,
    channel: record.channel,
    tags: record.tags,
    message_language: record.messageLanguage,
    owner_id: record.ownerId,
    team_id: record.teamId,
    author_user_id: record.authorUserId,
    body: record.body,
    search_config: record.searchConfig,
    search_text: record.searchText,
    actor_user_id: record.actor.userId,
    actor_type: record.actor.type,
    actor_name: record.actor.name,
    due_at: record.firstCommitment.dueAt,
    basis: record.firstCommitment.basis,
  }));
  const { rows } = await tx.executeSql(
    `WITH i AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(case_id uuid, message_id uuid, email text, subject text,
         priority text, category text, channel text, tags jsonb, message_language text, owner_id uuid, team_id uuid,
         author_user_id uuid, body text, search_config text, search_text text, actor_user_id uuid, actor_type text,
         actor_name text, due_at timestamptz, basis jsonb)),
     people AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS r(email text, name text, locale text, phone text)),
     upserted AS (
       -- A known customer's row is rewritten only to fill a missing name, language or phone:
       -- an unconditional update would rewrite it (and its trigram index entry) on every case.
       -- In address order: two statements upserting the same customers lock them in one order.
       INSERT INTO customers (email, name, locale, phone) SELECT email, name, locale, phone FROM people ORDER BY email
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
       -- LIMIT keeps the lookup a per-customer index scan: a plan made for any number of
       -- customers would otherwise read the whole table.
       SELECT cu.id, cu.name, cu.email, cu.locale
       FROM people p CROSS JOIN LATERAL (SELECT * FROM customers WHERE email = p.email LIMIT 1) cu
       WHERE p.email NOT IN (SELECT email FROM upserted)),
     c AS (
       INSERT INTO cases (id, subject, priority, category, channel, tags, language, customer_id, owner_id, team_id,
                          commitment_due_at)
       SELECT i.case_id, i.subject, i.priority, i.category, i.channel,
              ARRAY(SELECT jsonb_array_elements_text(i.tags)), COALESCE(cust.locale, i.message_language), cust.id,
              i.owner_id, i.team_id, i.due_at
       FROM i JOIN cust ON cust.email = i.email
       RETURNING *),
     k AS (
       -- Every case starts with a commitment: we answer by an honest date.
       INSERT INTO commitments (case_id, kind, due_at, owner_id, team_id, waiting_on, basis)
       SELECT c.id, 'first-reply', c.commitment_due_at, c.owner_id, c.team_id, 'us', i.basis
       FROM c JOIN i ON i.case_id = c.id
       RETURNING *),
     m AS (
       INSERT INTO messages (id, case_id, direction, visibility, channel, author_user_id, author_customer_id, body_text,
                             language, search)
       SELECT i.message_id, c.id, 'inbound', 'public', c.channel, i.author_user_id,
              CASE WHEN i.author_user_id IS NULL THEN c.customer_id END, i.body, i.message_language,
              to_tsvector(i.search_config::regconfig, i.search_text)
       FROM c JOIN i ON i.case_id = c.id),
     e AS (
       INSERT INTO events (case_id, actor_user_id, actor_type, type, data)
       SELECT c.id, i.actor_user_id, i.actor_type, 'case.created',
              jsonb_build_object('version', 1, 'channel', c.channel, 'actorName', i.actor_name, 'messageId', i.message_id)
       FROM c JOIN i ON i.case_id = c.id),
     o AS (
       INSERT INTO outbox (queue, data)
       SELECT 'notify.user', jsonb_build_object('userId', c.owner_id, 'caseId', c.id, 'kind', 'assigned')
       FROM c JOIN i ON i.case_id = c.id WHERE c.owner_id IS NOT NULL AND c.owner_id IS DISTINCT FROM i.actor_user_id
       UNION ALL
       -- A case the customer opened (email, web form, public page) is acknowledged once.
       SELECT 'case.acknowledge', jsonb_build_object('caseId', c.id)
       FROM c JOIN i ON i.case_id = c.id WHERE i.actor_type <> 'user' AND c.channel IN ('email', 'web', 'public')
       RETURNING (data->>'caseId')::uuid AS case_id)
     SELECT (SELECT count(*) FROM o WHERE o.case_id = c.id)::int AS queued, c.id, c.number::int AS number, c.subject,
            c.status, c.priority, c.category, c.channel, c.tags, c.language, c.version, c.created_at, c.updated_at,
            c.team_id, t.name AS team_name, c.owner_id, u.name AS owner_name, c.customer_id,
            cust.name AS customer_name, cust.email AS customer_email, c.follow_up_of, ${COMMITMENT_COLUMNS},
            ${LADDER_COLUMNS}
     FROM c JOIN cust ON cust.id = c.customer_id JOIN k ON k.case_id = c.id
       LEFT JOIN users u ON u.id = c.owner_id LEFT JOIN teams t ON t.id = c.team_id
       LEFT JOIN users ku ON ku.id = k.owner_id ${LADDER_JOINS}`,
    [JSON.stringify(cases), JSON.stringify([...people.values()])],
    true,
  );
  return new Map(rows.map((row) => [row.id as string, row as unknown as CreatedCase]));
}

export const casesRepository = {
  /**
   * Creates cases in one statement (one is the usual count; concurrent API requests share one,
   * see case-batch.ts). Rows come back in the order of the records; `queued` tells whether a job
   * was recorded (kick the relay).
   */
  async createMany(tx: Tx, records: NewCaseRecord[]): Promise<CreatedCase[]> {
    const batch = records.map(withIds);
    const created = await insertCases(tx, batch);
    const missing = batch.filter((entry) => !created.has(entry.caseId));
    if (missing.length > 0) for (const [id, row] of await insertCases(tx, missing)) created.set(id, row);
    return batch.map((entry) => {
      const row = created.get(entry.caseId);
      if (!row) throw new Error(`case ${entry.caseId} was not created`);
      return row;
    });
  },

  async create(tx: Tx, record: NewCaseRecord): Promise<CreatedCase> {
    const [row] = await casesRepository.createMany(tx, [record]);
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
