import { foldWord } from '../text/normalize.ts';
import type { Token } from '../text/tokenize.ts';
import type { Language } from '../types.ts';

const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'sir',
  'madam',
  'pan',
  'pani',
  'panie',
  'panstwo',
  'dl',
  'dna',
  'domnul',
  'doamna',
  'domnule',
  'doamnei',
  'г',
  'н',
  'гн',
  'госпожа',
  'господин',
]);

/**
 * Whether a person's name occurs in the reply. Russian, Polish and Romanian names inflect
 * ("Анна" → "Анне", "Tomasz" → "Tomaszu", "Ewa" → "Ewo"), so there a name matches a word
 * that starts like it and is at most a few letters longer; English names match exactly.
 */
export function mentionsName(name: string, tokens: Token[], language: Language): boolean {
  const parts = name
    .split(/[\s.,-]+/)
    .map((part) => foldWord(part, language))
    .filter((part) => part.length >= 2 && !HONORIFICS.has(part));
  if (parts.length === 0) return true;
  return parts.some((part) => {
    if (language === 'en') return tokens.some((token) => token.norm === part);
    const cut = part.length <= 3 ? 1 : part.length <= 5 ? 1 : 2;
    const prefix = part.slice(0, part.length - cut);
    return tokens.some(
      (token) => token.cls === 'word' && token.norm.startsWith(prefix) && token.norm.length <= part.length + 3,
    );
  });
}
