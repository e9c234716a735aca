import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../check.ts';
import { compilePack } from '../compile.ts';
import type { RuleExample } from '../types.ts';
import { DEFAULT_PACKS } from './index.ts';

const textOf = (example: RuleExample) => (typeof example === 'string' ? example : example.text);
const contextOf = (example: RuleExample) => (typeof example === 'string' ? {} : (example.context ?? {}));

// Every rule's own examples run as tests: a positive must be flagged by that rule, a negative must not.
for (const pack of Object.values(DEFAULT_PACKS)) {
  describe(`${pack.language} pack ${pack.version}`, () => {
    it('compiles and passes its own examples', () => {
      const result = compilePack(pack);
      assert.deepEqual(result.errors, []);
    });
    for (const rule of [...pack.rules, ...pack.presence, ...pack.context]) {
      describe(rule.id, () => {
        for (const example of rule.examples.positive) {
          it(`flags: ${textOf(example)}`, () => {
            const findings = check(textOf(example), {
              language: pack.language,
              now: '2026-01-15',
              ...contextOf(example),
            });
            const finding = findings.find((f) => f.rule === rule.id);
            assert.ok(finding, `expected ${rule.id} in ${JSON.stringify(findings)}`);
            assert.equal(finding.category, rule.category);
            assert.equal(textOf(example).slice(finding.start, finding.end), finding.text);
          });
        }
        for (const example of rule.examples.negative) {
          it(`passes: ${textOf(example)}`, () => {
            const findings = check(textOf(example), {
              language: pack.language,
              now: '2026-01-15',
              ...contextOf(example),
            });
            assert.equal(findings.filter((f) => f.rule === rule.id).length, 0, JSON.stringify(findings));
          });
        }
      });
    }
  });
}
