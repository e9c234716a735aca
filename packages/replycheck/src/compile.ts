import { CATEGORY_IDS, isCategoryId } from './categories.ts';
import { type CompiledPack, type PatternTag, runPack } from './engine.ts';
import { type PatternEntry, PatternIndex } from './pattern/matcher.ts';
import { foldWord } from './text/normalize.ts';
import type { Language, RuleExample, RulePack } from './types.ts';

export interface PackError {
  /** Rule id, when the error belongs to a rule. */
  rule?: string;
  pattern?: string;
  example?: string;
  message: string;
}

export type CompileResult = { ok: true; compiled: CompiledPack; errors: [] } | { ok: false; errors: PackError[] };

const LANGUAGES: readonly Language[] = ['en', 'ru', 'pl', 'ro'];
const PHRASE_RULE_KEYS = ['exceptions', 'unless'] as const;
const PRESENCE_CATEGORIES = ['no-greeting', 'no-self-introduction', 'missing-next-step'];
const CONTEXT_CATEGORIES = ['no-customer-name', 'early-promise'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');
const isExample = (value: unknown): value is RuleExample =>
  typeof value === 'string' || (isRecord(value) && typeof value.text === 'string');

/** Checks the shape of a pack that may come from JSON (an edit in the admin UI, a file). */
function shapeErrors(pack: unknown): PackError[] {
  if (!isRecord(pack)) return [{ message: 'a pack must be an object' }];
  const errors: PackError[] = [];
  if (!LANGUAGES.includes(pack.language as Language))
    errors.push({ message: `unknown language ${String(pack.language)}` });
  if (typeof pack.version !== 'string' || pack.version.trim() === '') errors.push({ message: 'version is required' });
  if (!isStringArray(pack.exceptions)) errors.push({ message: 'exceptions must be a list of patterns' });
  if (!isStringArray(pack.negators)) errors.push({ message: 'negators must be a list of words' });
  const dates = pack.dates;
  if (!isRecord(dates) || !Array.isArray(dates.months) || dates.months.length !== 12 || !isRecord(dates.relativeDays)) {
    errors.push({ message: 'dates must give 12 months, relativeDays and days' });
  } else if (!dates.months.every(isStringArray) || !isStringArray(dates.days)) {
    errors.push({ message: 'dates.months and dates.days must be lists of words' });
  }
  const seen = new Set<string>();
  for (const key of ['rules', 'presence', 'context'] as const) {
    const rules = pack[key];
    if (!Array.isArray(rules)) {
      errors.push({ message: `${key} must be a list` });
      continue;
    }
    for (const rule of rules) {
      if (!isRecord(rule) || typeof rule.id !== 'string' || rule.id === '') {
        errors.push({ message: `every entry of ${key} needs an id` });
        continue;
      }
      const id = rule.id;
      if (seen.has(id)) errors.push({ rule: id, message: 'duplicate rule id' });
      seen.add(id);
      const category = String(rule.category);
      if (!isCategoryId(category)) {
        errors.push({ rule: id, message: `unknown category ${category} (one of ${CATEGORY_IDS.join(', ')})` });
      } else if (key === 'presence' && !PRESENCE_CATEGORIES.includes(category)) {
        errors.push({ rule: id, message: `a presence rule cannot have category ${category}` });
      } else if (key === 'context' && !CONTEXT_CATEGORIES.includes(category)) {
        errors.push({ rule: id, message: `a context rule cannot have category ${category}` });
      }
      if (typeof rule.message !== 'string' || rule.message.trim() === '')
        errors.push({ rule: id, message: 'message is required' });
      if (typeof rule.suggestion !== 'string' || rule.suggestion.trim() === '') {
        errors.push({ rule: id, message: 'suggestion is required' });
      }
      if (rule.severity !== undefined && !['info', 'warn', 'block'].includes(String(rule.severity))) {
        errors.push({ rule: id, message: `unknown severity ${String(rule.severity)}` });
      }
      if (key !== 'context' && (!isStringArray(rule.patterns) || rule.patterns.length === 0)) {
        errors.push({ rule: id, message: 'patterns must be a non-empty list' });
      }
      if (key === 'rules') {
        for (const field of PHRASE_RULE_KEYS) {
          if (rule[field] !== undefined && !isStringArray(rule[field]))
            errors.push({ rule: id, message: `${field} must be a list` });
        }
      }
      const examples = rule.examples;
      if (
        !isRecord(examples) ||
        !Array.isArray(examples.positive) ||
        !Array.isArray(examples.negative) ||
        examples.positive.length === 0 ||
        examples.negative.length === 0 ||
        !examples.positive.every(isExample) ||
        !examples.negative.every(isExample)
      ) {
        errors.push({ rule: id, message: 'examples need at least one positive and one negative text' });
      }
    }
  }
  return errors;
}

function indexEntries(pack: RulePack): PatternEntry<PatternTag>[] {
  const entries: PatternEntry<PatternTag>[] = [];
  pack.rules.forEach((rule, index) => {
    for (const source of rule.patterns) entries.push({ source, tag: { role: 'rule', rule: index } });
    for (const source of rule.exceptions ?? []) entries.push({ source, tag: { role: 'exception', rule: index } });
    for (const source of rule.unless ?? []) entries.push({ source, tag: { role: 'unless', rule: index } });
  });
  pack.presence.forEach((rule, index) => {
    for (const source of rule.patterns) entries.push({ source, tag: { role: 'presence', rule: index } });
  });
  for (const source of pack.exceptions) entries.push({ source, tag: { role: 'global-exception' } });
  return entries;
}

function ruleIdOf(pack: RulePack, tag: PatternTag): string | undefined {
  if (tag.role === 'global-exception') return undefined;
  return tag.role === 'presence' ? pack.presence[tag.rule]?.id : pack.rules[tag.rule]?.id;
}

/** Runs every rule's examples; a positive must produce a finding of the rule, a negative none. */
export function exampleErrors(compiled: CompiledPack): PackError[] {
  const errors: PackError[] = [];
  const { pack } = compiled;
  for (const rule of [...pack.rules, ...pack.presence, ...pack.context]) {
    for (const [expected, examples] of [
      [true, rule.examples.positive],
      [false, rule.examples.negative],
    ] as const) {
      for (const example of examples) {
        const text = typeof example === 'string' ? example : example.text;
        const context = typeof example === 'string' ? {} : (example.context ?? {});
        const fired = runPack(compiled, text, { now: '2026-01-15', ...context }).some((f) => f.rule === rule.id);
        if (fired !== expected) {
          errors.push({
            rule: rule.id,
            example: text,
            message: expected ? 'positive example is not flagged' : 'negative example is flagged',
          });
        }
      }
    }
  }
  return errors;
}

/**
 * Validates a pack (shape, patterns, and every rule against its own examples) and
 * compiles it into one matcher. The server calls this before saving a supervisor's edit.
 */
export function compilePack(input: unknown): CompileResult {
  const errors = shapeErrors(input);
  if (errors.length > 0) return { ok: false, errors };
  const pack = input as RulePack;
  const index = new PatternIndex(indexEntries(pack), pack.language);
  if (index.errors.length > 0) {
    return {
      ok: false,
      errors: index.errors.map((error) => ({
        rule: ruleIdOf(pack, error.tag),
        pattern: error.source,
        message: error.error,
      })),
    };
  }
  const negators = new Set(pack.negators.map((word) => foldWord(word, pack.language)));
  const compiled: CompiledPack = { pack, index, negators };
  const failures = exampleErrors(compiled);
  if (failures.length > 0) return { ok: false, errors: failures };
  return { ok: true, compiled, errors: [] };
}

const compiledPacks = new WeakMap<RulePack, CompiledPack>();

/** The compiled form of a pack, compiled once per pack object; throws if the pack is invalid. */
export function compiledFor(pack: RulePack): CompiledPack {
  const cached = compiledPacks.get(pack);
  if (cached) return cached;
  const result = compilePack(pack);
  if (!result.ok) {
    const detail = result.errors
      .slice(0, 5)
      .map((error) => [error.rule, error.pattern ?? error.example, error.message].filter(Boolean).join(': '))
      .join('; ');
    throw new Error(`rule pack ${pack.language}@${pack.version} is invalid: ${detail}`);
  }
  compiledPacks.set(pack, result.compiled);
  return result.compiled;
}
