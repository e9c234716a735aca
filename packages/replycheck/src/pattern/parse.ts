import { foldWord } from '../text/normalize.ts';
import { type TokenClass, tokenize } from '../text/tokenize.ts';
import type { Language } from '../types.ts';

/** How one alternative of a pattern element tests a token. */
export type Alternative =
  | { kind: 'stem'; key: string }
  | { kind: 'exact'; text: string }
  | { kind: 'prefix'; text: string }
  | { kind: 'class'; name: TokenClass | 'laugh' };

export type Element =
  | { type: 'token'; alternatives: Alternative[]; optional: boolean; negated: boolean }
  | { type: 'gap'; max: number }
  | { type: 'start' }
  | { type: 'end' };

export class PatternError extends Error {}

const CLASSES = new Set(['emoticon', 'num', 'word', 'symbol', 'laugh']);

/**
 * Reads one alternative. A plain word is tokenized like reply text, so "that's" in a
 * pattern means "that is", and it may become several words.
 */
function readAlternative(raw: string, language: Language): Alternative[][] {
  if (raw.startsWith('<') && raw.endsWith('>')) {
    const name = raw.slice(1, -1);
    if (!CLASSES.has(name)) throw new PatternError(`unknown token class ${raw}`);
    return [[{ kind: 'class', name: name as TokenClass | 'laugh' }]];
  }
  if (raw.startsWith('=')) {
    const text = foldWord(raw.slice(1), language);
    if (text.length === 0) throw new PatternError('empty exact word');
    return [[{ kind: 'exact', text }]];
  }
  if (raw.endsWith('*')) {
    const text = foldWord(raw.slice(0, -1), language);
    if (text.length < 2) throw new PatternError(`prefix "${raw}" is too short`);
    return [[{ kind: 'prefix', text }]];
  }
  const tokens = tokenize(raw, language);
  if (tokens.length === 0) throw new PatternError(`"${raw}" has no word in it`);
  return tokens.map((token) => [
    token.cls === 'word' ? { kind: 'stem', key: token.key } : { kind: 'exact', text: token.norm },
  ]);
}

/** Parses a pattern into elements; throws PatternError with a reason a supervisor can act on. */
export function parsePattern(pattern: string, language: Language): Element[] {
  const parts = pattern.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) throw new PatternError('empty pattern');
  const elements: Element[] = [];
  for (const part of parts) {
    if (part === '^') {
      elements.push({ type: 'start' });
      continue;
    }
    if (part === '$') {
      elements.push({ type: 'end' });
      continue;
    }
    const gap = /^~(\d+)$/.exec(part);
    if (gap) {
      const max = Number(gap[1]);
      if (max < 1 || max > 8) throw new PatternError(`gap ${part} must be ~1 to ~8`);
      elements.push({ type: 'gap', max });
      continue;
    }
    let body = part;
    const negated = body.startsWith('!');
    if (negated) body = body.slice(1);
    const optional = body.length > 1 && body.endsWith('?');
    if (optional) body = body.slice(0, -1);
    const options = body.split('|').filter(Boolean);
    if (options.length === 0) throw new PatternError(`"${part}" has no alternative`);
    const sequences = options.map((option) => readAlternative(option, language));
    const multiWord = sequences.filter((sequence) => sequence.length > 1);
    if (multiWord.length > 0) {
      if (sequences.length > 1 || optional || negated) {
        throw new PatternError(`"${part}": an alternative that is several words needs a pattern of its own`);
      }
      for (const alternatives of sequences[0] ?? []) elements.push({ type: 'token', alternatives, optional, negated });
      continue;
    }
    elements.push({ type: 'token', alternatives: sequences.flatMap((s) => s[0] ?? []), optional, negated });
  }
  validate(elements, pattern);
  return elements;
}

function validate(elements: Element[], pattern: string): void {
  const consuming = elements.filter((e) => e.type === 'token' && !e.negated && !e.optional);
  if (consuming.length === 0) throw new PatternError(`"${pattern}" needs at least one required word`);
  const first = elements.find((e) => e.type !== 'start');
  if (first?.type === 'gap') throw new PatternError(`"${pattern}" cannot start with a gap`);
  if (first?.type === 'token' && first.negated) throw new PatternError(`"${pattern}" cannot start with !`);
  const last = elements.at(-1);
  if (last?.type === 'gap') throw new PatternError(`"${pattern}" cannot end with a gap`);
  for (let i = 1; i < elements.length; i++) {
    if (elements[i]?.type === 'start') throw new PatternError(`"${pattern}": ^ belongs at the start`);
    if (elements[i - 1]?.type === 'end') throw new PatternError(`"${pattern}": $ belongs at the end`);
  }
}

/**
 * A pattern whose first words are optional is indexed once per way it can begin, so
 * every variant starts with a required word the index can look up.
 */
export function expandLeadingOptionals(elements: Element[]): Element[][] {
  const anchored = elements[0]?.type === 'start';
  const body = anchored ? elements.slice(1) : elements;
  const head = body[0];
  if (head?.type !== 'token' || !head.optional) return [elements];
  const prefix: Element[] = anchored ? [{ type: 'start' }] : [];
  const withHead = [...prefix, { ...head, optional: false }, ...body.slice(1)];
  const withoutHead = [...prefix, ...body.slice(1)];
  return [withHead, ...expandLeadingOptionals(withoutHead)];
}
