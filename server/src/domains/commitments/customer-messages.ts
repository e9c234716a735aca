// Every message the customer receives from the desk — a reply, an acknowledgement, a hand-over,
// an escalation, a changed plan, a delay notice — ends with the commitment footer in the case
// language: what happens next, by when, who handles it and how to reach them, and how to go
// higher (the next rung, and a signed link to ask for it). The footer is stored with the
// message, so the record shows exactly what the customer was told.
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../platform/db.ts';
import { signValue } from '../../platform/ids.ts';
import type { Language } from '../../platform/templates.ts';
import { asLanguage, SEARCH_CONFIGS, searchText } from '../cases/cases.language.ts';
import { type CaseRow, casesRepository } from '../cases/cases.repository.ts';
import { textToHtml } from '../email/outbound.ts';
import { type DeskTexts, deskTexts } from '../settings/settings.service.ts';
import { teamCalendar } from './sla.calendars.ts';
import { stepText } from './standard-steps.ts';

export interface Footer {
  text: string;
  html: string;
}

/** How long the "ask for a higher rung" link in a footer stays valid. */
const ESCALATION_LINK_DAYS = 180;

/**
 * The signed link a customer follows to ask for the next rung on their case. It names the
 * rung the case is on, so once the case has moved up, the same link changes nothing.
 */
export function escalationLink(ctx: AppContext, row: Pick<CaseRow, 'id' | 'escalation_level'>, now = new Date()) {
  const expires = new Date(now.getTime() + ESCALATION_LINK_DAYS * 86_400_000);
  const token = signValue(ctx.secret, `escalate.${row.id}.${row.escalation_level}`, expires);
  return `${ctx.config.publicUrl}/escalate/${token}`;
}

/** The variables every customer template may use about the case and its people; dates in the team's time zone. */
export async function caseVariables(tx: Tx, row: CaseRow) {
  return {
    case: { number: row.number, subject: row.subject },
    customer: { name: row.customer_name ?? row.customer_email },
    timeZone: (await teamCalendar(tx, row.team_id)).timeZone,
  };
}

const FOOTER_TEMPLATE = 'customer.footer';

/**
 * The footer for the case as it stands now (read inside the caller's transaction); `texts`
 * when the caller has read the footer template with its own.
 */
export async function renderFooter(ctx: AppContext, tx: Tx, row: CaseRow, texts?: DeskTexts): Promise<Footer> {
  const language = asLanguage(row.language, 'en');
  texts ??= await deskTexts(tx, [FOOTER_TEMPLATE], language);
  const { company } = texts;
  const nextRung = row.next_rung_title
    ? {
        title: row.next_rung_title,
        name: row.next_rung_name ?? row.next_rung_title,
        contact: [row.next_rung_email, row.next_rung_phone].filter(Boolean).join(', '),
      }
    : null;
  const commitment =
    row.commitment_id && row.commitment_due_at && row.commitment_kind
      ? {
          nextStep: stepText(row.commitment_kind, row.commitment_next_step, language),
          dueAt: new Date(row.commitment_due_at).toISOString(),
        }
      : null;
  const { body } = texts.render(FOOTER_TEMPLATE, {
    ...(await caseVariables(tx, row)),
    commitment,
    waitingOnCustomer: row.commitment_waiting_on === 'customer',
    owner: { name: row.commitment_owner_name ?? row.owner_name ?? row.team_name ?? company.name },
    contact: { email: company.email, phone: company.phone },
    nextRung,
    escalateLink: nextRung ? escalationLink(ctx, row) : '',
  });
  const text = body.trim();
  return { text, html: textToHtml(text) };
}

/** Stores the footer on a customer message once the case's changes in this transaction are made. */
export async function attachFooter(ctx: AppContext, tx: Tx, caseId: string, messageId: string): Promise<Footer> {
  const row = (await casesRepository.byId(tx, caseId))!;
  const footer = await renderFooter(ctx, tx, row);
  await tx.executeSql('UPDATE messages SET footer = $2::jsonb WHERE id = $1', [messageId, JSON.stringify(footer)]);
  return footer;
}

/**
 * Posts one customer message on the case from a template (in the case language), with the
 * footer, and records its sending in the outbox. One action → one message: callers make all
 * their changes first and call this once.
 */
export async function postCustomerMessage(
  ctx: AppContext,
  tx: Tx,
  /** The case's id, or its row as read or created in this transaction. */
  target: string | CaseRow,
  message: {
    template: string;
    variables?: Record<string, unknown>;
    authorUserId: string | null;
    /** Sent by Heard on its own (acknowledgements, notices): marked Auto-Submitted. */
    automatic?: 'auto-replied' | 'auto-generated';
    /** An event recorded with the message (its data gets the message's id as `messageId`). */
    event?: { type: string; data: Record<string, unknown> };
  },
): Promise<{ id: string }> {
  const row = typeof target === 'string' ? (await casesRepository.byId(tx, target))! : target;
  const language: Language = asLanguage(row.language, 'en');
  const texts = await deskTexts(tx, [message.template, FOOTER_TEMPLATE], language);
  const { body } = texts.render(message.template, { ...(await caseVariables(tx, row)), ...message.variables });
  // One statement: the message, the job that emails it and the event, if any.
  return casesRepository.insertMessage(
    tx,
    {
      caseId: row.id,
      direction: 'outbound',
      visibility: 'public',
      channel: row.channel,
      authorUserId: message.authorUserId,
      authorCustomerId: null,
      body,
      language,
      searchConfig: SEARCH_CONFIGS[language],
      searchText: searchText(language, body),
      footer: await renderFooter(ctx, tx, row, texts),
      deliveryState: 'queued',
    },
    {
      job: {
        queue: 'case.reply',
        data: { caseId: row.id, ...(message.automatic ? { automatic: message.automatic } : {}) },
      },
      ...(message.event ? { event: { actorType: 'system', actorUserId: null, ...message.event } } : {}),
    },
  );
}

/**
 * The automatic reply to a case the customer opened: its number and our first commitment,
 * recorded on the timeline (the event makes a second acknowledgement a no-op, see commitments.jobs.ts).
 * `target`: the case's id, or its row as created in this transaction.
 */
export async function acknowledgeCase(ctx: AppContext, tx: Tx, target: string | CaseRow): Promise<void> {
  await postCustomerMessage(ctx, tx, target, {
    template: 'case.acknowledgement',
    authorUserId: null,
    automatic: 'auto-replied',
    event: { type: 'case.acknowledged', data: { actorName: '' } },
  });
}
