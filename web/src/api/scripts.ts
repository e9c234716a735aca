// Scripts (playbooks): approved texts per language, versioned, inserted from the composer.
import type { Finding } from '@heard/replycheck';
import { api } from './client.ts';
import type { Page } from './types.ts';

export const SCRIPT_CATEGORIES = [
  'order',
  'payment',
  'delivery',
  'apology',
  'compensation',
  'discount',
  'return',
  'handover',
  'refusal',
  'other',
] as const;
export type ScriptCategory = (typeof SCRIPT_CATEGORIES)[number];

export interface Script {
  id: string;
  key: string;
  language: string;
  category: ScriptCategory;
  caseCategories: string[];
  tags: string[];
  title: string;
  body: string;
  version: number;
  builtin: boolean;
  updatedAt: string;
}

export interface ScriptVersion {
  version: number;
  title: string;
  body: string;
  category: string;
  tags: string[];
  caseCategories: string[];
  createdAt: string;
  createdBy: { id: string; name: string } | null;
}

export interface ScriptInput {
  category: ScriptCategory;
  caseCategories: string[];
  tags: string[];
  title: string;
  body: string;
}

export interface ScriptFilters {
  q?: string;
  language?: string | null;
  category?: string | null;
  caseCategory?: string | null;
}

export interface Rendered {
  body: string;
  language: string;
  missing: string[];
}

export interface Preview {
  body: string;
  findings: Finding[];
  blocked: boolean;
}

export const scriptsApi = {
  list: (filters: ScriptFilters) => api<Page<Script>>('/scripts', { query: { ...filters, limit: 200 } }),
  variables: () => api<{ variables: string[]; categories: string[] }>('/scripts/variables'),
  versions: (id: string) => api<Page<ScriptVersion>>(`/scripts/${id}/versions`),
  create: (input: ScriptInput & { language: string; key?: string }) =>
    api<{ script: Script; findings: Finding[] }>('/scripts', { method: 'POST', body: input }),
  update: (id: string, input: ScriptInput & { version: number }) =>
    api<{ script: Script; findings: Finding[] }>(`/scripts/${id}`, { method: 'PUT', body: input }),
  preview: (input: { language: string; title: string; body: string }) =>
    api<Preview>('/scripts/preview', { method: 'POST', body: input }),
  render: (caseId: string, scriptId: string, values: Record<string, string> = {}) =>
    api<Rendered>(`/cases/${caseId}/scripts/${scriptId}/render`, { method: 'POST', body: { values } }),
};
