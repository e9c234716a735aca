// Going higher: the escalation ladder. Staff escalate from the case; the customer asks for
// the next rung through the signed link in every footer (one link per rung: a second click
// after the case has moved up changes nothing). The case moves one rung up, the rung's person
// owns it, a new plan is set (that person reviews and replies by an honest date) and the
// customer is told, in one message, who handles it now.
import { type AppContext, transaction, type Unit } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { verifySignedValue } from '../../platform/ids.ts';
import type { Principal } from '../../platform/principal.ts';
import { presentCase } from '../cases/cases.presenter.ts';
import { type CaseRow, casesRepository as repo } from '../cases/cases.repository.ts';
import { announce, caseChanged, loadVisibleCase, notifyUser } from '../cases/cases.service.ts';
import { identityRepository } from '../identity/identity.repository.ts';
import { settingsRepository } from '../settings/settings.repository.ts';
import { commitmentWrites } from './commitments.repository.ts';
import { postCustomerMessage } from './customer-messages.ts';
import { asksToEscalate } from './escalation-request.ts';
import { DEFAULT_HONEST_DATE_POLICY, proposeDueDate } from './honest-dates.ts';
import { teamCalendar } from './sla.calendars.ts';

type Escalator = { kind: 'staff'; principal: Principal } | { kind: 'customer'; name: string };

async function escalateCase(ctx: AppContext, unit: Unit, current: CaseRow, reason: string, by: Escalator) {
  if (current.status === 'closed') {
    throw new AppError('unprocessable', 'a closed case cannot be escalated; write to us and a follow-up opens');
  }
  const rungs = await settingsRepository.listRungs(unit);
  const next = rungs.find((rung) => rung.position === current.escalation_level + 1);
  if (!next) throw new AppError('unprocessable', 'the case is already with the top of the escalation ladder');
  const ownerId = next.userId ?? current.owner_id;
  const owner = ownerId ? await identityRepository.userById(unit, ownerId) : undefined;
  const moved = await repo.update(unit, current.id, current.version, {
    escalationLevel: next.position,
    ownerId,
    ...(current.status === 'open' ? {} : { status: 'open' }),
  });
  if (!moved) throw await caseChanged(unit, current.id, current.version);
  // The new plan: the rung's person reviews the case and replies by an honest date.
  const dueAt = proposeDueDate(await teamCalendar(unit, current.team_id), new Date(), [], DEFAULT_HONEST_DATE_POLICY);
  await commitmentWrites.replaceCurrent(unit, {
    caseId: current.id,
    kind: 'escalation',
    nextStep: null,
    dueAt: dueAt.dueAt,
    ownerId,
    teamId: current.team_id,
    waitingOn: 'us',
    basis: { ...dueAt.basis },
    reason: null,
    createdBy: by.kind === 'staff' && by.principal.kind === 'user' ? by.principal.id : null,
  });
  const staff = by.kind === 'staff' ? by.principal : undefined;
  await repo.insertEvent(unit, {
    caseId: current.id,
    actorType: staff ? staff.kind : 'customer',
    actorUserId: staff?.kind === 'user' ? staff.id : null,
    type: 'case.escalated',
    data: {
      version: moved.version,
      reason,
      by: by.kind,
      fromLevel: current.escalation_level,
      toLevel: next.position,
      rungTitle: next.title,
      toUserId: ownerId,
      toName: owner?.name ?? null,
      ...(current.status !== 'open' ? { status: { from: current.status, to: 'open' } } : {}),
      actorName: staff ? staff.name : by.kind === 'customer' ? by.name : '',
    },
  });
  if (ownerId && ownerId !== staff?.id) await notifyUser(unit, ownerId, current.id, 'escalated');
  await postCustomerMessage(ctx, unit, current.id, {
    template: 'case.escalated',
    variables: { rung: { title: next.title }, agent: { name: owner?.name ?? next.title } },
    authorUserId: ownerId,
  });
  const after = (await repo.byId(unit, current.id))!;
  announce(ctx, unit, after);
  return after;
}

/**
 * A customer's message that asks to go higher moves the case one rung up, like the footer's
 * link (the message itself is the reason). At the top of the ladder nothing more happens.
 */
export async function escalateOnCustomerRequest(ctx: AppContext, unit: Unit, caseId: string, text: string) {
  if (!asksToEscalate(text)) return;
  const current = (await repo.byId(unit, caseId))!;
  if (!current.next_rung_title || current.status === 'closed') return;
  await escalateCase(ctx, unit, current, text.trim().slice(0, 500), {
    kind: 'customer',
    name: current.customer_name ?? current.customer_email,
  });
}

/** Staff move a case one rung up the ladder, saying why. */
export async function escalate(ctx: AppContext, principal: Principal, caseId: string, reason: string) {
  return transaction(ctx, async (unit) => {
    const current = await loadVisibleCase(unit, principal, caseId, 'update');
    return presentCase(await escalateCase(ctx, unit, current, reason.trim(), { kind: 'staff', principal }));
  });
}

/** The case behind a footer's escalation link and the rung it was sent from; 404 when forged or expired. */
export async function caseForEscalationLink(ctx: AppContext, tx: Unit | AppContext['database'], token: string) {
  const [kind, caseId, level] = (verifySignedValue(ctx.secret, token) ?? '').split('.');
  const row = kind === 'escalate' && caseId && level ? await repo.byId(tx, caseId) : undefined;
  if (!row) throw notFound('link');
  return { row, level: Number(level) };
}

/**
 * The customer asks for the next rung through the link. The link names the rung the case was
 * on when it was sent; once the case has moved past it, asking again changes nothing.
 */
export async function escalateByCustomer(ctx: AppContext, token: string, reason: string) {
  return transaction(ctx, async (unit) => {
    const { row: current, level } = await caseForEscalationLink(ctx, unit, token);
    if (current.escalation_level !== level) return { escalated: false, row: current };
    const after = await escalateCase(ctx, unit, current, reason.trim(), {
      kind: 'customer',
      name: current.customer_name ?? current.customer_email,
    });
    return { escalated: true, row: after };
  });
}
