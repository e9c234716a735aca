import type { Language } from '../types.ts';
import { foldWord } from './normalize.ts';
import { stem } from './stem.ts';

export type TokenClass = 'word' | 'num' | 'emoticon' | 'symbol';

export interface Token {
  /** Folded surface form (lower case, diacritics per language). */
  norm: string;
  /** Stem of the folded form: what patterns compare. */
  key: string;
  cls: TokenClass;
  /** Offsets into the original text; contraction parts share their word's span. */
  start: number;
  end: number;
  sentence: number;
  /** First word after a comma, colon or dash: "Hi Anna, no." starts a clause with "no". */
  clauseStart: boolean;
}

// Emoticons before words so that "xD" is not read as a word; a mouth must not be followed
// by a letter or a slash ("https://", "Note:Do").
const TOKEN =
  /([:;=8][-'^]?[)(\][DdPpOo3*|](?![\p{L}\p{N}/])|\){2,}|\({2,}|\b[xX][dD]+\b|\^[_-]?\^)|(\p{Extended_Pictographic})|([\p{L}\p{M}\p{N}]+(?:['’ʼ`][\p{L}\p{M}]+)*)|(%|€|\$|£|zł|lei|₽)/gu;

const ABBREVIATIONS = new Set([
  'e',
  'g',
  'etc',
  'mr',
  'mrs',
  'ms',
  'dr',
  'nr',
  'np',
  'tel',
  'ul',
  'str',
  'ok',
  'ca',
  'vs',
  'approx',
  'т',
  'е',
  'д',
  'г',
  'гг',
  'тел',
  'ул',
  'им',
  'см',
  'др',
  'пр',
  'стр',
  'dl',
  'dna',
  'sz',
  'ww',
  'tzw',
  'godz',
  'pn',
]);

const ENGLISH_SPLIT: Record<string, string[]> = {
  cannot: ['can', 'not'],
  cant: ['can', 'not'],
  dont: ['do', 'not'],
  doesnt: ['does', 'not'],
  didnt: ['did', 'not'],
  isnt: ['is', 'not'],
  arent: ['are', 'not'],
  wasnt: ['was', 'not'],
  werent: ['were', 'not'],
  couldnt: ['could', 'not'],
  wouldnt: ['would', 'not'],
  shouldnt: ['should', 'not'],
  havent: ['have', 'not'],
  hasnt: ['has', 'not'],
  thats: ['that', 'is'],
  im: ['i', 'am'],
  ive: ['i', 'have'],
  youre: ['you', 'are'],
  theyre: ['they', 'are'],
  "can't": ['can', 'not'],
  "won't": ['will', 'not'],
  "shan't": ['shall', 'not'],
  "ain't": ['is', 'not'],
  "let's": ['let', 'us'],
  "i'm": ['i', 'am'],
};

const IS_PRONOUNS = new Set(['it', 'that', 'this', 'there', 'what', 'here', 'he', 'she', 'who', 'where', 'how']);
const CLITIC_SUFFIXES: Record<string, string> = {
  "'re": 'are',
  "'ll": 'will',
  "'ve": 'have',
  "'d": 'would',
  "'m": 'am',
};

/** English contractions become the words they stand for, so "that's" and "that is" match alike. */
function splitEnglish(folded: string): string[] {
  const word = folded.replace(/[’ʼ`]/g, "'");
  const whole = ENGLISH_SPLIT[word];
  if (whole) return whole;
  if (!word.includes("'")) return [word];
  if (word.endsWith("n't")) return [word.slice(0, -3), 'not'];
  if (word.endsWith("'s")) {
    const base = word.slice(0, -2);
    return [base, IS_PRONOUNS.has(base) ? 'is' : "'s"];
  }
  for (const [suffix, expansion] of Object.entries(CLITIC_SUFFIXES)) {
    if (word.endsWith(suffix)) return [word.slice(0, -suffix.length), expansion];
  }
  return [word.replace(/'/g, '')];
}

function splitWord(folded: string, language: Language): string[] {
  if (language === 'en') return splitEnglish(folded);
  const plain = folded.replace(/['’ʼ`]/g, '');
  // Romanian "n-am", "n-are": the hyphen split leaves "n" for "nu".
  if (language === 'ro' && plain === 'n') return ['nu'];
  return [plain];
}

function isSentenceBreak(gap: string, previous: Token | undefined, nextText: string): boolean {
  if (/[!?…\n;]/.test(gap)) return true;
  if (!gap.includes('.')) return false;
  if (!previous) return false;
  if (gap.trim() === '.') {
    if (previous.cls === 'num' && /^\d/.test(nextText)) return false;
    if (ABBREVIATIONS.has(previous.norm) || previous.norm.length === 1) return false;
    if (/^\p{Ll}/u.test(nextText)) return false;
  }
  return true;
}

type WordPart = Pick<Token, 'norm' | 'key' | 'cls'>;

const partCaches: Record<Language, Map<string, WordPart[]>> = {
  en: new Map(),
  ru: new Map(),
  pl: new Map(),
  ro: new Map(),
};

/** Folded, split and stemmed forms of a word as typed; cached because replies repeat words. */
function wordParts(word: string, language: Language): WordPart[] {
  const cache = partCaches[language];
  const cached = cache.get(word);
  if (cached) return cached;
  const folded = foldWord(word, language);
  const parts: WordPart[] = /^\p{N}+$/u.test(folded)
    ? [{ norm: folded, key: folded, cls: 'num' }]
    : splitWord(folded, language)
        .filter((part) => part.length > 0)
        .map((part) => ({ norm: part, key: stem(part, language), cls: 'word' }));
  if (cache.size >= 50_000) cache.clear();
  cache.set(word, parts);
  return parts;
}

/**
 * Splits a reply into tokens with their offsets and sentence numbers. A sentence ends at
 * . ! ? … ; or a line break (a greeting line is a sentence of its own); a comma, colon or
 * dash starts a clause, which `^` in a pattern also accepts.
 */
export function tokenize(text: string, language: Language): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    const previous = tokens.at(-1);
    // Most words are separated by one space: no sentence or clause break to look for.
    const plainSpace = start - last === 1 && text.charCodeAt(last) === 32;
    const gap = plainSpace ? ' ' : text.slice(last, start);
    if (!plainSpace && previous && isSentenceBreak(gap, previous, match[0])) sentence++;
    const clauseStart = !plainSpace && previous !== undefined && /[,:—–]|\s-\s/.test(gap);
    last = end;
    if (match[1] !== undefined || match[2] !== undefined) {
      const emoticon = match[0].toLowerCase();
      tokens.push({ norm: emoticon, key: emoticon, cls: 'emoticon', start, end, sentence, clauseStart });
      continue;
    }
    if (match[4] !== undefined) {
      const symbol = match[4].toLowerCase();
      tokens.push({ norm: symbol, key: symbol, cls: 'symbol', start, end, sentence, clauseStart });
      continue;
    }
    const parts = wordParts(match[0], language);
    for (let index = 0; index < parts.length; index++) {
      const { norm, key, cls } = parts[index] as WordPart;
      tokens.push({ norm, key, cls, start, end, sentence, clauseStart: clauseStart && index === 0 });
    }
  }
  return tokens;
}

/** The stems of a text joined by spaces: what search indexes for languages PostgreSQL cannot stem. */
export function stemText(text: string, language: Language): string {
  return tokenize(text, language)
    .filter((token) => token.cls === 'word' || token.cls === 'num')
    .map((token) => token.key)
    .join(' ');
}
