/**
 * A light suffix-stripping stemmer for Polish (there is no Snowball stemmer for it).
 * It works on folded words (no diacritics, lower case) so that "obowiązków" and
 * "obowiazkow" meet, and it conflates the inflected forms of one word rather than
 * deriving roots: nouns, adjectives and verbs lose their case, number, person and tense
 * endings. Closed-class words (pronouns, short verbs) are left to exact matching.
 */
import { stripDiacritics } from './normalize.ts';

// Longest first within each group; a suffix is removed only if at least MIN_STEM letters remain.
const SUFFIXES: readonly string[] = [
  // verbs: past tense, conditional, participles
  'alibysmy',
  'alabysmy',
  'ilibysmy',
  'yliby',
  'aliscie',
  'iliscie',
  'yliscie',
  'alismy',
  'ilismy',
  'ylismy',
  'alysmy',
  'ilysmy',
  'alyscie',
  'ilyscie',
  'owalismy',
  'owalam',
  'owalem',
  'owala',
  'owali',
  'owalo',
  'ujemy',
  'ujecie',
  'ujesz',
  'ujac',
  'ajac',
  'awszy',
  'iwszy',
  'ywszy',
  'ujcie',
  'ujmy',
  'alam',
  'alas',
  'alem',
  'ales',
  'ilam',
  'ilas',
  'ilem',
  'iles',
  'ylam',
  'ylem',
  'anego',
  'anemu',
  'anych',
  'anymi',
  'aniem',
  'eniem',
  'eniom',
  'eniach',
  'aniach',
  'aniami',
  'eniami',
  // adjectives (including comparatives)
  'iejszego',
  'iejszej',
  'iejszych',
  'iejszy',
  'iejsza',
  'iejsze',
  'ejszego',
  'ejszych',
  'ejszy',
  'ejsza',
  'ejsze',
  'owego',
  'owemu',
  'owych',
  'owymi',
  'owej',
  'iego',
  'iemu',
  'ego',
  'emu',
  'ych',
  'ymi',
  'ich',
  'imi',
  // nouns
  'osciami',
  'osciach',
  'osciom',
  'oscia',
  'osci',
  'osc',
  'iami',
  'iach',
  'iom',
  'ami',
  'ach',
  'owie',
  'owi',
  'aniu',
  'ania',
  'anie',
  'eniu',
  'enia',
  'enie',
  'ciu',
  'cia',
  'iem',
  'iow',
  'ow',
  'om',
  'em',
  'ie',
  // verbs: present tense and infinitive
  'acie',
  'amy',
  'asz',
  'emy',
  'esz',
  'ecie',
  'imy',
  'isz',
  'icie',
  'ymy',
  'ysz',
  'ycie',
  'ala',
  'alo',
  'ali',
  'aly',
  'ila',
  'ilo',
  'ili',
  'ily',
  'yla',
  'ylo',
  'yli',
  'yly',
  'al',
  'il',
  'yl',
  'ac',
  'ec',
  'ic',
  'yc',
  'aja',
  'eja',
  'uja',
  'ej',
  'ym',
  'im',
  'aj',
  // single vowels last
  'a',
  'e',
  'i',
  'o',
  'u',
  'y',
];

const MIN_STEM = 3;
const BY_LENGTH = [...SUFFIXES].sort((a, b) => b.length - a.length);
const HAS_VOWEL = /[aeiouy]/;

/** Stems one Polish word; the result has no diacritics. */
export function stemPolish(word: string): string {
  let stem = stripDiacritics(word.toLowerCase());
  if (stem.length <= MIN_STEM) return stem;
  // Fleeting e: nominative "obowiązek" meets "obowiązku" (-eć infinitives are left to the suffixes).
  if (/[^aeiouy]ek$/.test(stem) && stem.length > 5) return `${stem.slice(0, -2)}k`;
  for (const suffix of BY_LENGTH) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= MIN_STEM) {
      const rest = stem.slice(0, -suffix.length);
      if (HAS_VOWEL.test(rest)) {
        stem = rest;
        break;
      }
    }
  }
  // Soft stems written with i before a vowel ending: "kuriera" -> "kurier", "firmie" -> "firm".
  if (stem.length > MIN_STEM + 1 && stem.endsWith('i') && !HAS_VOWEL.test(stem.at(-2) ?? 'a')) {
    stem = stem.slice(0, -1);
  }
  return stem;
}
