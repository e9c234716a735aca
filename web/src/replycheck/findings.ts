// Pure helpers around the checker's findings: colours, the marked segments of a text,
// keeping marks in place while the agent types, and applying an approved rewrite.
import type { CategoryId, Finding, Severity } from '@heard/replycheck';

export const SEVERITY_COLORS: Record<Severity, string> = { block: 'red', warn: 'orange', info: 'blue' };
const RANK: Record<Severity, number> = { info: 1, warn: 2, block: 3 };

/** Findings about something missing (greeting, name, introduction, next step): listed, not marked in the text. */
const ABSENCE: readonly CategoryId[] = ['no-greeting', 'no-customer-name', 'no-self-introduction', 'missing-next-step'];

/** Categories whose suggestion is an approved wording that can replace the marked phrase. */
const REWRITES: readonly CategoryId[] = ['not-our-policy', 'not-my-job', 'dont-know', 'blame-shifting'];

export const isMarked = (finding: Finding): boolean =>
  !ABSENCE.includes(finding.category) && finding.end > finding.start;
export const isRewrite = (finding: Finding): boolean => REWRITES.includes(finding.category);

/** Block first, then warn, then info; in text order within a severity. */
export function bySeverity<T extends Finding>(findings: T[]): T[] {
  return [...findings].sort((a, b) => RANK[b.severity] - RANK[a.severity] || a.start - b.start);
}

export interface Segment {
  start: number;
  end: number;
  text: string;
  /** The most severe finding covering the segment, if any. */
  severity: Severity | null;
  categories: CategoryId[];
}

/** Splits `text` at every finding boundary; each piece carries the worst severity over it. */
export function segments(text: string, findings: Finding[]): Segment[] {
  const marked = findings.filter((finding) => isMarked(finding) && finding.end <= text.length);
  const cuts = new Set([0, text.length]);
  for (const finding of marked) {
    cuts.add(finding.start);
    cuts.add(finding.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let index = 0; index < points.length - 1; index++) {
    const start = points[index] ?? 0;
    const end = points[index + 1] ?? 0;
    if (end <= start) continue;
    const over = marked.filter((finding) => finding.start <= start && finding.end >= end);
    const severity = over.reduce<Severity | null>(
      (worst, finding) => (worst === null || RANK[finding.severity] > RANK[worst] ? finding.severity : worst),
      null,
    );
    out.push({ start, end, text: text.slice(start, end), severity, categories: over.map((f) => f.category) });
  }
  return out;
}

/**
 * Findings were computed on `from` (the debounced text); the textarea already shows `to`.
 * Marks before the edit stay, marks after it move with the text, marks across it wait for
 * the next check — so underlines never drift while the agent types.
 */
export function rebase(findings: Finding[], from: string, to: string): Finding[] {
  if (from === to) return findings;
  let prefix = 0;
  const shortest = Math.min(from.length, to.length);
  while (prefix < shortest && from[prefix] === to[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && from[from.length - 1 - suffix] === to[to.length - 1 - suffix]) {
    suffix++;
  }
  const delta = to.length - from.length;
  const changedFrom = from.length - suffix;
  return findings.flatMap((finding) => {
    if (finding.end <= prefix) return [finding];
    if (finding.start >= changedFrom) return [{ ...finding, start: finding.start + delta, end: finding.end + delta }];
    return [];
  });
}

const SENTENCE_END = /[.!?…]/;
const WORD = /\p{L}+/gu;

/**
 * Replaces a finding's phrase with its approved rewrite. When the phrase is nearly the whole
 * sentence ("Это не входит в мои обязанности."), the rewrite replaces the sentence, so no
 * stray words or doubled full stops are left; otherwise only the phrase is replaced and the
 * rewrite is fitted into the sentence (lower-case start, no full stop of its own mid-sentence).
 */
export function applySuggestion(text: string, finding: Finding): string {
  let sentenceStart = finding.start;
  while (sentenceStart > 0 && !SENTENCE_END.test(text[sentenceStart - 1] ?? '') && text[sentenceStart - 1] !== '\n') {
    sentenceStart--;
  }
  while (sentenceStart < finding.start && /\s/.test(text[sentenceStart] ?? '')) sentenceStart++;
  let sentenceEnd = finding.end;
  while (sentenceEnd < text.length && !SENTENCE_END.test(text[sentenceEnd] ?? '') && text[sentenceEnd] !== '\n') {
    sentenceEnd++;
  }
  const endsWithStop = SENTENCE_END.test(text[sentenceEnd] ?? '');
  const outside = `${text.slice(sentenceStart, finding.start)} ${text.slice(finding.end, sentenceEnd)}`;
  const outsideWords = outside.match(WORD)?.length ?? 0;
  const suggestion = finding.suggestion.trim();
  if (outsideWords <= 2) {
    const until = endsWithStop && SENTENCE_END.test(suggestion.slice(-1)) ? sentenceEnd + 1 : sentenceEnd;
    return text.slice(0, sentenceStart) + suggestion + text.slice(until);
  }
  let fitted = suggestion;
  if (finding.start > sentenceStart && !/^(\p{Lu}\p{Lu}|I\b)/u.test(fitted)) {
    fitted = fitted.charAt(0).toLocaleLowerCase() + fitted.slice(1);
  }
  if (finding.end < sentenceEnd || endsWithStop) fitted = fitted.replace(/[.!?…]+$/u, '');
  return text.slice(0, finding.start) + fitted + text.slice(finding.end);
}
