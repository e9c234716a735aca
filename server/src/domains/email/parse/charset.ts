// Charset repair for text that is unlabeled or mislabeled, the classic source of mojibake:
//  - a body declared in a single-byte charset (or none) that is valid UTF-8 is UTF-8 (random
//    legacy text practically never forms valid multi-byte sequences);
//  - a body with no charset, us-ascii, an unknown charset or "UTF-8" that is not UTF-8 takes its
//    parent part's charset when one is declared there, else the best-scoring guess among the
//    charsets our customers' clients use (Cyrillic, Central European, Western, Romanian, CJK);
//  - a body that is mostly valid UTF-8 with a few stray bytes stays UTF-8;
//  - a correctly labeled legacy charset is trusted as is.
import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

const CANDIDATES = [
  'windows-1251',
  'koi8-r',
  'windows-1250',
  'iso-8859-2',
  'windows-1252',
  'iso-8859-16',
  'shift_jis',
  'euc-jp',
  'gb18030',
  'big5',
  'euc-kr',
];

// Frequent letters of the desk's languages (and the commonest accented Western ones).
const COMMON = new Set([
  ...'оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъёіїєґ',
  ...'ąęółśżźćńăâîșțşţáéíóúýčďěňřšťžůäöüßàèìòùçñãõêôœ',
]);

const UTF8_NAMES = new Set(['utf-8', 'utf8']);
const ASCII_NAMES = new Set(['us-ascii', 'ascii', 'ansi_x3.4-1968', '7bit', '8bit']);
const LEGACY = /^(?:iso-?8859-?\d+|windows-?125\d|cp-?125\d|koi8-?[ru]|latin-?\d|x-mac-\w+|ibm-?8\d\d|cp-?8\d\d)$/;
const WESTERN = /^(?:iso-?8859-?(?:1|15)|windows-?1252|cp-?1252|latin-?1|us-ascii)$/;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** isUtf8 on a sample that may end inside a multi-byte sequence. */
function validUtf8(sample: Uint8Array): boolean {
  for (let cut = 0; cut <= 3 && cut < sample.length; cut++) {
    if (isUtf8(sample.subarray(0, sample.length - cut))) return true;
  }
  return false;
}

/** More real non-ASCII characters than broken bytes when read as UTF-8. */
function mostlyUtf8(sample: Uint8Array): boolean {
  const text = new TextDecoder('utf-8').decode(sample);
  let broken = 0;
  let good = 0;
  for (const char of text) {
    if (char === '\uFFFD') broken++;
    else if (char.codePointAt(0)! >= 0x80) good++;
  }
  return good > broken * 2;
}

/** How plausible a decoding is as human text: letters of real words score, symbols and oddities cost. */
export function plausibility(text: string): number {
  let score = 0;
  for (const token of text.match(/[\p{L}\p{M}]+|[^\p{L}\p{M}\s]/gu) ?? []) {
    const chars = [...token];
    if (chars.length === 1 && token.codePointAt(0)! < 0x80) continue;
    if (!/\p{L}/u.test(token)) {
      const code = token.codePointAt(0)!;
      // C1 controls, replacement chars, box drawing, private use and unassigned: never in mail text.
      if (code < 0xa0 || code === 0xfffd || (code >= 0x2500 && code <= 0x259f) || /[\p{Co}\p{Cn}\p{Cc}]/u.test(token)) {
        score -= 4;
      } else if (/[\p{So}\p{Sm}\p{Sc}]/u.test(token) && code < 0x2000) {
        score -= 2; // ±, ¶, ¤, ¬ … where letters were meant
      }
      continue;
    }
    let nonAscii = 0;
    let previousLower = false;
    for (const char of chars) {
      const code = char.codePointAt(0)!;
      const lower = char.toLowerCase();
      const isLower = char !== char.toUpperCase() && char === lower;
      if (code >= 0x80) {
        nonAscii++;
        if (code >= 0xff61 && code <= 0xff9f)
          score -= 2; // half-width katakana: legacy bytes read as Shift_JIS
        else if (code >= 0x3040 && code <= 0x30ff)
          score += 3; // kana: only real Japanese has these
        else if (code >= 0x4e00 || (code >= 0xac00 && code <= 0xd7af))
          score += 2; // one ideograph / Hangul per two bytes
        else score += 1 + (COMMON.has(lower) ? 1 : 0) + (isLower ? 1 : 0);
      }
      if (previousLower && !isLower && char !== lower) score -= 2; // capital inside a word
      previousLower = isLower;
    }
    if (LATIN.test(token) && CYRILLIC.test(token)) score -= 4 * chars.length;
    else if (LATIN.test(token) && chars.length >= 3 && nonAscii * 2 > chars.length) score -= 2 * nonAscii;
  }
  return score;
}

/**
 * Russian mailers long labeled windows-1251 text as ISO-8859-1 or windows-1252 ("Ïðèâåò"): when
 * a Cyrillic reading is far more plausible than the declared Western one, it wins. Only Cyrillic
 * is second-guessed; Western text keeps its label.
 */
function cyrillicInWestern(declared: string, sample: Uint8Array): string | null {
  const guess = guessCharset(sample);
  if (guess !== 'windows-1251' && guess !== 'koi8-r') return null;
  const declaredScore = plausibility(iconv.decode(Buffer.from(sample), declared));
  const guessScore = plausibility(iconv.decode(Buffer.from(sample), guess));
  return guessScore > Math.max(0, declaredScore) * 2 + 10 ? guess : null;
}

export function guessCharset(sample: Uint8Array): string {
  let best = CANDIDATES[0]!;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const charset of CANDIDATES) {
    const score = plausibility(iconv.decode(Buffer.from(sample), charset));
    if (score > bestScore) {
      best = charset;
      bestScore = score;
    }
  }
  return best;
}

/** A charset iconv-lite knows that is neither Unicode nor ASCII: a hint for raw 8-bit headers. */
export function isNonUnicodeCharset(charset: string): boolean {
  return !/^(?:utf|ucs|unicode)/.test(charset) && !ASCII_NAMES.has(charset) && iconv.encodingExists(charset);
}

/**
 * The charset a text part should be decoded with instead of its declared one, or null to keep it.
 * `declared` and `inherited` (the nearest ancestor's charset parameter) are lower-case or ''.
 */
export function repairedCharset(declared: string, inherited: string, sample: Uint8Array): string | null {
  if (isAscii(sample)) return null;
  const isUtf8Name = UTF8_NAMES.has(declared);
  const known = declared !== '' && !ASCII_NAMES.has(declared) && !isUtf8Name && iconv.encodingExists(declared);
  if (validUtf8(sample)) return isUtf8Name || (known && !LEGACY.test(declared)) ? null : 'utf-8';
  if (known && WESTERN.test(declared)) return cyrillicInWestern(declared, sample);
  if (known && !/^utf-?(?:16|32)/.test(declared)) return null;
  if (mostlyUtf8(sample)) return isUtf8Name ? null : 'utf-8';
  if (inherited && !UTF8_NAMES.has(inherited) && !ASCII_NAMES.has(inherited) && iconv.encodingExists(inherited)) {
    return inherited;
  }
  return guessCharset(sample);
}

/** Text of bytes whose charset nobody declared: UTF-8 when it is (mostly) that, else the best guess. */
export function decodeUndeclared(bytes: Uint8Array): string {
  const charset = repairedCharset('', '', bytes) ?? 'utf-8';
  return iconv.decode(Buffer.from(bytes), charset);
}
