// Desk-wide configuration: the company profile, categories, message templates and the
// escalation ladder. `ensureBaseline` creates what a working desk needs on first start,
// so nothing refuses to work because an admin has not configured it yet.
import { type AppContext, transaction, type Unit } from '../../context.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import { Cached } from '../../platform/cached.ts';
import type { Tx } from '../../platform/db.ts';
import { enqueue } from '../../platform/jobs.ts';
import type { Principal } from '../../platform/principal.ts';
import { LANGUAGES, type Language, renderTemplate, TemplateError, validateTemplate } from '../../platform/templates.ts';
import { identityRepository } from '../identity/identity.repository.ts';
import { TEMPLATE_DEFINITIONS, templateDefinition } from './default-templates.ts';
import { settingsRepository as repo, type TemplateRow } from './settings.repository.ts';

export type TemplateView = TemplateRow;

export interface CompanyProfile {
  name: string;
  email: string;
  phone: string;
  website: string;
  description: Record<Language, string>;
  defaultLanguage: Language;
}

const DEFAULT_COMPANY: CompanyProfile = {
  name: 'Our company',
  email: 'support@example.com',
  phone: '',
  website: '',
  description: {
    en: 'We sell and deliver goods to our customers and look after them after the sale.',
    ru: 'Мы продаём и доставляем товары нашим клиентам и сопровождаем их после покупки.',
    pl: 'Sprzedajemy i dostarczamy towary naszym klientom i dbamy o nich po zakupie.',
    ro: 'Vindem și livrăm produse clienților noștri și avem grijă de ei după vânzare.',
  },
  defaultLanguage: 'en',
};

export const BUILTIN_CATEGORIES: Record<string, Record<Language, string>> = {
  quality: { en: 'Product quality', ru: 'Качество товара', pl: 'Jakość produktu', ro: 'Calitatea produsului' },
  service: { en: 'Service', ru: 'Обслуживание', pl: 'Obsługa', ro: 'Servire' },
  delivery: { en: 'Delivery', ru: 'Доставка', pl: 'Dostawa', ro: 'Livrare' },
  billing: { en: 'Billing', ru: 'Оплата', pl: 'Płatności', ro: 'Facturare' },
  other: { en: 'Other', ru: 'Другое', pl: 'Inne', ro: 'Altele' },
};

const DEFAULT_RUNGS = [
  { title: 'Service desk' },
  { title: 'Senior agent' },
  { title: 'Head of service' },
  { title: 'Director' },
];

/** Idempotent: creates the company profile, a default team, categories, templates and a ladder when missing. */
export async function ensureBaseline(ctx: AppContext): Promise<void> {
  await transaction(ctx, async (tx) => {
    forgetTexts(tx);
    await repo.putIfMissing(tx, 'company', DEFAULT_COMPANY);
    if ((await identityRepository.listTeams(tx)).length === 0) {
      await identityRepository.insertTeam(tx, { name: 'Support', defaultLanguage: 'en', isDefault: true });
    }
    await repo.insertCategories(
      tx,
      Object.entries(BUILTIN_CATEGORIES).map(([id, labels]) => ({ id, builtin: true, labels })),
    );
    await repo.insertTemplates(
      tx,
      TEMPLATE_DEFINITIONS.flatMap((definition) =>
        LANGUAGES.map((language) => ({ key: definition.key, language, ...definition.text[language] })),
      ),
    );
    if ((await repo.listRungs(tx)).length === 0) {
      await repo.replaceRungs(
        tx,
        DEFAULT_RUNGS.map((rung, index) => ({ ...rung, position: index + 1, contactEmail: DEFAULT_COMPANY.email })),
      );
    }
    const admin = (await identityRepository.listUsers(tx)).find((user) => user.role === 'admin' && user.active);
    if (admin) await repo.assignUnownedRungs(tx, admin.id);
  });
}

export const companyProfile = async (tx: Tx): Promise<CompanyProfile> =>
  (await repo.get<CompanyProfile>(tx, 'company')) ?? DEFAULT_COMPANY;

export async function updateCompanyProfile(ctx: AppContext, patch: Partial<CompanyProfile>): Promise<CompanyProfile> {
  return transaction(ctx, async (tx) => {
    const next = { ...(await companyProfile(tx)), ...patch };
    await repo.put(tx, 'company', next);
    forgetTexts(tx);
    return next;
  });
}

/** The company profile and some templates of one language; renders them. */
export interface DeskTexts {
  company: CompanyProfile;
  /** Renders one of the templates asked for (the stored text, else the shipped default). */
  render(key: string, variables: Record<string, unknown>): { subject: string; body: string };
}

interface StoredTexts {
  company: CompanyProfile;
  templates: Record<string, { subject: string; body: string }>;
}

/**
 * The company profile and the stored templates of a language, cached per process for 5 s:
 * every customer message (an acknowledgement per new case) renders a template and the footer.
 * A change made here is seen at once (the cache is cleared when it commits); another process
 * sees it within 5 s.
 */
const storedTexts = new Cached<StoredTexts>(async (tx, language) => {
  const read = await repo.texts(tx, language);
  return { company: (read.company as CompanyProfile | undefined) ?? DEFAULT_COMPANY, templates: read.templates };
}, 5_000);

const forgetTexts = (unit: Unit) => unit.afterCommit(() => storedTexts.clear());

/** The company profile and the templates `keys` in `language` (cached, see storedTexts). */
export async function deskTexts(tx: Tx, keys: string[], language: Language): Promise<DeskTexts> {
  const definitions = new Map(
    keys.map((key) => {
      const definition = templateDefinition(key);
      if (!definition) throw new Error(`no template definition for ${key}`);
      return [key, definition] as const;
    }),
  );
  const { company, templates } = await storedTexts.get(tx, language);
  return {
    company,
    render(key, variables) {
      const definition = definitions.get(key);
      if (!definition) throw new Error(`template ${key} was not read`);
      const stored = templates[key] ?? definition.text[language];
      const all = { ...variables, company: { name: company.name }, language };
      return { subject: renderTemplate(stored.subject, all), body: renderTemplate(stored.body, all) };
    },
  };
}

/** Renders a template from the database (falling back to the shipped default) in the given language. */
export async function renderStoredTemplate(
  tx: Tx,
  key: string,
  language: Language,
  variables: Record<string, unknown>,
): Promise<{ subject: string; body: string }> {
  return (await deskTexts(tx, [key], language)).render(key, variables);
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** Stable id: the same email is never delivered twice under two ids. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
}

/** Renders a template and records the email in the outbox of the caller's transaction. */
export async function sendTemplatedEmail(
  tx: Tx,
  email: { key: string; language: Language; to: string; variables: Record<string, unknown> },
): Promise<void> {
  const { subject, body } = await renderStoredTemplate(tx, email.key, email.language, email.variables);
  const outgoing: OutgoingEmail = { to: email.to, subject, text: body };
  await enqueue(tx, 'email.send', { ...outgoing });
}

export async function updateTemplate(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: { subject: string; body: string },
): Promise<TemplateView> {
  return transaction(ctx, async (tx) => {
    const current = await repo.templateById(tx, id);
    if (!current) throw notFound('template');
    const definition = templateDefinition(current.key);
    const allowed = definition?.variables ?? [];
    try {
      validateTemplate('subject', input.subject, allowed);
      validateTemplate('body', input.body, allowed);
    } catch (error) {
      if (error instanceof TemplateError) throw invalid(`body/${error.field}`, error.message);
      throw error;
    }
    const updated = await repo.updateTemplate(tx, id, { ...input, updatedBy: actor.kind === 'user' ? actor.id : null });
    if (!updated) throw new AppError('conflict');
    forgetTexts(tx);
    return updated;
  });
}

export async function replaceLadder(
  ctx: AppContext,
  rungs: { title: string; userId?: string | null; contactEmail?: string | null; contactPhone?: string | null }[],
) {
  if (rungs.length === 0) throw invalid('body/rungs', 'the ladder needs at least one rung');
  return transaction(ctx, async (tx) => {
    for (const [index, rung] of rungs.entries()) {
      if (rung.userId && !(await identityRepository.userById(tx, rung.userId))) {
        throw invalid(`body/rungs/${index}/userId`, 'no such user');
      }
    }
    await repo.replaceRungs(
      tx,
      rungs.map((rung, index) => ({
        position: index + 1,
        title: rung.title,
        userId: rung.userId ?? null,
        contactEmail: rung.contactEmail ?? null,
        contactPhone: rung.contactPhone ?? null,
      })),
    );
    return repo.listRungs(tx);
  });
}
