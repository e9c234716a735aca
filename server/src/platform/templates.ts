// The one template engine for every message Heard writes (Handlebars). Each template key
// declares the variables it may use; a template is checked when saved, so an unknown
// variable is an error at save time, never a blank at send time.
import Handlebars from 'handlebars';

export const LANGUAGES = ['en', 'ru', 'pl', 'ro'] as const;
export type Language = (typeof LANGUAGES)[number];

export const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);

type Node = hbs.AST.Node;

/** Every variable path a template reads: `{{customer.name}}`, `{{#if case.number}}`, … */
export function templateVariables(source: string): string[] {
  const found = new Set<string>();
  const visit = (node: Node | undefined, scope: string[]): void => {
    if (!node) return;
    switch (node.type) {
      case 'Program':
        for (const statement of (node as hbs.AST.Program).body) visit(statement, scope);
        return;
      case 'MustacheStatement':
      case 'SubExpression': {
        const mustache = node as hbs.AST.MustacheStatement;
        if (mustache.params.length === 0) addPath(mustache.path, scope);
        for (const param of mustache.params) visit(param, scope);
        return;
      }
      case 'BlockStatement': {
        const block = node as hbs.AST.BlockStatement;
        for (const param of block.params) visit(param, scope);
        const helper = (block.path as hbs.AST.PathExpression).original;
        const inner = helper === 'each' ? [...scope, 'this'] : scope;
        visit(block.program, inner);
        visit(block.inverse, scope);
        return;
      }
      case 'PathExpression':
        addPath(node as hbs.AST.PathExpression, scope);
        return;
      default:
        return;
    }
  };
  const addPath = (path: hbs.AST.Expression, scope: string[]): void => {
    if (path.type !== 'PathExpression') return;
    const expression = path as hbs.AST.PathExpression;
    if (expression.data || expression.original === 'this' || scope.includes('this')) return;
    if (HELPERS.has(expression.original)) return;
    found.add(expression.original);
  };
  visit(Handlebars.parse(source), []);
  return [...found].sort();
}

/** Helpers templates may call; not variables. */
const HELPERS = new Set(['if', 'unless', 'each', 'with', 'date']);

export class TemplateError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Throws TemplateError when the template does not parse or reads a variable not in `allowed`. */
export function validateTemplate(field: string, source: string, allowed: readonly string[]): void {
  let variables: string[];
  try {
    variables = templateVariables(source);
  } catch (error) {
    throw new TemplateError(field, `does not parse: ${(error as Error).message.split('\n')[0]}`);
  }
  const unknown = variables.filter((variable) => !allowed.includes(variable));
  if (unknown.length > 0) {
    throw new TemplateError(
      field,
      `unknown variable(s) ${unknown.map((v) => `{{${v}}}`).join(', ')}; allowed: ${allowed.join(', ')}`,
    );
  }
}

/**
 * A cache of things costly to build (a compiled template, a date format) by key: built on
 * first use, and emptied whole past 500 entries so edited templates cannot grow it forever.
 */
function cache<T>(build: (key: string) => T): (key: string) => T {
  const entries = new Map<string, T>();
  return (key) => {
    let entry = entries.get(key);
    if (entry === undefined) {
      entry = build(key);
      if (entries.size > 500) entries.clear();
      entries.set(key, entry);
    }
    return entry;
  };
}

/** Date formats by language and time zone: building one costs far more than formatting with it. */
const dateFormat = cache((key) => {
  const [language, timeZone] = key.split('\u0000') as [string, string];
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone });
});

const engine = Handlebars.create();
engine.registerHelper('date', (value: unknown, options: Handlebars.HelperOptions) => {
  const root = options.data?.root as { language?: string; timeZone?: string } | undefined;
  if (value === undefined || value === null || value === '') return '';
  const date = value instanceof Date ? value : new Date(String(value));
  return dateFormat(`${root?.language ?? 'en'}\u0000${root?.timeZone ?? 'UTC'}`).format(date);
});

const compiled = cache((source) => engine.compile(source, { noEscape: true, strict: false }));

/** Renders plain text (no HTML escaping: outgoing text bodies are text). Compiled templates are cached. */
export function renderTemplate(source: string, variables: Record<string, unknown>): string {
  return compiled(source)(variables);
}
