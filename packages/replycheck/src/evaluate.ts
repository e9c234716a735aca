import { CATEGORY_IDS } from './categories.ts';
import { check } from './check.ts';
import type { CategoryId, CheckContext, Language, RulePack } from './types.ts';

/** One labelled reply: the categories a careful reviewer expects to be flagged. */
export interface EvalCase {
  id: string;
  lang: Language;
  text: string;
  context?: CheckContext;
  expected: CategoryId[];
}

export interface CategoryFigures {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** null when nothing was flagged (precision) or nothing was expected (recall). */
  precision: number | null;
  recall: number | null;
}

export interface EvalReport {
  cases: number;
  /** Figures per language, then per category (only categories seen in expectations or findings). */
  byLanguage: Partial<Record<Language, Partial<Record<CategoryId, CategoryFigures>>>>;
  /** Cases where the findings differ from the labels, for review. */
  mismatches: { id: string; lang: Language; missed: CategoryId[]; extra: CategoryId[] }[];
}

const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 1000;

/** Precision and recall per category and language of the checker on labelled replies. */
export function evaluate(cases: readonly EvalCase[], packs: Partial<Record<Language, RulePack>> = {}): EvalReport {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const mismatches: EvalReport['mismatches'] = [];
  for (const item of cases) {
    const pack = packs[item.lang];
    const found = new Set(
      check(item.text, { language: item.lang, ...item.context, ...(pack ? { pack } : {}) }).map((f) => f.category),
    );
    const expected = new Set(item.expected);
    const missed: CategoryId[] = [];
    const extra: CategoryId[] = [];
    for (const category of CATEGORY_IDS) {
      const isFound = found.has(category);
      const isExpected = expected.has(category);
      if (!isFound && !isExpected) continue;
      const key = `${item.lang}:${category}`;
      const entry = counts.get(key) ?? { tp: 0, fp: 0, fn: 0 };
      if (isFound && isExpected) entry.tp++;
      else if (isFound) {
        entry.fp++;
        extra.push(category);
      } else {
        entry.fn++;
        missed.push(category);
      }
      counts.set(key, entry);
    }
    if (missed.length > 0 || extra.length > 0) mismatches.push({ id: item.id, lang: item.lang, missed, extra });
  }
  const byLanguage: EvalReport['byLanguage'] = {};
  for (const [key, { tp, fp, fn }] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    const [lang, category] = key.split(':') as [Language, CategoryId];
    const perLanguage = byLanguage[lang] ?? {};
    perLanguage[category] = {
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision: ratio(tp, tp + fp),
      recall: ratio(tp, tp + fn),
    };
    byLanguage[lang] = perLanguage;
  }
  return { cases: cases.length, byLanguage, mismatches };
}
