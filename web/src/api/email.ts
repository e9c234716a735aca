// Inbound email administration: the quarantine (mail that could not be ingested, kept with
// its reason), downloadable as .eml and reprocessable.
import { api, buildUrl } from './client.ts';
import type { Page } from './types.ts';

export type InboundState = 'received' | 'ingested' | 'quarantined' | 'duplicate' | 'ignored';

export interface InboundMail {
  id: string;
  source: 'smtp' | 'imap';
  state: InboundState;
  reason: string | null;
  envelopeFrom: string | null;
  recipients: string[];
  from: string | null;
  subject: string | null;
  size: number;
  caseId: string | null;
  receivedAt: string;
  processedAt: string | null;
}

export const emailApi = {
  inbound: (state: InboundState, cursor?: string | null) =>
    api<Page<InboundMail>>('/admin/quarantine', { query: { state, cursor, limit: 50 } }),
  /** The .eml as received (a download link: the browser sends the session cookie). */
  emlUrl: (id: string) => buildUrl(`/admin/quarantine/${id}/eml`),
  reprocess: (id: string) => api<void>(`/admin/quarantine/${id}/reprocess`, { method: 'POST' }),
};
