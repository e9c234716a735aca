// Cases: create (web, API, phone log), list and search, change with optimistic versions,
// reply and note, warm hand-over. Every change writes an event in the same transaction.
import { type AppContext, transaction, type Unit } from '../../context.ts';
import { AppError, forbidden, invalid, notFound } from '../../errors.ts';
import type { Tx } from '../../platform/db.ts';
import { enqueue } from '../../platform/jobs.ts';
import { isManager, isStaff, type Principal } from '../../platform/principal.ts';
import type { Language } from '../../platform/templates.ts';
import { identityRepository } from '../identity/identity.repository.ts';
import { checkBeforeSend, recordFindings } from '../replycheck/replycheck.service.ts';
import { renderStoredTemplate } from '../settings/settings.service.ts';
import { asLanguage, detectLanguage, SEARCH_CONFIGS, searchText } from './cases.language.ts';
import { type CaseScope, canCase, canCreateCase } from './cases.policy.ts';
import { type CaseView, presentCase, presentEvent, presentMessage } from './cases.presenter.ts';
import { type CaseRow, casesRepository as repo } from './cases.repository.ts';
import { searchPlan } from './cases.search.ts';
import { caseReferenceData } from './reference-data.ts';

export const STATUSES = ['new', 'open', 'waiting-customer', 'waiting-third-party', 'resolved', 'closed'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const CHANNELS = ['email', 'web', 'phone', 'api', 'public'] as const;
export const CLOSED_STATUSES = ['resolved', 'closed'];

export interface NewCase {
  subject: string;
  customer: { email: string; name?: string; locale?: string; phone?: string };
  message: { body: string };
  channel?: string;
  priority?: string;
  category?: string;
  tags?: string[];
  /** Owner of the new case; default: the staff member who takes the contact. */
  ownerId?: string | null;
}

const actorOf = (principal: Principal) => ({
  type: principal.kind,
  userId: principal.kind === 'user' ? principal.id : null,
  name: principal.name,
});

/** Analyses a message body: its language and what goes into its full-text vector. */
function indexMessage(body: string, fallback: Language) {
  const language = detectLanguage(body) ?? fallback;
  return { language, searchConfig: SEARCH_CONFIGS[language], searchText: searchText(language, body) };
}

async function loadVisibleCase(tx: Tx, principal: Principal, id: string, action: Parameters<typeof canCase>[1]) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('case');
  const row = await repo.byId(tx, id);
  if (!row || !canCase(principal, 'read', row)) throw notFound('case');
  if (!canCase(principal, action, row)) throw forbidden(`you may not ${action} this case`);
  return row;
}

export async function createCase(ctx: AppContext, principal: Principal, input: NewCase): Promise<CaseView> {
  if (!canCreateCase(principal)) throw forbidden('you may not create cases');
  const reference = await caseReferenceData(ctx);
  const category = input.category ?? 'other';
  if (!reference.categories.has(category)) throw invalid('body/category', `unknown category "${category}"`);
  const channel = input.channel ?? (principal.kind === 'token' ? 'api' : 'web');
  const takesOwnership = principal.kind === 'user' && isStaff(principal);
  const ownerId = input.ownerId !== undefined ? input.ownerId : takesOwnership ? principal.id : null;
  if (ownerId && ownerId !== principal.id && !(await reference.isActiveStaff(ownerId))) {
    throw invalid('body/ownerId', 'no such active colleague');
  }
  const teamId = principal.teamId ?? reference.defaultTeamId;
  const message = indexMessage(input.message.body, reference.defaultLanguage);
  // One statement, atomic by itself: no BEGIN/COMMIT round trips on the hottest path.
  const row = await repo.create(ctx.database, {
    customer: {
      email: input.customer.email.trim().toLowerCase(),
      name: input.customer.name?.trim() || null,
      locale: input.customer.locale ?? null,
      phone: input.customer.phone ?? null,
    },
    subject: input.subject.trim(),
    priority: input.priority ?? 'normal',
    category,
    channel,
    tags: input.tags ?? [],
    messageLanguage: message.language,
    searchConfig: message.searchConfig,
    searchText: message.searchText,
    body: input.message.body,
    ownerId,
    teamId,
    actor: actorOf(principal),
    authorUserId: null,
  });
  if (row.queued > 0) ctx.jobs?.kick();
  return presentCase(row);
}

/** A phone call logged by the agent who took it: a case on the phone channel that they own. */
export function logPhoneCall(
  ctx: AppContext,
  principal: Principal,
  input: Omit<NewCase, 'message' | 'channel'> & { summary: string },
): Promise<CaseView> {
  return createCase(ctx, principal, { ...input, channel: 'phone', message: { body: input.summary } });
}

const announce = (ctx: AppContext, unit: Unit, row: Pick<CaseRow, 'id' | 'team_id' | 'owner_id' | 'customer_id'>) =>
  ctx.changes.announce(unit, {
    kind: 'case',
    caseId: row.id,
    teamId: row.team_id,
    ownerId: row.owner_id,
    customerId: row.customer_id,
  });

export async function getCase(ctx: AppContext, principal: Principal, id: string): Promise<CaseView> {
  return presentCase(await loadVisibleCase(ctx.database, principal, id, 'read'));
}

export interface CaseFilters {
  view?: 'mine' | 'team' | 'all';
  status?: string;
  owner?: string;
  category?: string;
  priority?: string;
  q?: string;
  customerEmail?: string;
  cursor?: string;
  limit?: number;
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      if (!Number.isNaN(Date.parse(value[0])) && /^[0-9a-f-]{36}$/.test(value[1])) return [value[0], value[1]];
    }
  } catch {
    // fall through to the error below
  }
  throw invalid('querystring/cursor', 'is not a cursor returned by this API');
}

export async function listCases(ctx: AppContext, principal: Principal, filters: CaseFilters) {
  const where: string[] = [];
  const values: unknown[] = [];
  const bind = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  // Scope first: the same rule as canSeeCase, in SQL.
  if (principal.role === 'customer') where.push(`cu.email = ${bind(principal.customerEmail)}`);
  else if (!isStaff(principal)) throw forbidden('you may not list cases');
  else if (principal.role === 'agent' && principal.kind === 'user') {
    where.push(`(c.team_id = ${bind(principal.teamId)} OR c.owner_id = ${bind(principal.id)})`);
  }
  const me = principal.kind === 'user' ? principal.id : null;
  if (filters.view === 'mine') where.push(`c.owner_id = ${bind(me)}`);
  if (filters.view === 'team' && principal.teamId) where.push(`c.team_id = ${bind(principal.teamId)}`);
  if (filters.status === 'open' || filters.status === undefined) {
    if (filters.status === 'open') where.push(`c.status NOT IN ('resolved', 'closed')`);
  } else if (filters.status !== 'any') where.push(`c.status = ${bind(filters.status)}`);
  if (filters.owner === 'me') where.push(`c.owner_id = ${bind(me)}`);
  else if (filters.owner === 'none') where.push('c.owner_id IS NULL');
  else if (filters.owner) where.push(`c.owner_id = ${bind(filters.owner)}::uuid`);
  if (filters.category) where.push(`c.category = ${bind(filters.category)}`);
  if (filters.priority) where.push(`c.priority = ${bind(filters.priority)}`);
  if (filters.customerEmail) where.push(`cu.email = ${bind(filters.customerEmail.trim().toLowerCase())}`);
  const search = filters.q?.trim() ? searchPlan(filters.q.trim(), bind) : undefined;
  // Search results are the best matches, ranked: one page, no cursor.
  if (filters.cursor && !search) {
    const [updatedAt, id] = decodeCursor(filters.cursor);
    where.push(`(c.updated_at, c.id) < (${bind(updatedAt)}::timestamptz, ${bind(id)}::uuid)`);
  }
  const limit = Math.min(Math.max(filters.limit ?? 25, 1), 100);
  const rows = await repo.list(ctx.database, {
    where,
    values,
    limit: limit + 1,
    order: search?.order ?? 'c.updated_at DESC, c.id DESC',
    ...(search ? { with: search.with, join: search.join } : {}),
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(presentCase),
    nextCursor:
      rows.length > limit && last && !search
        ? Buffer.from(JSON.stringify([last.updated_at.toISOString(), last.id])).toString('base64url')
        : null,
  };
}

export interface CasePatch {
  version: number;
  status?: string;
  priority?: string;
  category?: string;
  tags?: string[];
  ownerId?: string | null;
}

async function caseChanged(tx: Tx, id: string, version: number): Promise<AppError> {
  const current = await repo.byId(tx, id);
  return new AppError('case-changed', `the case is at version ${current?.version}, not ${version}`, {
    current: current ? presentCase(current) : null,
    changes: (await repo.events(tx, id, version)).map(presentEvent),
  });
}

export async function updateCase(
  ctx: AppContext,
  principal: Principal,
  id: string,
  patch: CasePatch,
): Promise<CaseView> {
  const reference = await caseReferenceData(ctx);
  if (patch.category !== undefined && !reference.categories.has(patch.category)) {
    throw invalid('body/category', `unknown category "${patch.category}"`);
  }
  if (patch.ownerId && !(await reference.isActiveStaff(patch.ownerId)))
    throw invalid('body/ownerId', 'no such active colleague');
  return transaction(ctx, async (unit) => {
    const before = await loadVisibleCase(unit, principal, id, 'update');
    const { version, ...changes } = patch;
    const changed = Object.fromEntries(
      Object.entries(changes).filter(([key, value]) => {
        const current = { ownerId: before.owner_id, ...before }[key === 'ownerId' ? 'ownerId' : key];
        return JSON.stringify(value) !== JSON.stringify(current);
      }),
    ) as Omit<CasePatch, 'version'>;
    if (Object.keys(changed).length === 0) {
      if (before.version !== version) throw await caseChanged(unit, id, version);
      return presentCase(before);
    }
    const updated = await repo.update(unit, id, version, changed);
    if (!updated) throw await caseChanged(unit, id, version);
    const from: Record<string, unknown> = {};
    for (const key of Object.keys(changed)) {
      from[key] = key === 'ownerId' ? before.owner_id : before[key as keyof CaseRow];
    }
    await repo.insertEvent(unit, {
      caseId: id,
      actorType: principal.kind,
      actorUserId: principal.kind === 'user' ? principal.id : null,
      type: 'case.updated',
      data: { version: updated.version, from, to: changed, actorName: principal.name },
    });
    if (changed.ownerId && changed.ownerId !== (principal.kind === 'user' ? principal.id : null)) {
      await notifyUser(unit, changed.ownerId, id, 'assigned');
    }
    const after = (await repo.byId(unit, id))!;
    await announce(ctx, unit, after);
    return presentCase(after);
  });
}

/** Records an in-app notification and, when the user wants it, an email (through the outbox). */
async function notifyUser(
  tx: Tx,
  userId: string,
  caseId: string,
  kind: 'assigned' | 'handed-over' | 'customer-replied',
) {
  await enqueue(tx, 'notify.user', { userId, caseId, kind });
}

export interface NewMessage {
  body: string;
  visibility: 'public' | 'internal';
  status?: string;
  attachments?: string[];
  /** Send although the reply checker blocks it (roles allowed by the supervisor's settings). */
  override?: { reason: string };
}

/** What the reply checker needs to know about the conversation, beyond the text. */
async function replyContext(tx: Tx, principal: Principal, current: CaseRow, nextStatus: string) {
  const sentBefore = (await repo.messages(tx, current.id, false)).some(
    (m) => m.direction === 'outbound' && m.author_user_id === principal.id,
  );
  return {
    customerName: current.customer_name ?? undefined,
    agentName: principal.name,
    isFirstReply: !sentBefore,
    isOpenCase: !CLOSED_STATUSES.includes(nextStatus),
  };
}

/** The reply context of a case for the composer's live check. */
export async function getReplyContext(ctx: AppContext, principal: Principal, id: string) {
  const current = await loadVisibleCase(ctx.database, principal, id, 'reply');
  const context = await replyContext(
    ctx.database,
    principal,
    current,
    current.status === 'new' ? 'open' : current.status,
  );
  return { language: current.language, ...context, customerName: context.customerName ?? null };
}

export async function addMessage(ctx: AppContext, principal: Principal, id: string, input: NewMessage) {
  const reference = await caseReferenceData(ctx);
  return transaction(ctx, async (unit) => {
    const current = await loadVisibleCase(unit, principal, id, input.visibility === 'internal' ? 'note' : 'reply');
    if (principal.role === 'customer' && input.status !== undefined)
      throw invalid('body/status', 'customers cannot set the status');
    const fromCustomer = principal.role === 'customer';
    // A customer writing on a closed case opens a follow-up linked to it.
    if (fromCustomer && current.status === 'closed') {
      return followUp(unit, principal, current, input.body, reference.defaultLanguage);
    }
    const message = indexMessage(input.body, asLanguage(current.language, reference.defaultLanguage));
    const nextStatus = nextStatusAfterMessage(current.status, fromCustomer, input);
    const isStaffReply = !fromCustomer && input.visibility === 'public';
    const checked = isStaffReply
      ? await checkBeforeSend(unit, principal, {
          body: input.body,
          language: message.language,
          context: await replyContext(unit, principal, current, nextStatus),
          ...(input.override ? { override: input.override } : {}),
        })
      : undefined;
    const inserted = await repo.insertMessage(unit, {
      caseId: id,
      direction: fromCustomer ? 'inbound' : 'outbound',
      visibility: input.visibility,
      channel: fromCustomer ? 'web' : current.channel,
      authorUserId: principal.kind === 'user' && !fromCustomer ? principal.id : null,
      authorCustomerId: fromCustomer ? current.customer_id : null,
      body: input.body,
      language: message.language,
      searchConfig: message.searchConfig,
      searchText: message.searchText,
    });
    const attached = await repo.attachToMessage(
      unit,
      inserted.id,
      input.attachments ?? [],
      principal.kind === 'user' ? principal.id : null,
    );
    if (attached !== (input.attachments ?? []).length) {
      throw invalid('body/attachments', 'unknown attachment, or one already sent or uploaded by someone else');
    }
    const version = current.version + 1;
    const moved = await repo.update(
      unit,
      id,
      current.version,
      nextStatus === current.status ? {} : { status: nextStatus },
    );
    if (!moved) throw await caseChanged(unit, id, current.version);
    await repo.insertEvent(unit, {
      caseId: id,
      actorType: fromCustomer ? 'customer' : principal.kind,
      actorUserId: principal.kind === 'user' && !fromCustomer ? principal.id : null,
      type: input.visibility === 'internal' ? 'note.added' : 'message.added',
      data: {
        version,
        messageId: inserted.id,
        actorName: principal.name,
        ...(nextStatus !== current.status ? { status: { from: current.status, to: nextStatus } } : {}),
      },
    });
    if (checked) {
      await recordFindings(
        unit,
        {
          id: inserted.id,
          caseId: id,
          agentId: principal.kind === 'user' ? principal.id : null,
          language: message.language,
        },
        checked.findings,
      );
      if (checked.overridden) {
        await repo.insertEvent(unit, {
          caseId: id,
          actorType: principal.kind,
          actorUserId: principal.kind === 'user' ? principal.id : null,
          type: 'reply.check-overridden',
          data: {
            messageId: inserted.id,
            reason: input.override?.reason,
            categories: checked.findings.filter((f) => f.severity === 'block').map((f) => f.category),
            actorName: principal.name,
          },
        });
      }
      await enqueue(unit, 'case.reply', { caseId: id, messageId: inserted.id });
    }
    if (fromCustomer && current.owner_id) await notifyUser(unit, current.owner_id, id, 'customer-replied');
    if (principal.kind === 'user' && !fromCustomer) await repo.deleteDraft(unit, id, principal.id);
    await announce(ctx, unit, current);
    const [row] = (await repo.messages(unit, id, true)).filter((m) => m.id === inserted.id);
    return presentMessage(row!);
  });
}

function nextStatusAfterMessage(status: string, fromCustomer: boolean, input: NewMessage): string {
  if (input.status !== undefined) return input.status;
  if (fromCustomer) return status === 'new' ? 'new' : 'open';
  if (input.visibility === 'public' && status === 'new') return 'open';
  return status;
}

async function followUp(unit: Unit, principal: Principal, closed: CaseRow, body: string, fallback: Language) {
  const message = indexMessage(body, asLanguage(closed.language, fallback));
  const created = await repo.create(unit, {
    customer: { email: closed.customer_email, name: closed.customer_name, locale: null, phone: null },
    subject: closed.subject,
    priority: 'normal',
    category: closed.category,
    channel: 'web',
    tags: [],
    messageLanguage: message.language,
    searchConfig: message.searchConfig,
    searchText: message.searchText,
    body,
    ownerId: closed.owner_id,
    teamId: closed.team_id,
    actor: { type: 'customer', userId: null, name: principal.name },
    authorUserId: null,
  });
  await unit.executeSql('UPDATE cases SET follow_up_of = $1 WHERE id = $2', [closed.id, created.id]);
  await repo.insertEvent(unit, {
    caseId: closed.id,
    actorType: 'customer',
    actorUserId: null,
    type: 'case.follow-up-opened',
    data: { followUpId: created.id, followUpNumber: created.number, actorName: principal.name },
  });
  if (closed.owner_id) await notifyUser(unit, closed.owner_id, created.id, 'customer-replied');
  const [row] = await repo.messages(unit, created.id, false);
  return presentMessage(row!);
}

export async function listMessages(ctx: AppContext, principal: Principal, id: string) {
  const row = await loadVisibleCase(ctx.database, principal, id, 'read');
  return (await repo.messages(ctx.database, row.id, isStaff(principal))).map(presentMessage);
}

export async function listEvents(ctx: AppContext, principal: Principal, id: string) {
  const row = await loadVisibleCase(ctx.database, principal, id, 'read');
  if (!isStaff(principal)) throw forbidden('the timeline is for staff');
  return (await repo.events(ctx.database, row.id)).map(presentEvent);
}

/**
 * Warm hand-over: the case goes to a named colleague with a note they see first; the
 * customer gets one message saying who helps them now.
 */
export async function handOver(
  ctx: AppContext,
  principal: Principal,
  id: string,
  input: { toUserId: string; note: string },
) {
  const reference = await caseReferenceData(ctx);
  if (!(await reference.isActiveStaff(input.toUserId))) throw invalid('body/toUserId', 'no such active colleague');
  return transaction(ctx, async (unit) => {
    const current = await loadVisibleCase(unit, principal, id, 'handover');
    if (current.owner_id === input.toUserId) throw invalid('body/toUserId', 'the case is already theirs');
    if (current.owner_id && current.owner_id !== principal.id && !isManager(principal) && principal.kind === 'user') {
      throw forbidden('only the owner or a supervisor may hand this case over');
    }
    const colleague = (await identityRepository.userById(unit, input.toUserId))!;
    const updated = await repo.update(unit, id, current.version, { ownerId: input.toUserId });
    if (!updated) throw await caseChanged(unit, id, current.version);
    const language = asLanguage(current.language, reference.defaultLanguage);
    const customerMessage = await renderStoredTemplate(unit, 'case.handover', language, {
      case: { number: current.number, subject: current.subject },
      customer: { name: current.customer_name ?? current.customer_email },
      agent: { name: colleague.name },
      previousAgent: { name: current.owner_name ?? principal.name },
    });
    const note = await repo.insertMessage(unit, {
      caseId: id,
      direction: 'outbound',
      visibility: 'internal',
      channel: current.channel,
      authorUserId: principal.kind === 'user' ? principal.id : null,
      authorCustomerId: null,
      body: input.note,
      ...indexMessage(input.note, language),
    });
    const told = await repo.insertMessage(unit, {
      caseId: id,
      direction: 'outbound',
      visibility: 'public',
      channel: current.channel,
      authorUserId: colleague.id,
      authorCustomerId: null,
      body: customerMessage.body,
      language,
      searchConfig: SEARCH_CONFIGS[language],
      searchText: searchText(language, customerMessage.body),
    });
    await repo.insertEvent(unit, {
      caseId: id,
      actorType: principal.kind,
      actorUserId: principal.kind === 'user' ? principal.id : null,
      type: 'case.handed-over',
      data: {
        version: updated.version,
        fromUserId: current.owner_id,
        toUserId: colleague.id,
        toName: colleague.name,
        note: input.note,
        noteMessageId: note.id,
        customerMessageId: told.id,
        actorName: principal.name,
      },
    });
    await enqueue(unit, 'case.reply', { caseId: id, messageId: told.id });
    await notifyUser(unit, colleague.id, id, 'handed-over');
    const after = (await repo.byId(unit, id))!;
    await announce(ctx, unit, after);
    return presentCase(after);
  });
}

export async function saveDraft(
  ctx: AppContext,
  principal: Principal,
  id: string,
  draft: { body: string; visibility: string },
) {
  if (principal.kind !== 'user') throw forbidden('drafts belong to signed-in users');
  const row = await loadVisibleCase(ctx.database, principal, id, 'reply');
  await repo.saveDraft(ctx.database, row.id, principal.id, draft.body, draft.visibility);
}

export async function getDraft(ctx: AppContext, principal: Principal, id: string) {
  if (principal.kind !== 'user') throw forbidden('drafts belong to signed-in users');
  const row = await loadVisibleCase(ctx.database, principal, id, 'reply');
  const draft = await repo.draft(ctx.database, row.id, principal.id);
  if (!draft) throw notFound('draft');
  return { body: draft.body, visibility: draft.visibility, updatedAt: draft.updated_at.toISOString() };
}

export type { CaseScope };
