import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PHRASE_CATEGORIES } from './categories.ts';
import { loadEvalCases } from './eval-data.ts';
import { evaluate } from './evaluate.ts';
import type { Language } from './types.ts';

describe('evaluation set', () => {
  const cases = loadEvalCases();

  it('has at least 300 replies in four languages, about half of them traps', () => {
    assert.ok(cases.length >= 300);
    const traps = cases.filter((c) => c.expected.length === 0).length;
    assert.ok(traps / cases.length > 0.4, `${traps} traps of ${cases.length}`);
    assert.deepEqual([...new Set(cases.map((c) => c.lang))].sort(), ['en', 'pl', 'ro', 'ru']);
  });

  it('meets the targets for the phrase categories in every language', () => {
    const report = evaluate(cases);
    for (const lang of ['en', 'ru', 'pl', 'ro'] as Language[]) {
      for (const category of PHRASE_CATEGORIES) {
        const figures = report.byLanguage[lang]?.[category];
        assert.ok(figures, `${lang} ${category} has no cases`);
        assert.ok((figures.recall ?? 0) >= 0.95, `${lang} ${category} recall ${figures.recall}`);
        assert.ok((figures.precision ?? 0) >= 0.97, `${lang} ${category} precision ${figures.precision}`);
      }
    }
  });

  it('counts misses and false alarms', () => {
    const report = evaluate([
      { id: 'a', lang: 'en', text: 'Hi, no idea.', expected: [] },
      { id: 'b', lang: 'en', text: 'Hi, all good.', expected: ['bare-no'] },
    ]);
    assert.deepEqual(report.byLanguage.en?.['dont-know'], {
      truePositives: 0,
      falsePositives: 1,
      falseNegatives: 0,
      precision: 0,
      recall: null,
    });
    assert.equal(report.byLanguage.en?.['bare-no']?.recall, 0);
    assert.equal(report.mismatches.length, 2);
  });
});
