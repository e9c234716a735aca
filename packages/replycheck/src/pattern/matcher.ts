import type { Token } from '../text/tokenize.ts';
import type { Language } from '../types.ts';
import { type Alternative, type Element, expandLeadingOptionals, PatternError, parsePattern } from './parse.ts';

/** One pattern of a pack, tagged with what it is for (a rule's pattern, exception, …). */
export interface PatternEntry<Tag> {
  source: string;
  tag: Tag;
}

export interface Hit<Tag> {
  tag: Tag;
  source: string;
  /** Token indexes, inclusive. */
  first: number;
  last: number;
}

interface Variant<Tag> {
  entry: PatternEntry<Tag>;
  elements: Element[];
  atSentenceStart: boolean;
  /** Token index this variant was last tried at, so two fitting alternatives try it once. */
  triedAt: number;
  triedIn: number;
}

const FAIL = -2;
const LAUGH = /^(?:a?(?:ha|he|hi|ah){2,}h?|(?:ха|хе|хи|ах){2,}х?|lol+|lmao|rofl|ahah\p{L}*|ахах\p{L}*)$/u;

export function isLaugh(norm: string): boolean {
  return LAUGH.test(norm);
}

function testAlternative(alternative: Alternative, token: Token): boolean {
  switch (alternative.kind) {
    case 'stem':
      return token.cls === 'word' && token.key === alternative.key;
    case 'exact':
      return token.norm === alternative.text;
    case 'prefix':
      return token.cls === 'word' && token.norm.startsWith(alternative.text);
    case 'class':
      return alternative.name === 'laugh'
        ? token.cls === 'word' && isLaugh(token.norm)
        : token.cls === alternative.name;
  }
}

function testToken(element: Element & { type: 'token' }, token: Token): boolean {
  for (const alternative of element.alternatives) if (testAlternative(alternative, token)) return true;
  return false;
}

/** `^`: the start of a sentence or of a clause ("Hi Anna, no."). */
function isSentenceStart(tokens: Token[], i: number): boolean {
  return i === 0 || tokens[i - 1]?.sentence !== tokens[i]?.sentence || tokens[i]?.clauseStart === true;
}

/** Matches elements[j…] from token i within one sentence; returns the last token consumed. */
function matchFrom(elements: Element[], j: number, tokens: Token[], i: number, sentence: number, last: number): number {
  const element = elements[j];
  if (!element) return last;
  const token = tokens[i];
  const inSentence = token !== undefined && token.sentence === sentence;
  switch (element.type) {
    case 'start':
      return isSentenceStart(tokens, i) ? matchFrom(elements, j + 1, tokens, i, sentence, last) : FAIL;
    case 'end':
      return inSentence ? FAIL : matchFrom(elements, j + 1, tokens, i, sentence, last);
    case 'gap':
      for (let skip = 0; skip <= element.max; skip++) {
        const skipped = tokens[i + skip - 1];
        if (skip > 0 && (skipped === undefined || skipped.sentence !== sentence)) break;
        const result = matchFrom(elements, j + 1, tokens, i + skip, sentence, last);
        if (result !== FAIL) return result;
      }
      return FAIL;
    case 'token': {
      const fits = inSentence && testToken(element, token);
      if (element.negated) return fits ? FAIL : matchFrom(elements, j + 1, tokens, i, sentence, last);
      if (fits) {
        const result = matchFrom(elements, j + 1, tokens, i + 1, sentence, i);
        if (result !== FAIL) return result;
      }
      return element.optional ? matchFrom(elements, j + 1, tokens, i, sentence, last) : FAIL;
    }
  }
}

/**
 * All patterns of a pack compiled into one index keyed by the stem (or exact form, prefix,
 * token class) of each pattern's first required word. Checking a reply looks every token
 * up once and verifies only the few patterns that can start there, instead of running
 * hundreds of regular expressions over the text.
 */
export class PatternIndex<Tag> {
  private readonly byKey = new Map<string, Variant<Tag>[]>();
  private readonly byExact = new Map<string, Variant<Tag>[]>();
  private readonly byPrefix = new Map<string, Variant<Tag>[]>();
  private readonly prefixLengths = new Set<number>();
  private readonly byClass = new Map<string, Variant<Tag>[]>();
  private calls = 0;
  private readonly wordCandidates = new Map<string, Variant<Tag>[]>();
  private readonly otherCandidates = new Map<string, Variant<Tag>[]>();
  readonly errors: { source: string; tag: Tag; error: string }[] = [];

  constructor(entries: PatternEntry<Tag>[], language: Language) {
    for (const entry of entries) {
      try {
        for (const elements of expandLeadingOptionals(parsePattern(entry.source, language))) this.add(entry, elements);
      } catch (error) {
        if (!(error instanceof PatternError)) throw error;
        this.errors.push({ source: entry.source, tag: entry.tag, error: error.message });
      }
    }
  }

  private add(entry: PatternEntry<Tag>, raw: Element[]): void {
    const atSentenceStart = raw[0]?.type === 'start';
    const elements = atSentenceStart ? raw.slice(1) : raw;
    while (elements[0]?.type === 'gap') elements.shift();
    const head = elements[0];
    if (head?.type !== 'token' || head.negated) {
      throw new PatternError(`"${entry.source}" must begin with a word`);
    }
    const variant: Variant<Tag> = { entry, elements, atSentenceStart, triedAt: -1, triedIn: -1 };
    for (const alternative of head.alternatives) {
      switch (alternative.kind) {
        case 'stem':
          push(this.byKey, alternative.key, variant);
          break;
        case 'exact':
          push(this.byExact, alternative.text, variant);
          break;
        case 'prefix':
          push(this.byPrefix, alternative.text, variant);
          this.prefixLengths.add(alternative.text.length);
          break;
        case 'class':
          push(this.byClass, alternative.name, variant);
          break;
      }
    }
  }

  /** The patterns that can start at a token; a word's list depends only on its form, so it is cached. */
  private candidatesFor(token: Token): Variant<Tag>[] {
    const cache = token.cls === 'word' ? this.wordCandidates : this.otherCandidates;
    const cached = cache.get(token.norm);
    if (cached) return cached;
    const candidates: Variant<Tag>[] = [];
    if (token.cls === 'word') {
      append(candidates, this.byKey.get(token.key));
      for (const length of this.prefixLengths) append(candidates, this.byPrefix.get(token.norm.slice(0, length)));
      if (isLaugh(token.norm)) append(candidates, this.byClass.get('laugh'));
    }
    append(candidates, this.byExact.get(token.norm));
    append(candidates, this.byClass.get(token.cls));
    if (cache.size >= 50_000) cache.clear();
    cache.set(token.norm, candidates);
    return candidates;
  }

  /** Every match of every pattern, in text order (overlapping matches included). */
  findAll(tokens: Token[]): Hit<Tag>[] {
    const call = ++this.calls;
    const hits: Hit<Tag>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      for (const variant of this.candidatesFor(token)) {
        if (variant.triedAt === i && variant.triedIn === call) continue;
        variant.triedAt = i;
        variant.triedIn = call;
        if (variant.atSentenceStart && !isSentenceStart(tokens, i)) continue;
        const last = matchFrom(variant.elements, 0, tokens, i, token.sentence, -1);
        if (last >= i) hits.push({ tag: variant.entry.tag, source: variant.entry.source, first: i, last });
      }
    }
    return hits;
  }
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function append<V>(target: V[], source: V[] | undefined): void {
  if (source) for (const value of source) target.push(value);
}
