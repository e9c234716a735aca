// Desk-wide settings: the company profile, message templates and the escalation ladder.
import { api } from './client.ts';
import type { Locale, Page } from './types.ts';

export interface CompanyProfile {
  name: string;
  email: string;
  phone: string;
  website: string;
  description: Record<Locale, string>;
  defaultLanguage: Locale;
}

export interface Template {
  id: string;
  key: string;
  language: string;
  subject: string;
  body: string;
  version: number;
  /** The variables this template may use, e.g. `customer.name`. */
  variables: string[];
}

export interface Rung {
  position?: number;
  title: string;
  userId: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
}

export interface SendPolicy {
  missingCommitment: 'block' | 'warn';
}

export interface KeptFigures {
  kept: number;
  missed: number;
  superseded: number;
  keptShare: number | null;
  medianEarlyMinutes: number | null;
}

export interface KeptReport {
  from: string;
  to: string;
  total: KeptFigures;
  byKind: (KeptFigures & { kind: string })[];
}

export const settingsApi = {
  sendPolicy: () => api<SendPolicy>('/settings/send-policy'),
  saveSendPolicy: (policy: SendPolicy) => api<SendPolicy>('/settings/send-policy', { method: 'PUT', body: policy }),
  keptReport: (from: string, to: string) => api<KeptReport>('/reports/commitments', { query: { from, to } }),
  company: () => api<CompanyProfile>('/settings/company'),
  saveCompany: (patch: Partial<CompanyProfile>) =>
    api<CompanyProfile>('/settings/company', { method: 'PATCH', body: patch }),
  templates: async () => (await api<Page<Template>>('/templates')).items,
  saveTemplate: (id: string, input: { subject: string; body: string }) =>
    api<Template>(`/templates/${id}`, { method: 'PUT', body: input }),
  ladder: async () => (await api<Page<Rung>>('/settings/ladder')).items,
  saveLadder: async (rungs: Rung[]) =>
    (await api<Page<Rung>>('/settings/ladder', { method: 'PUT', body: { rungs } })).items,
};
