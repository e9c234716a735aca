// The rows the cases repository returns, and the SQL fragments that select them: a case with
// its team, owner, customer, current commitment, escalation rungs and SLA clock; a message
// with its author and attachments.

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
export const COMMITMENT_COLUMNS = `k.id AS commitment_id, k.kind AS commitment_kind, k.next_step AS commitment_next_step,
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
export const LADDER_COLUMNS = `c.escalation_level, r1.title AS rung_title, r1u.name AS rung_name,
  r2.title AS next_rung_title, r2u.name AS next_rung_name, COALESCE(r2.contact_email, r2u.email) AS next_rung_email,
  r2.contact_phone AS next_rung_phone`;
export const LADDER_JOINS = `LEFT JOIN escalation_rungs r1 ON r1.position = c.escalation_level
  LEFT JOIN users r1u ON r1u.id = r1.user_id
  LEFT JOIN escalation_rungs r2 ON r2.position = c.escalation_level + 1
  LEFT JOIN users r2u ON r2u.id = r2.user_id`;
export const CASE_COLUMNS = `c.id, c.number::int AS number, c.subject, c.status, c.priority, c.category, c.channel, c.tags,
  c.language, c.version, c.created_at, c.updated_at, c.team_id, t.name AS team_name, c.owner_id, u.name AS owner_name,
  c.customer_id, cu.name AS customer_name, cu.email AS customer_email, c.follow_up_of, ${COMMITMENT_COLUMNS},
  ${LADDER_COLUMNS}, ${SLA_COLUMNS}, ${SORT_KEYS}`;
export const CASE_JOINS = `JOIN customers cu ON cu.id = c.customer_id
  LEFT JOIN users u ON u.id = c.owner_id LEFT JOIN teams t ON t.id = c.team_id
  LEFT JOIN commitments k ON k.case_id = c.id AND k.state = 'current' LEFT JOIN users ku ON ku.id = k.owner_id
  ${LADDER_JOINS}
  LEFT JOIN case_sla sla ON sla.case_id = c.id`;

export const MESSAGE_SELECT = `SELECT m.id, m.case_id, m.direction, m.visibility, m.channel, m.author_user_id,
    m.author_customer_id, COALESCE(u.name, cu.name, cu.email) AS author_name, m.body_text, m.body_html, m.footer, m.language,
    m.created_at, m.delivery_state, m.delivery_error, m.third_party_email, m.third_party_name,
    COALESCE((SELECT jsonb_agg(jsonb_build_object('id', a.id, 'filename', a.filename,
                'contentType', a.content_type, 'size', a.size) ORDER BY a.created_at)
              FROM attachments a WHERE a.message_id = m.id), '[]'::jsonb) AS attachments
  FROM messages m LEFT JOIN users u ON u.id = m.author_user_id LEFT JOIN customers cu ON cu.id = m.author_customer_id`;

/** A composer draft: the text, where it goes and, for a third party, the address as typed so far. */
export interface Draft {
  body: string;
  visibility: string;
  recipient?: { email: string; name: string } | null;
}
