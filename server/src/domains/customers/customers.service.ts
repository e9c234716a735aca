// Customer records: contacts with their addresses, phone, preferred language and country,
// and the organization they belong to. The primary email is the key inbound mail and the
// API match on; further addresses of the same person are kept alongside.
import { type AppContext, transaction } from '../../context.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import { isLanguage } from '../../platform/templates.ts';
import { type CustomerView, organizationsRepository, customersRepository as repo } from './customers.repository.ts';

export interface CustomerPatch {
  name?: string | null;
  phone?: string | null;
  locale?: string | null;
  country?: string | null;
  otherEmails?: string[];
  organizationId?: string | null;
  tier?: string;
}

export async function updateCustomer(ctx: AppContext, id: string, patch: CustomerPatch): Promise<CustomerView> {
  if (patch.locale && !isLanguage(patch.locale)) throw invalid('body/locale', 'must be en, ru, pl or ro');
  if (patch.country && !/^[A-Z]{2}$/.test(patch.country))
    throw invalid('body/country', 'must be an ISO 3166 code such as PL');
  return transaction(ctx, async (tx) => {
    const otherEmails = patch.otherEmails?.map((email) => email.trim().toLowerCase());
    if (otherEmails) {
      const taken = await repo.emailsTaken(tx, id, otherEmails);
      if (taken.length > 0) throw new AppError('conflict', `already used by another customer: ${taken.join(', ')}`);
    }
    if (patch.organizationId && !(await organizationsRepository.exists(tx, patch.organizationId))) {
      throw invalid('body/organizationId', 'no such organization');
    }
    const found = await repo.update(tx, id, {
      ...patch,
      ...(otherEmails ? { otherEmails: [...new Set(otherEmails)] } : {}),
    });
    if (!found) throw notFound('customer');
    return (await repo.byId(tx, id))!;
  });
}
