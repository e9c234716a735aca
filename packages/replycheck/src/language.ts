import type { Language } from './types.ts';

const MARKERS: Record<Exclude<Language, 'ru'>, RegExp> = {
  pl: /[ąćęłńśźż]|\b(?:nie|jest|się|dzień|dobry|pan|pani|że|czy|proszę|dziękuję|zamówieni\w*)\b/giu,
  ro: /[ăâîșşțţ]|\b(?:nu|este|și|sunt|bună|ziua|vă|pentru|comanda|mulțumim|multumim|dumneavoastră)\b/giu,
  en: /\b(?:the|and|is|you|your|we|to|of|for|please|thank|order)\b/giu,
};

/**
 * Guesses the language of a reply from its script and a few frequent words. Cheap enough
 * for every keystroke; returns undefined when nothing speaks for any language.
 */
export function detectLanguage(text: string): Language | undefined {
  const cyrillic = text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (cyrillic > latin) return 'ru';
  let best: Language | undefined;
  let bestCount = 0;
  for (const language of ['pl', 'ro', 'en'] as const) {
    const count = text.match(MARKERS[language])?.length ?? 0;
    if (count > bestCount) {
      best = language;
      bestCount = count;
    }
  }
  return best;
}
