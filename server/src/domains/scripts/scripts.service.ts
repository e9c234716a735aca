// Scripts (playbooks): approved texts for standard situations, per language, versioned.
// A script is checked when saved — its variables against SCRIPT_VARIABLES (400 naming the
// unknown one) and its text, filled with sample values, by the reply checker (422 with the
// findings when one blocks) — so what an agent inserts is already a good reply.
import type { Finding } from '@heard/replycheck';
import Handlebars from 'handlebars';
import type { AppContext } from '../../context.ts';
import { transaction } from '../../context.ts';
import { AppError, forbidden, invalid, notFound } from '../../errors.ts';
import type { Tx } from '../../platform/db.ts';
import type { Principal } from '../../platform/principal.ts';
import {
  LANGUAGES,
  type Language,
  renderTemplate,
  TemplateError,
  templateVariables,
  validateTemplate,
} from '../../platform/templates.ts';
import { presentCase } from '../cases/cases.presenter.ts';
import { loadVisibleCase } from '../cases/cases.service.ts';
import { checkBeforeSend } from '../replycheck/replycheck.service.ts';
import { type CompanyProfile, companyProfile } from '../settings/settings.service.ts';
import { DEFAULT_SCRIPTS, SCRIPT_VARIABLES } from './default-scripts.ts';
import { canScripts } from './scripts.policy.ts';
import {
  type NewScript,
  scriptsRepository as repo,
  type ScriptContent,
  type ScriptFilters,
  type ScriptRow,
} from './scripts.repository.ts';

export type Variables = Record<string, unknown>;

/** `{'order.number': '1'}` → `{order: {number: '1'}}`, the shape templates read. */
export function nestVariables(flat: Record<string, unknown>): Variables {
  const nested: Variables = {};
  for (const [path, value] of Object.entries(flat)) {
    const keys = path.split('.');
    let target = nested;
    for (const key of keys.slice(0, -1)) {
      target[key] ??= {};
      target = target[key] as Variables;
    }
    target[keys.at(-1)!] = value;
  }
  return nested;
}

const readPath = (variables: Variables, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value as Variables | undefined)?.[key], variables);

/** Variables a template only tests (`{{#if partner.name}}`): an absent one takes the other branch. */
function testedVariables(source: string): Set<string> {
  const tested = new Set<string>();
  const visit = (node: hbs.AST.Node | null | undefined): void => {
    if (!node) return;
    if (node.type === 'Program') for (const statement of (node as hbs.AST.Program).body) visit(statement);
    if (node.type !== 'BlockStatement') return;
    const block = node as hbs.AST.BlockStatement;
    for (const param of block.params) {
      if (param.type === 'PathExpression') tested.add((param as hbs.AST.PathExpression).original);
    }
    visit(block.program);
    visit(block.inverse);
  };
  visit(Handlebars.parse(source));
  return tested;
}

const SAMPLE_NAMES: Record<Language, { customer: string; agent: string }> = {
  en: { customer: 'Emma Clark', agent: 'James Wilson' },
  ru: { customer: 'Анна Смирнова', agent: 'Ирина Петрова' },
  pl: { customer: 'Anna Kowalska', agent: 'Piotr Nowak' },
  ro: { customer: 'Ana Popescu', agent: 'Mihai Ionescu' },
};

/** Values a script is checked with at save time: every variable filled, as on a real case. */
function sampleVariables(language: Language, company: CompanyProfile): Variables {
  const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString();
  return nestVariables({
    'customer.name': SAMPLE_NAMES[language].customer,
    'customer.email': 'customer@example.com',
    'agent.name': SAMPLE_NAMES[language].agent,
    'case.number': '1042',
    'case.subject': 'Order 58213',
    'company.name': company.name,
    'company.description': company.description[language],
    'company.email': company.email,
    'company.phone': company.phone || '+44 20 7946 0000',
    'company.website': company.website || 'https://example.com',
    'commitment.dueAt': inThreeDays,
    'commitment.nextStep': {
      en: 'we ship the order',
      ru: 'мы отправим заказ',
      pl: 'wyślemy zamówienie',
      ro: 'expediem comanda',
    }[language],
    'order.number': '58213',
    'partner.name': 'Partner Ltd',
    'partner.terms': '10%',
    'partner.contact': 'partner@example.com',
    waitUntil: inThreeDays,
    alternative: '—',
  });
}

function validateVariables(content: { title: string; body: string }): void {
  try {
    validateTemplate('title', content.title, SCRIPT_VARIABLES);
    validateTemplate('body', content.body, SCRIPT_VARIABLES);
  } catch (error) {
    if (error instanceof TemplateError) throw invalid(`body/${error.field}`, error.message);
    throw error;
  }
}

/** The body filled as on a real case (every variable with a sample value), and the sample names. */
async function fillWithSamples(tx: Tx, language: Language, body: string) {
  const sample = sampleVariables(language, await companyProfile(tx));
  return {
    body: renderTemplate(body, { ...sample, language }),
    customerName: String(readPath(sample, 'customer.name')),
    agentName: String(readPath(sample, 'agent.name')),
  };
}

/**
 * Variables first (400), then the reply checker over the body filled with sample values:
 * throws 422 `reply-check-blocked` with the findings when one blocks; returns the others.
 */
async function checkScript(tx: Tx, principal: Principal, language: Language, content: { title: string; body: string }) {
  validateVariables(content);
  const { body, customerName, agentName } = await fillWithSamples(tx, language, content.body);
  const { findings } = await checkBeforeSend(tx, principal, {
    body,
    language,
    context: { customerName, agentName, isOpenCase: true, hasCommitment: true },
  });
  return { body, findings };
}

/** The checker's verdict on a draft script without saving it (the admin page checks as one types). */
export async function previewScript(
  ctx: AppContext,
  principal: Principal,
  input: { language: Language; title: string; body: string },
) {
  try {
    return { ...(await checkScript(ctx.database, principal, input.language, input)), blocked: false };
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'reply-check-blocked')) throw error;
    const { body } = await fillWithSamples(ctx.database, input.language, input.body);
    return { body, findings: (error.extensions.findings ?? []) as Finding[], blocked: true };
  }
}

export function listScripts(ctx: AppContext, principal: Principal, filters: ScriptFilters) {
  if (!canScripts(principal, 'read')) throw forbidden();
  return repo.list(ctx.database, filters);
}

export async function getScript(tx: Tx, principal: Principal, id: string): Promise<ScriptRow> {
  if (!canScripts(principal, 'read')) throw forbidden();
  const script = /^[0-9a-f-]{36}$/i.test(id) ? await repo.byId(tx, id) : undefined;
  if (!script) throw notFound('script');
  return script;
}

export async function scriptVersions(ctx: AppContext, principal: Principal, id: string) {
  await getScript(ctx.database, principal, id);
  return repo.versions(ctx.database, id);
}

const actorId = (principal: Principal) => (principal.kind === 'user' ? principal.id : null);

export async function createScript(
  ctx: AppContext,
  principal: Principal,
  input: ScriptContent & { key?: string; language: Language },
) {
  if (!canScripts(principal, 'manage')) throw forbidden('only supervisors and admins write scripts');
  return transaction(ctx, async (tx) => {
    const { findings } = await checkScript(tx, principal, input.language, input);
    const key = input.key ?? `custom.${crypto.randomUUID().slice(0, 8)}`;
    const [created] = await repo.insertMissing(tx, [{ ...input, key }], actorId(principal));
    if (!created) throw new AppError('conflict', `a ${input.language} script "${key}" already exists`);
    return { script: created, findings };
  });
}

/** Saves a new version; `version` is the one the editor started from (409 if someone saved since). */
export async function updateScript(
  ctx: AppContext,
  principal: Principal,
  id: string,
  input: ScriptContent & { version?: number },
) {
  if (!canScripts(principal, 'manage')) throw forbidden('only supervisors and admins write scripts');
  return transaction(ctx, async (tx) => {
    const current = await getScript(tx, principal, id);
    if (input.version !== undefined && input.version !== current.version) {
      throw new AppError('conflict', `the script is at version ${current.version}, not ${input.version}`);
    }
    const { findings } = await checkScript(tx, principal, current.language as Language, input);
    const { version: _expected, ...content } = input;
    const saved = await repo.saveVersion(tx, current, content, actorId(principal));
    if (!saved) throw new AppError('conflict', 'the script was saved by someone else meanwhile');
    return { script: saved, findings };
  });
}

/**
 * Fills a script. A variable the text needs but nobody could fill shows as `[order.number]`
 * (and is listed in `missing`), never as a silent blank; one the text only tests in
 * `{{#if}}` just takes the other branch.
 */
export function fillScript(script: Pick<ScriptRow, 'body' | 'language'>, variables: Variables) {
  const tested = testedVariables(script.body);
  const unfilled = templateVariables(script.body).filter(
    (path) => !tested.has(path) && isBlank(readPath(variables, path)),
  );
  const placeholders = nestVariables(Object.fromEntries(unfilled.map((path) => [path, `[${path}]`])));
  const body = renderTemplate(script.body, { ...mergeVariables(variables, placeholders), language: script.language });
  // Only what the text really shows counts (a branch not taken needs nothing).
  return { body, missing: unfilled.filter((path) => body.includes(`[${path}]`)) };
}

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/** `base` with the gaps filled from `extra`, recursively. */
function mergeVariables(base: Variables, extra: Variables): Variables {
  const merged: Variables = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = merged[key];
    merged[key] =
      current && typeof current === 'object' && value && typeof value === 'object'
        ? mergeVariables(current as Variables, value as Variables)
        : isBlank(current)
          ? value
          : current;
  }
  return merged;
}

const companyVariables = (company: CompanyProfile, language: Language) => ({
  name: company.name,
  description: company.description[language],
  email: company.email,
  phone: company.phone,
  website: company.website,
});

/**
 * Renders the script `key` in `language` (English when that translation is missing) with the
 * caller's variables plus the company's: the guided refusal drafts its replies through this.
 */
export async function renderScriptByKey(tx: Tx, key: string, language: Language, variables: Variables) {
  const script = (await repo.byKey(tx, key, language)) ?? (await repo.byKey(tx, key, 'en'));
  if (!script) throw notFound(`script ${key}`);
  const scriptLanguage = script.language as Language;
  const company = companyVariables(await companyProfile(tx), scriptLanguage);
  const filled = fillScript(script, mergeVariables(variables, { company }));
  return { ...filled, language: scriptLanguage, scriptId: script.id, version: script.version };
}

/** Renders a script for a case: customer, agent, case, company and the current commitment from the case. */
export async function renderForCase(
  ctx: AppContext,
  principal: Principal,
  caseId: string,
  scriptId: string,
  values: Record<string, string>,
) {
  const unknown = Object.keys(values).filter((path) => !(SCRIPT_VARIABLES as readonly string[]).includes(path));
  if (unknown.length > 0) throw invalid(`body/values/${unknown[0]}`, 'is not a script variable');
  const tx = ctx.database;
  const view = presentCase(await loadVisibleCase(tx, principal, caseId, 'reply'));
  const script = await getScript(tx, principal, scriptId);
  const language = script.language as Language;
  const fromCase = {
    customer: { name: view.customer.name, email: view.customer.email },
    agent: { name: principal.name },
    case: { number: String(view.number), subject: view.subject },
    company: companyVariables(await companyProfile(tx), language),
    ...(view.commitment ? { commitment: { dueAt: view.commitment.dueAt, nextStep: view.commitment.nextStep } } : {}),
  };
  const variables = mergeVariables(fromCase, nestVariables(values));
  return { ...fillScript(script, variables), language, scriptId: script.id, version: script.version };
}

/** Baseline: the shipped scripts in every language, for each key and language not there yet. */
export async function ensureDefaultScripts(ctx: AppContext): Promise<void> {
  const rows: NewScript[] = DEFAULT_SCRIPTS.flatMap((definition) =>
    LANGUAGES.map((language) => ({
      key: definition.key,
      language,
      category: definition.category,
      caseCategories: definition.caseCategories,
      tags: definition.tags,
      builtin: true,
      ...definition.text[language],
    })),
  );
  await transaction(ctx, (tx) => repo.insertMissing(tx, rows, null));
}
