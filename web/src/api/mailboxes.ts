// IMAP mailboxes the desk fetches mail from (admins). The password goes to the server and
// never comes back: a mailbox only says whether its last attempt worked.
import { api } from './client.ts';
import type { Page } from './types.ts';

export type MailboxMode = 'idle' | 'poll';

export interface MailboxSettings {
  name: string;
  host: string;
  port: number;
  tls: boolean;
  username: string;
  folder: string;
  mode: MailboxMode;
  pollIntervalSeconds: number;
  /** none | flag | move:<folder> */
  afterProcessing: string;
  teamId: string | null;
  category: string | null;
  active: boolean;
}

export interface Mailbox extends MailboxSettings {
  id: string;
  uidValidity: number | null;
  lastUid: number;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  status: 'ok' | 'error' | 'pending';
  polledBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export type MailboxInput = MailboxSettings & { password?: string };

export const mailboxesApi = {
  list: async () => (await api<Page<Mailbox>>('/settings/mailboxes')).items,
  create: (input: MailboxInput) => api<Mailbox>('/settings/mailboxes', { method: 'POST', body: input }),
  update: (id: string, patch: Partial<MailboxInput>) =>
    api<Mailbox>(`/settings/mailboxes/${id}`, { method: 'PATCH', body: patch }),
  remove: (id: string) => api<void>(`/settings/mailboxes/${id}`, { method: 'DELETE' }),
};
