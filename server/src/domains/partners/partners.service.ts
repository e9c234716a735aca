// The partner directory (companies we refer customers to, with their specializations,
// regions, terms and status), referrals both ways and the settings of the outcome follow-up.
import { type AppContext, transaction } from '../../context.ts';
import { invalid, notFound } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import type { Tx } from '../../platform/db.ts';
import type { Principal } from '../../platform/principal.ts';
import { loadVisibleCase } from '../cases/cases.service.ts';
import { settingsRepository } from '../settings/settings.repository.ts';
import { isCountryCode, normalizeSpecialization } from './partners.matching.ts';
import { presentPartner, presentReferral } from './partners.presenter.ts';
import { type PartnerRecord, referralsRepository, partnersRepository as repo } from './partners.repository.ts';

export const PARTNER_STATUSES = ['active', 'paused'] as const;

export interface PartnerInput {
  name: string;
  specializations: string[];
  regions: string[];
  terms: string;
  contact: { email: string; phone?: string | null };
  status?: (typeof PARTNER_STATUSES)[number];
  notes?: string;
}

/** Normalizes specializations and checks region codes; the record to store. */
function toRecord(input: Partial<PartnerInput>): Partial<PartnerRecord> {
  const record: Partial<PartnerRecord> = {};
  if (input.name !== undefined) record.name = input.name.trim();
  if (input.specializations !== undefined) {
    record.specializations = [...new Set(input.specializations.map(normalizeSpecialization).filter(Boolean))];
    if (record.specializations.length === 0) throw invalid('body/specializations', 'name at least one specialization');
  }
  if (input.regions !== undefined) {
    const regions = input.regions.map((region) => region.trim().toUpperCase());
    const wrong = regions.findIndex((region) => !isCountryCode(region));
    if (wrong >= 0) throw invalid(`body/regions/${wrong}`, `"${input.regions[wrong]}" is not an ISO 3166 country code`);
    record.regions = [...new Set(regions)];
  }
  if (input.terms !== undefined) record.terms = input.terms.trim();
  if (input.contact !== undefined) {
    record.contactEmail = input.contact.email.trim().toLowerCase();
    record.contactPhone = input.contact.phone?.trim() || null;
  }
  if (input.status !== undefined) record.status = input.status;
  if (input.notes !== undefined) record.notes = input.notes.trim();
  return record;
}

export async function createPartner(ctx: AppContext, input: PartnerInput) {
  const record = toRecord(input);
  return transaction(ctx, async (unit) => {
    const id = await repo.insert(unit, {
      ...(record as PartnerRecord),
      status: input.status ?? 'active',
      notes: record.notes ?? '',
    });
    return presentPartner((await repo.byId(unit, id))!);
  });
}

export async function updatePartner(ctx: AppContext, id: string, patch: Partial<PartnerInput>) {
  const record = toRecord(patch);
  return transaction(ctx, async (unit) => {
    if (!(await repo.update(unit, id, record))) throw notFound('partner');
    return presentPartner((await repo.byId(unit, id))!);
  });
}

export async function getPartner(ctx: AppContext, id: string) {
  const row = await repo.byId(ctx.database, id);
  if (!row) throw notFound('partner');
  return presentPartner(row);
}

const isNameCursor = (value: unknown[]): value is [string, string] =>
  value.length === 2 &&
  typeof value[0] === 'string' &&
  typeof value[1] === 'string' &&
  /^[0-9a-f-]{36}$/.test(value[1]);

export async function listPartners(
  ctx: AppContext,
  query: { specialization?: string; region?: string; status?: string; cursor?: string; limit?: number },
) {
  const limit = query.limit ?? 50;
  const region = query.region?.trim().toUpperCase();
  if (region && !isCountryCode(region)) throw invalid('querystring/region', 'is not an ISO 3166 country code');
  const rows = await repo.list(ctx.database, {
    ...(query.specialization ? { specialization: normalizeSpecialization(query.specialization) } : {}),
    ...(region ? { region } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.cursor ? { after: decodeCursor(query.cursor, isNameCursor) } : {}),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(presentPartner),
    nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}

const isTimeCursor = (value: unknown[]): value is [string, string] =>
  value.length === 2 &&
  typeof value[0] === 'string' &&
  !Number.isNaN(Date.parse(value[0])) &&
  typeof value[1] === 'string' &&
  /^[0-9a-f-]{36}$/.test(value[1]);

export async function listReferrals(ctx: AppContext, query: { partnerId?: string; cursor?: string; limit?: number }) {
  const limit = query.limit ?? 50;
  const rows = await referralsRepository.list(ctx.database, {
    ...(query.partnerId ? { partnerId: query.partnerId } : {}),
    ...(query.cursor ? { after: decodeCursor(query.cursor, isTimeCursor) } : {}),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(presentReferral),
    nextCursor: rows.length > limit && last ? encodeCursor([last.created_key, last.id]) : null,
  };
}

export interface IncomingReferral {
  partnerId: string;
  customer?: { email: string; name?: string };
  caseId?: string;
  note?: string;
}

/** A customer a partner sent to us: recorded against the partner (and the customer or case, when known). */
export async function recordIncomingReferral(ctx: AppContext, principal: Principal, input: IncomingReferral) {
  if (!input.customer && !input.caseId) throw invalid('body/customer', 'give the customer or the case');
  return transaction(ctx, async (unit) => {
    if (!(await repo.byId(unit, input.partnerId))) throw invalid('body/partnerId', 'no such partner');
    const linked = input.caseId ? await loadVisibleCase(unit, principal, input.caseId, 'note') : undefined;
    const customerId = input.customer
      ? await referralsRepository.customerByEmail(
          unit,
          input.customer.email.trim().toLowerCase(),
          input.customer.name?.trim() || null,
        )
      : linked!.customer_id;
    const id = await referralsRepository.insert(unit, {
      partnerId: input.partnerId,
      caseId: linked?.id ?? null,
      customerId,
      refusalId: null,
      direction: 'incoming',
      language: linked?.language ?? 'en',
      note: input.note?.trim() || null,
    });
    return presentReferral((await referralsRepository.byId(unit, id))!);
  });
}

/** How the outcome follow-up works: after how many days the customer is asked. */
export interface ReferralSettings {
  followUpDays: number;
}

const DEFAULT_REFERRAL_SETTINGS: ReferralSettings = { followUpDays: 7 };
const SETTINGS_KEY = 'referrals';

export const referralSettings = async (tx: Tx): Promise<ReferralSettings> => ({
  ...DEFAULT_REFERRAL_SETTINGS,
  ...(await settingsRepository.get<Partial<ReferralSettings>>(tx, SETTINGS_KEY)),
});

export async function updateReferralSettings(ctx: AppContext, patch: Partial<ReferralSettings>) {
  return transaction(ctx, async (unit) => {
    const next = { ...(await referralSettings(unit)), ...patch };
    await settingsRepository.put(unit, SETTINGS_KEY, next);
    return next;
  });
}
