// Shapes of the HTTP API v1 (docs/api-contract.md) as the web app uses them.
import type { CaseSla } from './sla.ts';

export const ROLES = ['admin', 'supervisor', 'agent', 'lawyer', 'staff', 'customer'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES = ['admin', 'supervisor', 'agent', 'lawyer', 'staff'] as const;

export const STATUSES = ['new', 'open', 'waiting-customer', 'waiting-third-party', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof STATUSES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Built-in cause categories; admins may add more, so a case's category is any string. */
export const CATEGORIES = ['quality', 'service', 'delivery', 'billing', 'other'] as const;

export const CHANNELS = ['email', 'web', 'phone', 'api', 'public'] as const;
export type Channel = (typeof CHANNELS)[number];

export const LOCALES = ['en', 'ru', 'pl', 'ro'] as const;
export type Locale = (typeof LOCALES)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  teamId: string | null;
  locale: string;
  active: boolean;
  notifyByEmail: boolean;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Ref {
  id: string;
  name: string;
}

export interface Case {
  id: string;
  number: number;
  subject: string;
  status: CaseStatus;
  priority: Priority;
  category: string;
  channel: Channel;
  tags: string[];
  language: string;
  customer: { id: string; name: string | null; email: string };
  owner: Ref | null;
  team: Ref | null;
  /** What happens next, by when, with whom; null when no step is promised (resolved cases, or after the first reply until the next one is set). */
  commitment?: Commitment | null;
  /** Position of the escalation-ladder rung handling the case (1 = the first). */
  escalationLevel: number;
  /** SLA targets; null until the server has computed the case's clock. */
  sla?: CaseSla | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type WaitingOn = 'us' | 'customer' | 'third-party';

export interface LadderRung {
  title: string;
  name: string | null;
}

export interface Commitment {
  kind: string;
  nextStep: string;
  dueAt: string;
  owner: Ref | null;
  waitingOn: WaitingOn;
  ladder: { current: LadderRung | null; next: (LadderRung & { contact: string | null }) | null };
}

/** The honest date for a next step, and its basis in words. */
export interface Proposal {
  kind: string;
  dueAt: string;
  basis: { kind: 'history' | 'policy'; text: string };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  url?: string;
}

export interface Actor {
  type: 'customer' | 'user' | 'token' | 'system' | 'third-party';
  id: string | null;
  name: string | null;
}

/** `public`: to the customer; `internal`: a note; `third-party`: an email to a supplier or partner. */
export type Visibility = 'public' | 'internal' | 'third-party';

/** The other side of a third-party message. */
export interface ThirdParty {
  email: string;
  name?: string | null;
}

export interface Message {
  id: string;
  direction: 'inbound' | 'outbound';
  visibility: Visibility;
  author: Actor;
  text: string;
  html: string | null;
  /** The commitment footer the customer received with this message. */
  footer: string | null;
  language: string;
  attachments: Attachment[];
  /** Email delivery of a public reply; null when the message is not emailed. */
  delivery?: Delivery | null;
  /** A third-party message: whom it went to, or who wrote it. */
  thirdParty?: ThirdParty | null;
  createdAt: string;
}

export interface Delivery {
  state: 'queued' | 'sent' | 'failed' | 'bounced';
  error: string | null;
}

export interface CaseEvent {
  id: string | number;
  type: string;
  actor: Actor | null;
  data: Record<string, unknown>;
  createdAt: string;
}

/** A third party's address in the composer, as typed so far. */
export interface DraftRecipient {
  email: string;
  name: string;
}

export interface Draft {
  body: string;
  visibility: Visibility;
  recipient: DraftRecipient | null;
  updatedAt: string;
}

export interface Team {
  id: string;
  name: string;
  defaultLanguage: string;
  isDefault?: boolean;
}

/** A cause category with its display name per language (admins may add their own). */
export interface Category {
  id: string;
  labels: Record<string, string>;
}

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  createdAt?: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
}

export interface Customer {
  id: string;
  name: string | null;
  email: string;
  otherEmails?: string[];
  phone: string | null;
  locale: string | null;
  country: string | null;
  organization: Ref | null;
}

export interface CustomerWithCases extends Customer {
  cases: Case[];
}

export interface AppNotification {
  id: string;
  kind: string;
  text: string;
  caseId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

/** Body of a 409 `case-changed` answer to PATCH /cases/{id}. */
export interface CaseChangedProblem extends Problem {
  current: Case;
  changes: CaseEvent[];
}
