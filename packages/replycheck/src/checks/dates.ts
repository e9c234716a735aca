import type { Token } from '../text/tokenize.ts';
import type { DateWords } from '../types.ts';

export interface DateMention {
  /** Day as YYYY-MM-DD (UTC). */
  day: string;
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;

/** The calendar day of a date or ISO string, as YYYY-MM-DD; undefined if unreadable. */
export function toDay(value: string | Date | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}

function dayOf(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

function addDays(today: string, days: number): string {
  return new Date(Date.parse(today) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A date without a year is the next such date from today (a date far in the past means next year). */
function withYear(today: string, month: number, day: number): string | undefined {
  const year = Number(today.slice(0, 4));
  const candidate = dayOf(year, month, day);
  if (candidate && Date.parse(candidate) < Date.parse(today) - 180 * DAY_MS) return dayOf(year + 1, month, day);
  return candidate;
}

const ORDINAL = /^(\d{1,2})(?:st|nd|rd|th)?$/;

function monthOf(norm: string, words: DateWords): number | undefined {
  const index = words.months.findIndex((forms) =>
    forms.some((form) =>
      form.startsWith('=') ? norm === form.slice(1) : norm.startsWith(form) && norm.length <= form.length + 3,
    ),
  );
  return index >= 0 ? index + 1 : undefined;
}

/**
 * Finds the dates a reply names: ISO and day-first numeric dates (12.05, 12/05/2026),
 * "15 May" / "May 15" in the pack's language, today/tomorrow words and "N days".
 */
export function findDates(text: string, tokens: Token[], words: DateWords, now: string): DateMention[] {
  const found: DateMention[] = [];
  for (const match of text.matchAll(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g)) {
    const day = dayOf(Number(match[1]), Number(match[2]), Number(match[3]));
    if (day) found.push({ day, start: match.index, end: match.index + match[0].length });
  }
  for (const match of text.matchAll(/(?<![\d.,/-])(\d{1,2})[./](\d{1,2})(?:[./](\d{4}|\d{2}))?(?![\d/-]|[.,]\d)/g)) {
    const [dayText, monthText, yearText] = [match[1], match[2], match[3]];
    const year = yearText === undefined ? undefined : Number(yearText.length === 2 ? `20${yearText}` : yearText);
    const day =
      year === undefined
        ? withYear(now, Number(monthText), Number(dayText))
        : dayOf(year, Number(monthText), Number(dayText));
    if (day) found.push({ day, start: match.index, end: match.index + match[0].length });
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const offset = words.relativeDays[token.norm];
    if (offset !== undefined && token.cls === 'word') {
      found.push({ day: addDays(now, offset), start: token.start, end: token.end });
      continue;
    }
    const ordinal = ORDINAL.exec(token.norm);
    if (!ordinal) continue;
    const number = Number(ordinal[1]);
    const next = tokens[i + 1];
    const afterOf = next?.norm === 'of' ? tokens[i + 2] : next;
    const previous = tokens[i - 1];
    // "3 days", "3 working days", "3 рабочих дня"
    const dayWord = [next, tokens[i + 2]].find(
      (candidate) => candidate?.cls === 'word' && words.days.some((prefix) => candidate.norm.startsWith(prefix)),
    );
    if (dayWord) {
      found.push({ day: addDays(now, number), start: token.start, end: dayWord.end });
      continue;
    }
    const monthAfter = afterOf?.cls === 'word' ? monthOf(afterOf.norm, words) : undefined;
    if (monthAfter && afterOf) {
      const day = withYear(now, monthAfter, number);
      if (day) found.push({ day, start: token.start, end: afterOf.end });
      continue;
    }
    const monthBefore = previous?.cls === 'word' ? monthOf(previous.norm, words) : undefined;
    if (monthBefore && previous) {
      const day = withYear(now, monthBefore, number);
      if (day) found.push({ day, start: previous.start, end: token.end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
