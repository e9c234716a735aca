import { api } from './client.ts';
import type {
  Attachment,
  Case,
  CaseEvent,
  Draft,
  Message,
  Page,
  Priority,
  Proposal,
  ThirdParty,
  Visibility,
  WaitingOn,
} from './types.ts';

export type InboxView = 'mine' | 'team' | 'all';

export interface CaseFilters {
  view: InboxView;
  status?: string | null;
  priority?: string | null;
  category?: string | null;
  q?: string;
  owner?: string | null;
  customerEmail?: string;
  /** `due`: the next promised date first. */
  sort?: 'activity' | 'due' | null;
  /** Only cases with an SLA target breached, or at risk. */
  sla?: 'breached' | 'warning' | null;
}

export interface CasePatch {
  version: number;
  status?: string;
  priority?: string;
  category?: string;
  tags?: string[];
  ownerId?: string | null;
}

export interface NewCase {
  subject: string;
  customer: { email: string; name?: string; locale?: string };
  message: { body: string };
  priority?: Priority;
  category?: string;
}

export interface PhoneCall {
  subject: string;
  customer: { email: string; name?: string; phone?: string; locale?: string };
  summary: string;
  priority?: Priority;
  category?: string;
}

export interface NewMessage {
  body: string;
  visibility: Visibility;
  /** Whom a third-party message goes to. */
  recipient?: ThirdParty;
  status?: string;
  attachments?: string[];
  /** Send although the reply checker blocks it (only roles the checker's settings allow). */
  override?: { reason: string };
  /** What happens next after a public reply: a new commitment, or keep the current one. */
  commitment?: CommitmentRequest | 'keep';
}

export interface CommitmentRequest {
  nextStep: string;
  dueAt?: string;
  ownerId?: string | null;
  waitingOn: WaitingOn;
  /** Needed for a date earlier than the honest proposal. */
  reason?: string;
}

export const casesApi = {
  list: (filters: CaseFilters, cursor: string | null, limit = 25) =>
    api<Page<Case>>('/cases', { query: { ...filters, cursor, limit } }),
  get: (id: string) => api<Case>(`/cases/${id}`),
  create: (input: NewCase) => api<Case>('/cases', { method: 'POST', body: input }),
  logPhoneCall: (input: PhoneCall) => api<Case>('/cases/phone-call', { method: 'POST', body: input }),
  update: (id: string, patch: CasePatch) => api<Case>(`/cases/${id}`, { method: 'PATCH', body: patch }),
  messages: (id: string) => api<{ items: Message[] }>(`/cases/${id}/messages`),
  events: (id: string) => api<{ items: CaseEvent[] }>(`/cases/${id}/events`),
  reply: (id: string, input: NewMessage) => api<Message>(`/cases/${id}/messages`, { method: 'POST', body: input }),
  handover: (id: string, toUserId: string, note: string) =>
    api<Case>(`/cases/${id}/handover`, { method: 'POST', body: { toUserId, note } }),
  proposal: (caseId: string, kind: 'first-reply' | 'next-step') =>
    api<Proposal>('/commitments/proposal', { query: { caseId, kind } }),
  escalate: (id: string, reason: string) => api<Case>(`/cases/${id}/escalate`, { method: 'POST', body: { reason } }),
  getDraft: (id: string) => api<Draft>(`/cases/${id}/draft`),
  saveDraft: (id: string, draft: Omit<Draft, 'updatedAt'>) =>
    api<void>(`/cases/${id}/draft`, { method: 'PUT', body: draft }),
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<Attachment>('/attachments', { method: 'POST', body: form });
  },
};
