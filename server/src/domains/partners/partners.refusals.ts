// "We can't do this": a guided refusal that still leaves the customer helped. The case
// records why (reason) and what made it happen (cause) for management; Heard drafts the
// reply from the script for that reason in the case language — a recommended partner, an
// honest wait date or an alternative, or who we are and an invitation — and the agent
// edits and sends it (the draft is never sent by this command).
import { type AppContext, transaction } from '../../context.ts';
import { invalid } from '../../errors.ts';
import type { Tx } from '../../platform/db.ts';
import type { Principal } from '../../platform/principal.ts';
import { asLanguage } from '../cases/cases.language.ts';
import { type CaseRow, casesRepository } from '../cases/cases.repository.ts';
import { announce, loadVisibleCase } from '../cases/cases.service.ts';
import { DEFAULT_CALENDAR } from '../commitments/business-time.ts';
import { DEFAULT_HONEST_DATE_POLICY, proposeDueDate } from '../commitments/honest-dates.ts';
import { renderScriptByKey } from '../scripts/scripts.service.ts';
import { type CompanyProfile, companyProfile } from '../settings/settings.service.ts';
import { bestPartner } from './partners.matching.ts';
import { presentPartner } from './partners.presenter.ts';
import { type PartnerRow, partnersRepository, referralsRepository, refusalsRepository } from './partners.repository.ts';

export const REFUSAL_REASONS = ['other-specialization', 'temporarily-unable', 'unrelated'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
export const REFUSAL_CAUSES = ['overload', 'misdirected', 'process-failure'] as const;
export type RefusalCause = (typeof REFUSAL_CAUSES)[number];

export interface RefusalInput {
  reason: RefusalReason;
  cause: RefusalCause;
  partnerId?: string;
  alternative?: string;
  waitUntil?: string;
}

/** The company card for phone contacts: name, website, phone and email, one per line. */
const companyCard = (company: CompanyProfile) =>
  [company.name, company.website, company.phone, company.email].filter((line) => line.trim() !== '').join('\n');

/** The best active partner for the case: its category, tags and subject against specializations, and the customer's country. */
async function matchingPartner(tx: Tx, current: CaseRow): Promise<PartnerRow | undefined> {
  const customer = await partnersRepository.customerOfCase(tx, current.customer_id);
  return bestPartner(await partnersRepository.active(tx), {
    category: current.category,
    tags: current.tags,
    subject: current.subject,
    country: customer.country,
  });
}

/** The partner a refusal of this case would propose (shown in the refusal dialog before the agent confirms). */
export async function suggestPartner(ctx: AppContext, principal: Principal, caseId: string) {
  const current = await loadVisibleCase(ctx.database, principal, caseId, 'update');
  const partner = await matchingPartner(ctx.database, current);
  return { partner: partner ? presentPartner(partner) : null };
}

function checkInput(input: RefusalInput, now: Date): void {
  if (input.reason !== 'temporarily-unable') {
    if (input.waitUntil !== undefined) throw invalid('body/waitUntil', 'only for temporarily-unable');
    if (input.alternative !== undefined) throw invalid('body/alternative', 'only for temporarily-unable');
  }
  if (input.reason === 'unrelated' && input.partnerId !== undefined) {
    throw invalid('body/partnerId', 'an unrelated request is not referred to a partner');
  }
  if (input.waitUntil !== undefined && new Date(input.waitUntil).getTime() <= now.getTime()) {
    throw invalid('body/waitUntil', 'must be in the future');
  }
}

export async function refuseCase(ctx: AppContext, principal: Principal, caseId: string, input: RefusalInput) {
  const now = new Date();
  checkInput(input, now);
  return transaction(ctx, async (unit) => {
    const current = await loadVisibleCase(unit, principal, caseId, 'update');
    let partner: PartnerRow | undefined;
    if (input.partnerId) {
      partner = await partnersRepository.byId(unit, input.partnerId);
      if (partner?.status !== 'active') throw invalid('body/partnerId', 'no such active partner');
    } else if (input.reason !== 'unrelated') {
      partner = await matchingPartner(unit, current);
    }
    const waitUntil =
      input.reason !== 'temporarily-unable'
        ? null
        : input.waitUntil
          ? new Date(input.waitUntil)
          : proposeDueDate(DEFAULT_CALENDAR, now, [], DEFAULT_HONEST_DATE_POLICY).dueAt;
    const alternative = input.alternative?.trim() || null;
    const language = asLanguage(current.language, 'en');
    const actor = { userId: principal.kind === 'user' ? principal.id : null, type: principal.kind };
    const refusal = await refusalsRepository.insert(unit, {
      caseId: current.id,
      reason: input.reason,
      cause: input.cause,
      partnerId: partner?.id ?? null,
      alternative,
      waitUntil,
      actorUserId: actor.userId,
      actorType: actor.type,
    });
    const referralId = partner
      ? await referralsRepository.insert(unit, {
          partnerId: partner.id,
          caseId: current.id,
          customerId: current.customer_id,
          refusalId: refusal.id,
          direction: 'outgoing',
          language,
          note: null,
        })
      : null;
    await casesRepository.insertEvent(unit, {
      caseId: current.id,
      actorType: actor.type,
      actorUserId: actor.userId,
      type: 'case.refused',
      data: {
        refusalId: refusal.id,
        reason: input.reason,
        cause: input.cause,
        partnerId: partner?.id ?? null,
        partnerName: partner?.name ?? null,
        referralId,
        ...(waitUntil ? { waitUntil: waitUntil.toISOString() } : {}),
        ...(alternative ? { alternative } : {}),
        actorName: principal.name,
      },
    });
    // The draft comes from the desk's scripts `refusal.<reason>` (shipped in the four
    // languages, editable by admins); the company's own variables are added by the renderer.
    const script = await renderScriptByKey(unit, `refusal.${input.reason}`, language, {
      customer: { name: current.customer_name },
      agent: { name: principal.name },
      case: { number: String(current.number), subject: current.subject },
      partner: partner
        ? {
            name: partner.name,
            terms: partner.terms,
            contact: [partner.contact_email, partner.contact_phone].filter(Boolean).join(', '),
          }
        : {},
      waitUntil: waitUntil?.toISOString() ?? '',
      alternative: alternative ?? '',
    });
    // A phone call is followed up in writing, with the company card under the signature.
    const body =
      current.channel === 'phone' ? `${script.body}\n\n${companyCard(await companyProfile(unit))}` : script.body;
    announce(ctx, unit, current);
    return {
      refusal: {
        id: refusal.id,
        reason: input.reason,
        cause: input.cause,
        partnerId: partner?.id ?? null,
        partner: partner ? { id: partner.id, name: partner.name } : null,
        referralId,
        waitUntil: waitUntil?.toISOString() ?? null,
        alternative,
        createdAt: new Date(refusal.created_at).toISOString(),
      },
      draft: { body, language: script.language },
    };
  });
}
