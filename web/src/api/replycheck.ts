// The service-language checker's endpoints (docs/api-contract.md, issue 5): packs, settings,
// feedback, the composer's reply context and auto-QA.
import type { CategoryId, Finding, Language, PackError, RulePack, SeverityOverride } from '@heard/replycheck';
import { api } from './client.ts';
import type { Actor, Page, Problem, Ref, Role } from './types.ts';

export interface ReplyCheckSettings {
  severities: Record<CategoryId, SeverityOverride>;
  overrideRoles: Role[];
  weights: { block: number; warn: number; info: number };
}

export interface PackInfo {
  language: Language;
  version: number;
  updatedAt: string | null;
  updatedBy: Ref | null;
}

export interface ReplyContext {
  language: string;
  customerName: string | null;
  agentName: string;
  isFirstReply: boolean;
  isOpenCase: boolean;
}

export interface Feedback {
  id: string;
  language: string;
  category: CategoryId;
  rule: string;
  text: string;
  reason: string;
  reportedBy: Ref | null;
  createdAt: string;
}

export interface QaConversation {
  case: { id: string; number: number; subject: string };
  agent: Ref | null;
  score: number;
  findings: number;
  byCategory: Partial<Record<CategoryId, number>>;
  lastSentAt: string;
}

export interface QaFinding extends Finding {
  id: string;
  dismissed: boolean;
}

export interface QaMessage {
  id: string;
  text: string;
  createdAt: string;
  author: Actor | Ref | null;
  findings: QaFinding[];
}

export interface QaCase {
  score: number;
  byCategory: Partial<Record<CategoryId, number>>;
  messages: QaMessage[];
}

/** Body of a 422 `reply-check-blocked` answer to POST /cases/{id}/messages. */
export interface ReplyCheckBlockedProblem extends Problem {
  findings: Finding[];
  canOverride?: boolean;
}

/** Body of a 422 `pack-invalid` answer to PUT /replycheck/packs/{lang}. */
export type PackInvalidProblem = Omit<Problem, 'errors'> & { errors?: PackError[] };

export const replycheckApi = {
  packs: () => api<{ items: PackInfo[] }>('/replycheck/packs'),
  pack: (language: Language) => api<RulePack>(`/replycheck/packs/${language}`),
  savePack: (language: Language, pack: unknown) =>
    api<{ language: Language; version: number; updatedAt: string }>(`/replycheck/packs/${language}`, {
      method: 'PUT',
      body: pack,
    }),
  settings: () => api<ReplyCheckSettings>('/replycheck/settings'),
  saveSettings: (settings: ReplyCheckSettings) =>
    api<ReplyCheckSettings>('/replycheck/settings', { method: 'PUT', body: settings }),
  feedback: (language: Language) => api<{ items: Feedback[] }>('/replycheck/feedback', { query: { language } }),
  replyContext: (caseId: string) => api<ReplyContext>(`/cases/${caseId}/reply-context`),
  qaList: (cursor: string | null, agentId: string | null) =>
    api<Page<QaConversation>>('/qa/conversations', { query: { cursor, agentId } }),
  qaCase: (caseId: string) => api<QaCase>(`/qa/cases/${caseId}`),
  dismiss: (findingId: string, reason: string) =>
    api<void>(`/qa/findings/${findingId}/dismiss`, { method: 'POST', body: { reason } }),
};
