// Language of a text, and the full-text configuration each language is indexed with.
import { stemText } from '@heard/replycheck';
import { franc } from 'franc-min';
import { isLanguage, type Language } from '../../platform/templates.ts';

const FRANC_CODES: Record<string, Language> = { eng: 'en', rus: 'ru', pol: 'pl', ron: 'ro' };

/** Detects EN/RU/PL/RO; undefined when the text is too short or ambiguous to tell. */
export function detectLanguage(text: string): Language | undefined {
  const sample = text.slice(0, 2000);
  const detected = FRANC_CODES[franc(sample, { only: Object.keys(FRANC_CODES), minLength: 12 })];
  if (detected) return detected;
  if (/[\u0400-\u04FF]/.test(sample)) return 'ru';
  if (/[ąćęłńśźżĄĆĘŁŃŚŹŻ]/.test(sample)) return 'pl';
  if (/[ăâîșțşţĂÂÎȘȚŞŢ]/.test(sample)) return 'ro';
  return undefined;
}

export const SEARCH_CONFIGS: Record<Language, string> = {
  en: 'english',
  ru: 'russian',
  ro: 'romanian',
  // PostgreSQL has no Polish stemmer: Polish is indexed with `simple` over pre-stemmed text.
  pl: 'simple',
};

/** Romanian is written with cedilla ş/ţ as often as with comma ș/ț: fold to one form. */
export const foldRomanian = (text: string): string =>
  text.replace(/ş/g, 'ș').replace(/ţ/g, 'ț').replace(/Ş/g, 'Ș').replace(/Ţ/g, 'Ț');

/** The text that goes into a message's tsvector for its language. */
export function searchText(language: Language, text: string): string {
  if (language === 'ro') return foldRomanian(text);
  // Polish stems plus the words as written, so exact tokens (order numbers, names) match too.
  if (language === 'pl') return `${text} ${stemText(text, 'pl')}`;
  return text;
}

/** A query as the Polish index holds it: stemmed with the same stemmer. */
export const polishQuery = (query: string): string => stemText(query, 'pl');

export const asLanguage = (value: unknown, fallback: Language): Language => (isLanguage(value) ? value : fallback);
