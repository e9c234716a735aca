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

export const settingsApi = {
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
