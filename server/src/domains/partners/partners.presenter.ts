import type { PartnerRow, ReferralRow } from './partners.repository.ts';

export const presentPartner = (row: PartnerRow) => ({
  id: row.id,
  name: row.name,
  specializations: row.specializations,
  regions: row.regions,
  terms: row.terms,
  contact: { email: row.contact_email, phone: row.contact_phone },
  status: row.status,
  notes: row.notes,
  outcomes: {
    referred: row.referred,
    answered: row.answered,
    served: row.served,
    satisfied: row.satisfied,
    incoming: row.incoming,
  },
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
});

export type PartnerView = ReturnType<typeof presentPartner>;

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

export const presentReferral = (row: ReferralRow) => ({
  id: row.id,
  partner: { id: row.partner_id, name: row.partner_name },
  direction: row.direction,
  case: row.case_id ? { id: row.case_id, number: row.case_number } : null,
  customer: row.customer_id ? { id: row.customer_id, email: row.customer_email, name: row.customer_name } : null,
  refusalId: row.refusal_id,
  language: row.language,
  note: row.note,
  createdAt: new Date(row.created_at).toISOString(),
  outcome: {
    followUpSentAt: iso(row.follow_up_sent_at),
    served: row.served,
    satisfied: row.satisfied,
    answeredAt: iso(row.answered_at),
  },
});
