import { presentSla } from '../commitments/sla.ts';
import { stepText } from '../commitments/standard-steps.ts';
import type { CaseRow, EventRow, MessageRow } from './cases.repository.ts';

function presentCommitment(row: CaseRow) {
  if (!row.commitment_id || !row.commitment_kind || !row.commitment_due_at) return null;
  return {
    kind: row.commitment_kind,
    nextStep: stepText(row.commitment_kind, row.commitment_next_step, row.language),
    dueAt: new Date(row.commitment_due_at).toISOString(),
    owner: row.commitment_owner_id ? { id: row.commitment_owner_id, name: row.commitment_owner_name ?? '' } : null,
    waitingOn: row.commitment_waiting_on ?? 'us',
    basis: row.commitment_basis ?? {},
    ladder: {
      current: row.rung_title ? { title: row.rung_title, name: row.rung_name } : null,
      next: row.next_rung_title
        ? {
            title: row.next_rung_title,
            name: row.next_rung_name,
            contact: [row.next_rung_email, row.next_rung_phone].filter(Boolean).join(', ') || null,
          }
        : null,
    },
  };
}

/** The SLA targets and their state now, from the case's stored clock. */
function presentCaseSla(row: CaseRow) {
  if (!row.sla_first_response_due_at || !row.sla_resolution_due_at) return null;
  const at = (value: Date | null | undefined) => (value ? new Date(value) : null);
  return presentSla({
    policyId: null,
    firstResponseWarnAt: new Date(row.sla_first_response_warn_at!),
    firstResponseDueAt: new Date(row.sla_first_response_due_at),
    firstResponseAt: at(row.sla_first_response_at),
    resolutionWarnAt: new Date(row.sla_resolution_warn_at!),
    resolutionDueAt: new Date(row.sla_resolution_due_at),
    resolvedAt: at(row.sla_resolved_at),
    pausedSince: at(row.sla_paused_since),
  });
}

export const presentCase = (row: CaseRow) => ({
  id: row.id,
  number: row.number,
  subject: row.subject,
  status: row.status,
  priority: row.priority,
  category: row.category,
  channel: row.channel,
  tags: row.tags,
  language: row.language,
  customer: { id: row.customer_id, name: row.customer_name, email: row.customer_email },
  owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
  team: row.team_id ? { id: row.team_id, name: row.team_name ?? '' } : null,
  followUpOf: row.follow_up_of,
  escalationLevel: row.escalation_level,
  commitment: presentCommitment(row),
  sla: presentCaseSla(row),
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export type CaseView = ReturnType<typeof presentCase>;

export const presentMessage = (row: MessageRow) => ({
  id: row.id,
  direction: row.direction,
  visibility: row.visibility,
  channel: row.channel,
  author: row.author_user_id
    ? { type: 'user', id: row.author_user_id, name: row.author_name ?? '' }
    : row.author_customer_id
      ? { type: 'customer', id: row.author_customer_id, name: row.author_name ?? '' }
      : row.third_party_email
        ? { type: 'third-party', id: null, name: row.third_party_name ?? row.third_party_email }
        : { type: 'system', id: null, name: '' },
  text: row.body_text,
  html: row.body_html,
  footer: row.footer?.text ?? null,
  language: row.language,
  attachments: row.attachments.map((attachment) => ({
    ...attachment,
    url: `/api/v1/attachments/${attachment.id}`,
  })),
  delivery: row.delivery_state ? { state: row.delivery_state, error: row.delivery_error } : null,
  thirdParty: row.third_party_email ? { email: row.third_party_email, name: row.third_party_name } : null,
  createdAt: new Date(row.created_at).toISOString(),
});

export const presentEvent = (row: EventRow) => ({
  id: row.id,
  type: row.type,
  actor: { type: row.actor_type, id: row.actor_user_id, name: row.actor_name ?? (row.data.actorName as string) ?? '' },
  data: row.data,
  createdAt: new Date(row.created_at).toISOString(),
});
