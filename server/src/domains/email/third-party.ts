// Replies of third parties (a supplier, a service centre, a partner) to the messages staff sent
// them from a case (cases/cases.third-party.ts). Threading found the case; the mail is theirs
// when it answers one of our third-party emails, or when its sender is a party we wrote to on
// that case (not the customer). It is stored as an inbound `third-party` message on the case the
// exchange belongs to — never shown to the customer — and the owner is told. Unlike a customer
// message it reopens nothing, moves no status, creates no commitment, adds no participant and
// is never acknowledged.
import type { AppContext, Unit } from '../../context.ts';
import type { Language } from '../../platform/templates.ts';
import { asLanguage } from '../cases/cases.language.ts';
import { type CaseRow, casesRepository, type EmailContent } from '../cases/cases.repository.ts';
import { announce, indexMessage, notifyUser } from '../cases/cases.service.ts';
import { isCustomerAddress } from '../cases/cases.third-party.ts';
import { sentMessageId } from './outbound.ts';
import type { ParsedEmail } from './parse/parsed.ts';

/** The case of our latest third-party email this mail answers: by its headers first, else by its sender. */
async function exchangeCase(unit: Unit, target: CaseRow, email: ParsedEmail, from: string) {
  const answered = [email.inReplyTo, ...email.references]
    .map((header) => (header ? sentMessageId(header) : null))
    .filter((id): id is string => id !== null);
  const { rows } = await unit.executeSql(
    `SELECT case_id FROM messages
     WHERE visibility = 'third-party' AND direction = 'outbound' AND case_id = ANY($1::uuid[])
       AND (id = ANY($2::uuid[]) OR third_party_email = $3)
     ORDER BY id = ANY($2::uuid[]) DESC, created_at DESC LIMIT 1`,
    [[target.id, target.follow_up_of].filter(Boolean), answered, from],
  );
  return rows[0]?.case_id as string | undefined;
}

/**
 * Stores `email` (threaded to `target`, which is locked) as a third party's reply when it is
 * one; returns where it landed, or undefined for a customer's (or anyone else's) mail.
 */
export async function storeThirdPartyReply(
  ctx: AppContext,
  unit: Unit,
  target: CaseRow,
  email: ParsedEmail,
  input: { from: string; body: string; defaultLanguage: Language; email: EmailContent },
): Promise<{ caseId: string; messageId: string; thirdParty: true } | undefined> {
  const caseId = await exchangeCase(unit, target, email, input.from);
  if (!caseId || (await isCustomerAddress(unit, target, input.from))) return undefined;
  const current = caseId === target.id ? target : (await casesRepository.byId(unit, caseId))!;
  const name = email.from?.name.trim() || null;
  const message = indexMessage(input.body, asLanguage(current.language, input.defaultLanguage));
  const inserted = await casesRepository.insertMessage(
    unit,
    {
      caseId,
      direction: 'inbound',
      visibility: 'third-party',
      channel: 'email',
      authorUserId: null,
      authorCustomerId: null,
      body: input.body,
      language: message.language,
      searchConfig: message.searchConfig,
      searchText: message.searchText,
      thirdParty: { email: input.from, name },
      email: input.email,
    },
    {
      event: {
        actorType: 'system',
        actorUserId: null,
        type: 'message.third-party-received',
        data: { sender: input.from, actorName: name ?? input.from },
      },
    },
  );
  if (current.owner_id) await notifyUser(unit, current.owner_id, caseId, 'third-party-replied');
  announce(ctx, unit, current);
  return { caseId, messageId: inserted.id, thirdParty: true };
}
