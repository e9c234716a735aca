// Cases: create (web, API, phone log), list and search, change with optimistic versions,
// reply and note, warm hand-over. Every change writes an event in the same transaction.
import { type AppContext, transaction, type Unit } from '../../context.ts';
import { AppError, forbidden, invalid, notFound } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import { type Database, sqlBinder, type Tx } from '../../platform/db.ts';
import { groupCommit } from '../../platform/group-commit.ts';
import { enqueue } from '../../platform/jobs.ts';
import { isStaff, type Principal } from '../../platform/principal.ts';
import type { Language } from '../../platform/templates.ts';
import { commitmentWrites } from '../commitments/commitments.repository.ts';
import { firstReplyCommitment } from '../commitments/first-reply.ts';
import { teamCalendar } from '../commitments/sla.calendars.ts';
import { SLA_FILTER_SQL } from '../commitments/sla.ts';
import { detectLanguage, SEARCH_CONFIGS, searchText } from './cases.language.ts';
import { type CaseScope, canCase, canCreateCase } from './cases.policy.ts';
import { type CaseView, presentCase, presentEvent } from './cases.presenter.ts';
import { type CaseRow, type CreatedCase, type NewCaseRecord, casesRepository as repo } from './cases.repository.ts';
import { searchCaseIds } from './cases.search.ts';
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

export const actorOf = (principal: Principal) => ({
  type: principal.kind,
  userId: principal.kind === 'user' ? principal.id : null,
  name: principal.name,
});

/** The message's language (`detected` from its text, else `fallback`) and its full-text input. */
export function indexMessage(body: string, fallback: Language) {
  const detected = detectLanguage(body);
  const language = detected ?? fallback;
  return { language, detected, searchConfig: SEARCH_CONFIGS[language], searchText: searchText(language, body) };
}

export async function loadVisibleCase(tx: Tx, principal: Principal, id: string, action: Parameters<typeof canCase>[1]) {
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
  const row = await createCaseRecord(ctx.database, {
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
    firstCommitment: firstReplyCommitment(await teamCalendar(ctx.database, teamId)),
  });
  if (row.queued > 0) ctx.jobs?.kick();
  ctx.changes.publish(caseChange(row));
  return presentCase(row);
}

type Created = { row: CreatedCase } | { error: unknown };
const createRounds = new WeakMap<Database, (record: NewCaseRecord) => Promise<Created>>();

/**
 * Creates a case in a statement it may share with concurrent creates (group commit): one
 * statement, atomic by itself, serves every request that arrived while the previous one ran —
 * no BEGIN/COMMIT round trips, and one plan and one commit for many cases under load. When a
 * shared statement fails, each of its cases is tried alone, so one bad record fails only its
 * own request.
 */
export async function createCaseRecord(database: Database, record: NewCaseRecord): Promise<CreatedCase> {
  let create = createRounds.get(database);
  if (!create) {
    create = groupCommit(
      async (records: NewCaseRecord[]): Promise<Created[]> => {
        if (records.length > 1) {
          const rows = await repo.createMany(database, records).catch(() => undefined);
          if (rows) return rows.map((row) => ({ row }));
        }
        return Promise.all(
          records.map((one) =>
            repo.create(database, one).then(
              (row) => ({ row }),
              (error: unknown) => ({ error }),
            ),
          ),
        );
      },
      // PGlite runs one statement at a time; PostgreSQL runs the next round while one commits.
      { rounds: database.kind === 'postgres' ? 2 : 1, maxItems: 64 },
    );
    createRounds.set(database, create);
  }
  const outcome = await create(record);
  if ('error' in outcome) throw outcome.error;
  return outcome.row;
}

/** A phone call logged by the agent who took it: a case on the phone channel that they own. */
export function logPhoneCall(
  ctx: AppContext,
  principal: Principal,
  input: Omit<NewCase, 'message' | 'channel'> & { summary: string },
): Promise<CaseView> {
  return createCase(ctx, principal, { ...input, channel: 'phone', message: { body: input.summary } });
}

const caseChange = (row: Pick<CaseRow, 'id' | 'team_id' | 'owner_id' | 'customer_id'>) => ({
  kind: 'case' as const,
  caseId: row.id,
  teamId: row.team_id,
  ownerId: row.owner_id,
  customerId: row.customer_id,
});

/** Tells the live views about a changed case once the command's transaction has committed. */
export const announce = (
  ctx: AppContext,
  unit: Unit,
  row: Pick<CaseRow, 'id' | 'team_id' | 'owner_id' | 'customer_id'>,
) => unit.afterCommit(() => ctx.changes.publish(caseChange(row)));

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
  /** `activity`: newest activity first (default); `due`: the next promised date first (cases with a commitment). */
  sort?: 'activity' | 'due';
  /** Only cases whose commitment is past due. */
  overdue?: boolean;
  /** Only cases with an SLA target breached, or at risk (warning) and none breached. */
  sla?: 'breached' | 'warning';
  cursor?: string;
  limit?: number;
}

/** A list cursor: the sort time (activity or due date) and id of the last case. */
const isCaseCursor = (value: unknown[]): value is [string, string] =>
  value.length === 2 &&
  typeof value[0] === 'string' &&
  !Number.isNaN(Date.parse(value[0])) &&
  typeof value[1] === 'string' &&
  /^[0-9a-f-]{36}$/.test(value[1]);

export async function listCases(ctx: AppContext, principal: Principal, filters: CaseFilters) {
  const where: string[] = [];
  const values: unknown[] = [];
  const bind = sqlBinder(values);
  // Scope first: the same rule as canSeeCase, in SQL.
  if (principal.role === 'customer') where.push(`cu.email = ${bind(principal.customerEmail)}`);
  else if (!isStaff(principal)) throw forbidden('you may not list cases');
  else if (principal.role === 'agent' && principal.kind === 'user') {
    // "My cases" and "my team" already lie inside an agent's scope; only "all" needs the OR,
    // which would otherwise keep the inbox from walking its index in order.
    const withinScope = filters.view === 'mine' || (filters.view === 'team' && principal.teamId !== null);
    if (!withinScope) where.push(`(c.team_id = ${bind(principal.teamId)} OR c.owner_id = ${bind(principal.id)})`);
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
  const search = filters.q?.trim();
  // Search results are the best matches, ranked: one page, no cursor.
  const byDue = filters.sort === 'due' && !search;
  if (byDue || filters.overdue) where.push('c.commitment_due_at IS NOT NULL');
  if (filters.overdue) where.push('c.commitment_due_at < now()');
  if (filters.sla) where.push(SLA_FILTER_SQL[filters.sla]);
  const limit = Math.min(Math.max(filters.limit ?? 25, 1), 100);
  if (search) {
    // One customer's cases are few: every match among them counts.
    const narrow = principal.role === 'customer' || Boolean(filters.customerEmail);
    const ids = await searchCaseIds(ctx.database, search, { where, values, narrow }, limit);
    const rows = new Map((await repo.byIds(ctx.database, ids)).map((row) => [row.id, row]));
    return { items: ids.flatMap((id) => rows.get(id) ?? []).map(presentCase), nextCursor: null };
  }
  if (filters.cursor) {
    const [at, id] = decodeCursor(filters.cursor, isCaseCursor);
    where.push(
      byDue
        ? `(c.commitment_due_at, c.id) > (${bind(at)}::timestamptz, ${bind(id)}::uuid)`
        : `(c.updated_at, c.id) < (${bind(at)}::timestamptz, ${bind(id)}::uuid)`,
    );
  }
  const rows = await repo.list(ctx.database, {
    where,
    values,
    limit: limit + 1,
    order: byDue ? 'c.commitment_due_at, c.id' : 'c.updated_at DESC, c.id DESC',
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(presentCase),
    nextCursor: rows.length > limit && last ? encodeCursor([byDue ? last.due_key : last.updated_key, last.id]) : null,
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

/** Records on the timeline that a commitment was kept or missed. */
export async function recordFulfilled(
  tx: Tx,
  principal: Principal,
  caseId: string,
  fulfilled: { kind: string; state: string; due_at: Date },
): Promise<void> {
  await repo.insertEvent(tx, {
    caseId,
    actorType: principal.kind,
    actorUserId: principal.kind === 'user' ? principal.id : null,
    type: `commitment.${fulfilled.state}`,
    data: { kind: fulfilled.kind, dueAt: new Date(fulfilled.due_at).toISOString(), actorName: principal.name },
  });
}

export async function caseChanged(tx: Tx, id: string, version: number): Promise<AppError> {
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
  if (patch.status === 'waiting-customer' || patch.status === 'waiting-third-party') {
    throw invalid('body/status', 'follows the commitment: set whom we wait on with PUT /cases/{id}/commitment');
  }
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
    if (changed.status && CLOSED_STATUSES.includes(changed.status)) {
      // Resolving fulfils what was promised: kept if on time, missed if late.
      const fulfilled = await commitmentWrites.closeCurrent(unit, id);
      if (fulfilled) await recordFulfilled(unit, principal, id, fulfilled);
    } else if (changed.status === 'open') {
      // Reopened, or no longer waiting on anyone else: we owe the next step.
      await commitmentWrites.ourTurn(unit, before);
    }
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
    announce(ctx, unit, after);
    return presentCase(after);
  });
}

/** Attaches uploaded files to a message; unknown ones, or someone else's, refuse the whole message. */
export async function attachUploads(unit: Unit, messageId: string, ids: string[], uploadedBy: string | null) {
  const attached = await repo.attachToMessage(unit, messageId, ids, uploadedBy);
  if (attached !== ids.length) {
    throw invalid('body/attachments', 'unknown attachment, or one already sent or uploaded by someone else');
  }
}

/** Records an in-app notification and, when the user wants it, an email (through the outbox). */
export async function notifyUser(
  tx: Tx,
  userId: string,
  caseId: string,
  kind:
    | 'assigned'
    | 'handed-over'
    | 'customer-replied'
    | 'escalated'
    | 'delivery-failed'
    | 'third-party-replied'
    | 'third-party-delivery-failed',
) {
  await enqueue(tx, 'notify.user', { userId, caseId, kind });
}

export type { CaseScope };
