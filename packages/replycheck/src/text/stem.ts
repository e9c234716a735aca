import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemRomanian } from '@orama/stemmers/romanian';
import { stemmer as stemRussian } from '@orama/stemmers/russian';
import type { Language } from '../types.ts';
import { foldWord } from './normalize.ts';
import { stemPolish } from './stem-polish.ts';

const STEMMERS: Record<Language, (word: string) => string> = {
  en: stemEnglish,
  ru: stemRussian,
  pl: stemPolish,
  ro: stemRomanian,
};

const CACHE_LIMIT = 50_000;
const caches: Record<Language, Map<string, string>> = {
  en: new Map(),
  ru: new Map(),
  pl: new Map(),
  ro: new Map(),
};

/**
 * The matching key of a word: folded (lower case; Latin scripts without diacritics,
 * Romanian cedilla and comma letters alike; Russian ё as е) and stemmed. Cached, because
 * a reply is checked on every keystroke. Search uses the same function so that an
 * indexed word and a query word meet.
 */
export function stem(word: string, language: Language): string {
  const cache = caches[language];
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  const folded = foldWord(word, language);
  const key = folded.length < 3 ? folded : STEMMERS[language](folded);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, key);
  return key;
}
