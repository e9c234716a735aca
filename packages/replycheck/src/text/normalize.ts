import type { Language } from '../types.ts';

const COMBINING_MARKS = /\p{M}/gu;

/** Strips diacritics: ş (cedilla) and ș (comma) both become s, ą becomes a, ł becomes l. */
export function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').replace(/ł/g, 'l').replace(/Ł/g, 'L');
}

/**
 * Lower-cases a word and folds what typing habits blur. Russian keeps й (stemming needs
 * it) and folds only ё; the Latin-script languages are matched without diacritics because
 * agents often type Romanian and Polish without them.
 */
export function foldWord(word: string, language: Language): string {
  const lower = word.toLowerCase();
  if (language === 'ru') return lower.replace(/ё/g, 'е');
  return stripDiacritics(lower);
}
