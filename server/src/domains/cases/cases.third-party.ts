// Messages to third parties (a supplier, a service centre, a partner), written by staff on a
// case: emailed to that party — never to the customer — and recorded with visibility
// `third-party`, so the portal, the customer's API views and the footers never show them.
// They need no commitment, carry no footer and leave the status alone: the customer is not
// told anything. The party's replies come back through email/third-party.ts.
import type { AppContext, Unit } from '../../context.ts';
import { invalid } from '../../errors.ts';
import type { Principal } from '../../platform/principal.ts';
import type { Language } from '../../platform/templates.ts';
import { asLanguage } from './cases.language.ts';
import type { NewMessage } from './cases.messages.ts';
import { type CaseRow, casesRepository as repo } from './cases.repository.ts';
import { announce, attachUploads, indexMessage } from './cases.service.ts';

/** What belongs to a customer reply only: refused on a message to a third party. */
const CUSTOMER_ONLY = ['status', 'commitment', 'replyAll', 'override'] as const;

/** Whether `email` (lower-cased) is one of the case customer's addresses. */
export async function isCustomerAddress(unit: Unit, current: CaseRow, email: string): Promise<boolean> {
  const { rows } = await unit.executeSql(
    `SELECT 1 FROM customers WHERE id = $1
       AND (lower(email) = $2 OR EXISTS (SELECT 1 FROM unnest(other_emails) other WHERE lower(other) = $2))`,
    [current.customer_id, email],
  );
  return rows.length > 0;
}

/**
 * Stores a staff message to `input.recipient` on the case (already loaded with the
 * `contact-third-party` permission, in `unit`) and queues its email; returns the message id.
 */
export async function addThirdPartyMessage(
  ctx: AppContext,
  unit: Unit,
  principal: Principal,
  current: CaseRow,
  input: NewMessage,
  defaultLanguage: Language,
): Promise<string> {
  if (!input.recipient) throw invalid('body/recipient', 'a message to a third party needs a recipient');
  for (const field of CUSTOMER_ONLY) {
    if (input[field] !== undefined) throw invalid(`body/${field}`, 'only for a reply to the customer');
  }
  const email = input.recipient.email.trim().toLowerCase();
  if (await isCustomerAddress(unit, current, email)) {
    throw invalid('body/recipient/email', 'this is the customer’s address: write a public reply instead');
  }
  const author = principal.kind === 'user' ? principal.id : null;
  const message = indexMessage(input.body, asLanguage(current.language, defaultLanguage));
  const inserted = await repo.insertMessage(
    unit,
    {
      caseId: current.id,
      direction: 'outbound',
      visibility: 'third-party',
      channel: 'email',
      authorUserId: author,
      authorCustomerId: null,
      body: input.body,
      language: message.language,
      searchConfig: message.searchConfig,
      searchText: message.searchText,
      deliveryState: 'queued',
      thirdParty: { email, name: input.recipient.name?.trim() || null },
    },
    // The job that emails it and the event, in the message's statement.
    {
      job: { queue: 'case.reply', data: { caseId: current.id } },
      event: {
        actorType: principal.kind,
        actorUserId: author,
        type: 'message.third-party-sent',
        data: { recipient: email, actorName: principal.name },
      },
    },
  );
  await attachUploads(unit, inserted.id, input.attachments ?? [], author);
  if (principal.kind === 'user') await repo.deleteDraft(unit, current.id, principal.id);
  announce(ctx, unit, current);
  return inserted.id;
}
