// The partner directory, guided refusals and referral outcomes.
import { api } from './client.ts';
import type { Page } from './types.ts';

export type PartnerStatus = 'active' | 'paused';
export const REFUSAL_REASONS = ['other-specialization', 'temporarily-unable', 'unrelated'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
export const REFUSAL_CAUSES = ['misdirected', 'overload', 'process-failure'] as const;
export type RefusalCause = (typeof REFUSAL_CAUSES)[number];

export interface Partner {
  id: string;
  name: string;
  specializations: string[];
  regions: string[];
  terms: string;
  contact: { email: string; phone: string | null };
  status: PartnerStatus;
  notes: string;
  outcomes: { referred: number; answered: number; served: number; satisfied: number; incoming: number };
  createdAt: string;
  updatedAt: string;
}

export interface PartnerInput {
  name: string;
  specializations: string[];
  regions: string[];
  terms: string;
  contact: { email: string; phone?: string | null };
  status: PartnerStatus;
  notes: string;
}

export interface PartnerFilters {
  specialization?: string;
  region?: string;
  status?: PartnerStatus | null;
}

export interface Referral {
  id: string;
  partner: { id: string; name: string };
  direction: 'outgoing' | 'incoming';
  case: { id: string; number: number | null } | null;
  customer: { id: string; email: string | null; name: string | null } | null;
  note: string | null;
  createdAt: string;
  outcome: {
    followUpSentAt: string | null;
    served: boolean | null;
    satisfied: boolean | null;
    answeredAt: string | null;
  };
}

export interface RefusalInput {
  reason: RefusalReason;
  cause: RefusalCause;
  partnerId?: string;
  alternative?: string;
  waitUntil?: string;
}

export interface RefusalResult {
  refusal: {
    id: string;
    reason: RefusalReason;
    cause: RefusalCause;
    partnerId: string | null;
    waitUntil: string | null;
  };
  draft: { body: string; language: string };
}

export const partnersApi = {
  list: (filters: PartnerFilters, cursor: string | null = null) =>
    api<Page<Partner>>('/partners', { query: { ...filters, cursor, limit: 100 } }),
  create: (input: PartnerInput) => api<Partner>('/partners', { method: 'POST', body: input }),
  update: (id: string, patch: Partial<PartnerInput>) =>
    api<Partner>(`/partners/${id}`, { method: 'PATCH', body: patch }),
  referrals: (partnerId: string) => api<Page<Referral>>('/referrals', { query: { partnerId, limit: 100 } }),
  settings: () => api<{ followUpDays: number }>('/referral-settings'),
  saveSettings: (followUpDays: number) =>
    api<{ followUpDays: number }>('/referral-settings', { method: 'PATCH', body: { followUpDays } }),
  suggestion: (caseId: string) => api<{ partner: Partner | null }>(`/cases/${caseId}/partner-suggestion`),
  refuse: (caseId: string, input: RefusalInput) =>
    api<RefusalResult>(`/cases/${caseId}/refusal`, { method: 'POST', body: input }),
};
