// Messages on a case: public replies (checked by the reply checker before they are sent),
// internal notes, customer replies that reopen a case or open a follow-up, the timeline
// and composer drafts.
import { type AppContext, transaction, type Unit } from '../../context.ts';
import { forbidden, invalid, notFound } from '../../errors.ts';
import type { Tx } from '../../platform/db.ts';
import { isStaff, type Principal } from '../../platform/principal.ts';
import type { Language } from '../../platform/templates.ts';
import { commitmentWrites } from '../commitments/commitments.repository.ts';
import {
  applyCommitment,
  type CommitmentInput,
  decideReplyCommitment,
  statusForWaitingOn,
} from '../commitments/commitments.service.ts';
import { attachFooter } from '../commitments/customer-messages.ts';
import { escalateOnCustomerRequest } from '../commitments/escalation.ts';
import { firstReplyCommitment } from '../commitments/first-reply.ts';
import { teamCalendar } from '../commitments/sla.calendars.ts';
import { checkBeforeSend, recordFindings } from '../replycheck/replycheck.service.ts';
import { asLanguage } from './cases.language.ts';
import { presentEvent, presentMessage } from './cases.presenter.ts';
import { type CaseRow, type Draft, type EmailContent, casesRepository as repo } from './cases.repository.ts';
import {
  announce,
  attachUploads,
  CLOSED_STATUSES,
  caseChanged,
  indexMessage,
  loadVisibleCase,
  notifyUser,
  recordFulfilled,
} from './cases.service.ts';
import { addThirdPartyMessage } from './cases.third-party.ts';
import { caseReferenceData } from './reference-data.ts';

export interface NewMessage {
  body: string;
  visibility: 'public' | 'internal' | 'third-party';
  /** Who a `third-party` message is emailed to. */
  recipient?: { email: string; name?: string };
  status?: string;
  attachments?: string[];
  /** Email a public reply to the case's CC participants too. */
  replyAll?: boolean;
  /** Send although the reply checker blocks it (roles allowed by the supervisor's settings). */
  override?: { reason: string };
  /** What happens next after a public reply: a new commitment, or `keep` the current one. */
  commitment?: CommitmentInput | 'keep';
}

/** What the reply checker needs to know about the conversation, beyond the text. */
async function replyContext(tx: Tx, principal: Principal, current: CaseRow, nextStatus: string, hasCommitment = false) {
  const sentBefore = principal.kind === 'user' && (await repo.hasReplied(tx, current.id, principal.id));
  return {
    customerName: current.customer_name ?? undefined,
    agentName: principal.name,
    isFirstReply: !sentBefore,
    isOpenCase: !CLOSED_STATUSES.includes(nextStatus),
    hasCommitment,
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

/** The permission each kind of message needs on the case. */
const ACTION_OF = { public: 'reply', internal: 'note', 'third-party': 'contact-third-party' } as const;

export async function addMessage(ctx: AppContext, principal: Principal, id: string, input: NewMessage) {
  const reference = await caseReferenceData(ctx);
  return transaction(ctx, async (unit) => {
    const current = await loadVisibleCase(unit, principal, id, ACTION_OF[input.visibility]);
    if (input.visibility === 'third-party') {
      const messageId = await addThirdPartyMessage(ctx, unit, principal, current, input, reference.defaultLanguage);
      return presentMessage((await repo.messageById(unit, messageId))!);
    }
    if (input.recipient) throw invalid('body/recipient', 'only for a message to a third party');
    if (principal.role === 'customer' && input.status !== undefined)
      throw invalid('body/status', 'customers cannot set the status');
    // The customer writes through the portal: the same path as their email.
    if (principal.role === 'customer') {
      const landed = await addCustomerMessage(ctx, unit, current, {
        body: input.body,
        channel: 'web',
        authorName: principal.name,
        authorCustomerId: current.customer_id,
        defaultLanguage: reference.defaultLanguage,
        attachments: input.attachments ?? [],
        uploadedBy: principal.kind === 'user' ? principal.id : null,
      });
      return presentMessage((await repo.messageById(unit, landed.messageId))!);
    }
    const message = indexMessage(input.body, asLanguage(current.language, reference.defaultLanguage));
    const nextStatus = nextStatusAfterMessage(current.status, input);
    const isStaffReply = input.visibility === 'public';
    if (input.visibility === 'internal' && input.commitment !== undefined)
      throw invalid('body/commitment', 'an internal note tells the customer nothing; set the commitment on its own');
    const plan = isStaffReply
      ? await decideReplyCommitment(unit, current, nextStatus, input.commitment, reference.isActiveStaff)
      : undefined;
    if (plan?.action === 'set' && input.status !== undefined) {
      const follows = statusForWaitingOn(plan.commitment.input.waitingOn);
      if (follows !== input.status) throw invalid('body/status', `follows commitment.waitingOn (${follows})`);
    }
    const checked = isStaffReply
      ? await checkBeforeSend(unit, principal, {
          body: input.body,
          language: message.language,
          context: await replyContext(
            unit,
            principal,
            current,
            nextStatus,
            plan?.action === 'set' || plan?.action === 'keep',
          ),
          ...(input.override ? { override: input.override } : {}),
        })
      : undefined;
    const version = current.version + 1;
    // One statement: the message, its event and, for a reply the customer gets, the job that emails it.
    const inserted = await repo.insertMessage(
      unit,
      {
        caseId: id,
        direction: 'outbound',
        visibility: input.visibility,
        channel: current.channel,
        authorUserId: principal.kind === 'user' ? principal.id : null,
        authorCustomerId: null,
        body: input.body,
        language: message.language,
        searchConfig: message.searchConfig,
        searchText: message.searchText,
        ...(checked ? { deliveryState: 'queued' as const } : {}),
      },
      {
        ...(checked ? { job: { queue: 'case.reply', data: { caseId: id, replyAll: input.replyAll === true } } } : {}),
        event: {
          actorType: principal.kind,
          actorUserId: principal.kind === 'user' ? principal.id : null,
          type: input.visibility === 'internal' ? 'note.added' : 'message.added',
          data: {
            version,
            actorName: principal.name,
            ...(nextStatus !== current.status ? { status: { from: current.status, to: nextStatus } } : {}),
          },
        },
      },
    );
    await attachUploads(unit, inserted.id, input.attachments ?? [], principal.kind === 'user' ? principal.id : null);
    const moved = await repo.update(
      unit,
      id,
      current.version,
      nextStatus === current.status ? {} : { status: nextStatus },
    );
    if (!moved) throw await caseChanged(unit, id, current.version);
    if (checked) {
      const fulfilled = await commitmentWrites.closeCurrent(
        unit,
        id,
        CLOSED_STATUSES.includes(nextStatus) ? undefined : 'first-reply',
      );
      if (fulfilled) await recordFulfilled(unit, principal, id, fulfilled);
      if (plan?.action === 'set') {
        await applyCommitment(unit, principal, (await repo.byId(unit, id))!, plan.commitment);
      } else if (plan?.action === 'missing') {
        await repo.insertEvent(unit, {
          caseId: id,
          actorType: principal.kind,
          actorUserId: principal.kind === 'user' ? principal.id : null,
          type: 'commitment.missing',
          data: { messageId: inserted.id, actorName: principal.name },
        });
      }
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
      await attachFooter(ctx, unit, id, inserted.id);
    }
    if (principal.kind === 'user') await repo.deleteDraft(unit, id, principal.id);
    announce(ctx, unit, current);
    return presentMessage((await repo.messageById(unit, inserted.id))!);
  });
}

/** Where a staff message leaves the case: the status asked for, else a first public reply opens a new case. */
function nextStatusAfterMessage(status: string, input: NewMessage): string {
  if (input.status !== undefined) return input.status;
  if (input.visibility === 'public' && status === 'new') return 'open';
  return status;
}

/** A customer writing keeps a new case new and brings any other back to open. */
const statusAfterCustomerMessage = (status: string): string => (status === 'new' ? 'new' : 'open');

/** A customer's message: from the portal, or from email already matched to its case. */
interface CustomerMessage {
  body: string;
  channel: string;
  authorName: string;
  authorCustomerId: string | null;
  /** The desk's default language (from the reference data, read before the transaction). */
  defaultLanguage: Language;
  /** Files the customer uploaded through the portal (email attachments are stored by ingest). */
  attachments?: string[];
  uploadedBy?: string | null;
  /** Email: written with the message. */
  email?: EmailContent;
}

/** A message to a closed case opens a follow-up case, linked to it, with the message as its first. */
async function followUp(ctx: AppContext, unit: Unit, closed: CaseRow, input: CustomerMessage) {
  const { authorName: actorName, body, channel } = input;
  const message = indexMessage(body, asLanguage(closed.language, input.defaultLanguage));
  const created = await repo.create(unit, {
    customer: { email: closed.customer_email, name: closed.customer_name, locale: null, phone: null },
    subject: closed.subject,
    priority: 'normal',
    category: closed.category,
    channel,
    tags: [],
    messageLanguage: message.language,
    searchConfig: message.searchConfig,
    searchText: message.searchText,
    body,
    ownerId: closed.owner_id,
    teamId: closed.team_id,
    actor: { type: 'customer', userId: null, name: actorName },
    authorUserId: null,
    firstCommitment: firstReplyCommitment(await teamCalendar(unit, closed.team_id)),
    ...(input.email ? { email: input.email } : {}),
  });
  await unit.executeSql('UPDATE cases SET follow_up_of = $1 WHERE id = $2', [closed.id, created.id]);
  await repo.insertEvent(unit, {
    caseId: closed.id,
    actorType: 'customer',
    actorUserId: null,
    type: 'case.follow-up-opened',
    data: { followUpId: created.id, followUpNumber: created.number, actorName },
  });
  if (closed.owner_id) await notifyUser(unit, closed.owner_id, created.id, 'customer-replied');
  announce(ctx, unit, created);
  const [row] = await repo.messages(unit, created.id, false);
  return { caseRow: created, message: row! };
}

/**
 * A customer's message on `current` — from the portal, or from email already matched to the
 * case by the channel, which also decided who wrote it: reopens a resolved case, opens a
 * follow-up of a closed one, puts the ball in our court (or goes higher when asked), and tells
 * the owner. Returns the case and message it landed on.
 */
export async function addCustomerMessage(
  ctx: AppContext,
  unit: Unit,
  current: CaseRow,
  input: CustomerMessage,
): Promise<{ caseId: string; messageId: string; followUp: boolean }> {
  if (current.status === 'closed') {
    const opened = await followUp(ctx, unit, current, input);
    return { caseId: opened.caseRow.id, messageId: opened.message.id, followUp: true };
  }
  const message = indexMessage(input.body, asLanguage(current.language, input.defaultLanguage));
  const nextStatus = statusAfterCustomerMessage(current.status);
  // One statement: the message and its event (the version the update below moves the case to).
  const inserted = await repo.insertMessage(
    unit,
    {
      caseId: current.id,
      direction: 'inbound',
      visibility: 'public',
      channel: input.channel,
      authorUserId: null,
      authorCustomerId: input.authorCustomerId,
      body: input.body,
      language: message.language,
      searchConfig: message.searchConfig,
      searchText: message.searchText,
      ...(input.email ? { email: input.email } : {}),
    },
    {
      event: {
        actorType: 'customer',
        actorUserId: null,
        type: 'message.added',
        data: {
          version: current.version + 1,
          actorName: input.authorName,
          ...(nextStatus !== current.status ? { status: { from: current.status, to: nextStatus } } : {}),
        },
      },
    },
  );
  await attachUploads(unit, inserted.id, input.attachments ?? [], input.uploadedBy ?? null);
  const moved = await repo.update(
    unit,
    current.id,
    current.version,
    nextStatus === current.status ? {} : { status: nextStatus },
  );
  if (!moved) throw await caseChanged(unit, current.id, current.version);
  await commitmentWrites.ourTurn(unit, current);
  await escalateOnCustomerRequest(ctx, unit, current.id, input.body);
  if (current.owner_id) await notifyUser(unit, current.owner_id, current.id, 'customer-replied');
  announce(ctx, unit, current);
  return { caseId: current.id, messageId: inserted.id, followUp: false };
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

export async function saveDraft(ctx: AppContext, principal: Principal, id: string, draft: Draft) {
  if (principal.kind !== 'user') throw forbidden('drafts belong to signed-in users');
  const row = await loadVisibleCase(ctx.database, principal, id, 'reply');
  await repo.saveDraft(ctx.database, row.id, principal.id, {
    ...draft,
    recipient: draft.visibility === 'third-party' ? (draft.recipient ?? null) : null,
  });
}

export async function getDraft(ctx: AppContext, principal: Principal, id: string) {
  if (principal.kind !== 'user') throw forbidden('drafts belong to signed-in users');
  const row = await loadVisibleCase(ctx.database, principal, id, 'reply');
  const draft = await repo.draft(ctx.database, row.id, principal.id);
  if (!draft) throw notFound('draft');
  return {
    body: draft.body,
    visibility: draft.visibility,
    recipient: draft.recipient,
    updatedAt: draft.updated_at.toISOString(),
  };
}
