// Creating cases: one statement upserts the customers and inserts each case with its first
// commitment, message, `case.created` event and outbox rows — atomic on its own, without
// BEGIN/COMMIT. Concurrent API requests share one statement (cases.service.ts, group commit).
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../platform/db.ts';
import { type CaseRow, COMMITMENT_COLUMNS, LADDER_COLUMNS, LADDER_JOINS } from './cases.rows.ts';

/** A message that came by email: its sanitized HTML and when the mail arrived (the message's time). */
export interface EmailContent {
  html: string | null;
  receivedAt: Date;
}

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
  email?: EmailContent;
  /**
   * The caller writes the customer's acknowledgement in its own transaction (ingestion does);
   * otherwise a case the customer opened is acknowledged by a job.
   */
  acknowledgedByCaller?: boolean;
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
    acknowledged_by_caller: record.acknowledgedByCaller === true,
    body_html: record.email?.html ?? null,
    received_at: record.email?.receivedAt ?? null,
  }));
  const { rows } = await tx.executeSql(
    `WITH i AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(case_id uuid, message_id uuid, email text, subject text,
         priority text, category text, channel text, tags jsonb, message_language text, owner_id uuid, team_id uuid,
         author_user_id uuid, body text, search_config text, search_text text, actor_user_id uuid, actor_type text,
         actor_name text, due_at timestamptz, basis jsonb, acknowledged_by_caller boolean, body_html text,
         received_at timestamptz)),
     people AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS r(email text, name text, locale text, phone text)),
     known AS (
       -- Customers already stored, read without a lock. LIMIT keeps the lookup a per-customer
       -- index scan: a plan made for any number of customers would otherwise read the whole table.
       SELECT cu.id, cu.name, cu.email, cu.locale,
              (cu.name IS NULL AND p.name IS NOT NULL) OR (cu.locale IS NULL AND p.locale IS NOT NULL)
                OR (cu.phone IS NULL AND p.phone IS NOT NULL) AS incomplete
       FROM people p CROSS JOIN LATERAL (SELECT * FROM customers WHERE email = p.email LIMIT 1) cu),
     upserted AS (
       -- Only new customers, and known ones missing a name, language or phone that this case
       -- gives, are written (and so locked until commit): a lock on every case's customer would
       -- make concurrent cases of one customer (an email ingest, a burst of form posts) wait
       -- for each other's whole transaction. A row is rewritten only to fill what is missing,
       -- never on every case (it would rewrite its trigram index entry too).
       -- In address order: two statements upserting the same customers lock them in one order.
       INSERT INTO customers (email, name, locale, phone)
       SELECT email, name, locale, phone FROM people p
       WHERE NOT EXISTS (SELECT 1 FROM known WHERE known.email = p.email AND NOT known.incomplete)
       ORDER BY email
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
       SELECT id, name, email, locale FROM known WHERE email NOT IN (SELECT email FROM upserted)),
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
       -- Written whole at once (HTML and arrival time included): an update right after would
       -- index the row a second time, its full-text entry too.
       INSERT INTO messages (id, case_id, direction, visibility, channel, author_user_id, author_customer_id, body_text,
                             language, search, body_html, created_at)
       SELECT i.message_id, c.id, 'inbound', 'public', c.channel, i.author_user_id,
              CASE WHEN i.author_user_id IS NULL THEN c.customer_id END, i.body, i.message_language,
              to_tsvector(i.search_config::regconfig, i.search_text), i.body_html, COALESCE(i.received_at, now())
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
       FROM c JOIN i ON i.case_id = c.id
       WHERE i.actor_type <> 'user' AND c.channel IN ('email', 'web', 'public') AND NOT i.acknowledged_by_caller
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

/**
 * Creates cases in one statement (one is the usual count; concurrent API requests share one).
 * Rows come back in the order of the records; `queued` tells whether a job was recorded (kick
 * the relay).
 */
export async function createCases(tx: Tx, records: NewCaseRecord[]): Promise<CreatedCase[]> {
  const batch = records.map(withIds);
  const created = await insertCases(tx, batch);
  const missing = batch.filter((entry) => !created.has(entry.caseId));
  if (missing.length > 0) for (const [id, row] of await insertCases(tx, missing)) created.set(id, row);
  return batch.map((entry) => {
    const row = created.get(entry.caseId);
    if (!row) throw new Error(`case ${entry.caseId} was not created`);
    return row;
  });
}
