import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATEGORY_IDS, DEFAULT_SEVERITIES, PHRASE_CATEGORIES } from './categories.ts';
import { check } from './check.ts';
import { compilePack } from './compile.ts';
import { DEFAULT_PACKS } from './packs/index.ts';
import { qualityScore } from './score.ts';
import type { CheckOptions, Finding, RulePack } from './types.ts';

const categories = (text: string, options: CheckOptions) => check(text, options).map((f) => f.category);

describe('check', () => {
  it('underlines the issue examples at once with the approved rewrite', () => {
    const [ru] = check('Это не входит в мои обязанности', { language: 'ru' }).filter(
      (f) => f.category === 'not-my-job',
    );
    assert.ok(ru);
    assert.equal(ru.severity, 'block');
    assert.equal(ru.text, 'не входит в мои обязанности');
    assert.match(ru.suggestion, /У нас есть человек/);
    for (const text of ['Nu stiu', 'Nu ştiu', 'Nu știu']) {
      const found = check(text, { language: 'ro' }).find((f) => f.category === 'dont-know');
      assert.ok(found, text);
      assert.equal(found.text, text);
      assert.match(found.suggestion, /aflu/);
    }
  });

  it('does not fire on the harmless look-alikes', () => {
    const quiet = { severities: { 'no-greeting': 'off' } } as const;
    assert.deepEqual(categories('No problem', { language: 'en', ...quiet }), []);
    assert.deepEqual(categories('Нет проблем', { language: 'ru', ...quiet }), []);
    assert.deepEqual(categories('Nie ma problemu', { language: 'pl', ...quiet }), []);
    assert.deepEqual(categories('Nicio problemă', { language: 'ro', ...quiet }), []);
    assert.deepEqual(categories('Our returns policy is on the website', { language: 'en', ...quiet }), []);
  });

  it('matches inflected and reordered forms', () => {
    assert.ok(
      categories('Dzień dobry, to nie należało do moich obowiązków.', { language: 'pl' }).includes('not-my-job'),
    );
    assert.ok(categories('Здравствуйте. Этим я не занимаюсь.', { language: 'ru' }).includes('not-my-job'));
    assert.ok(
      categories('Здравствуйте. Это противоречит политике компании.', { language: 'ru' }).includes('not-our-policy'),
    );
  });

  it('gives offsets into the original text', () => {
    const text = 'Hello Anna,\n\nI’m afraid that’s against company policy.';
    const [finding] = check(text, { language: 'en' });
    assert.ok(finding);
    assert.equal(text.slice(finding.start, finding.end), finding.text);
    assert.equal(finding.text, 'that’s against company policy');
  });

  it('uses default severities and supervisor overrides', () => {
    for (const category of PHRASE_CATEGORIES) assert.equal(DEFAULT_SEVERITIES[category], 'block');
    for (const category of CATEGORY_IDS.filter((c) => !(PHRASE_CATEGORIES as readonly string[]).includes(c))) {
      assert.equal(DEFAULT_SEVERITIES[category], 'warn');
    }
    const text = "That's not my job.";
    assert.deepEqual(
      check(text, { language: 'en' }).map((f) => [f.category, f.severity]),
      [
        ['no-greeting', 'warn'],
        ['not-my-job', 'block'],
      ],
    );
    const overridden = check(text, { language: 'en', severities: { 'not-my-job': 'info', 'no-greeting': 'off' } });
    assert.deepEqual(
      overridden.map((f) => [f.category, f.severity]),
      [['not-my-job', 'info']],
    );
  });

  it('checks context: name, introduction, next step, early promise, discount approval', () => {
    const base = { language: 'en' } as const;
    assert.ok(categories('Hello, it ships today.', { ...base, customerName: 'Anna' }).includes('no-customer-name'));
    assert.ok(
      !categories('Hello Anna, it ships today.', { ...base, customerName: 'Anna' }).includes('no-customer-name'),
    );
    assert.ok(
      !categories('Здравствуйте, Анне передали.', { language: 'ru', customerName: 'Анна' }).includes(
        'no-customer-name',
      ),
    );
    assert.ok(
      !categories('Dzień dobry Pani Anno.', { language: 'pl', customerName: 'Anna' }).includes('no-customer-name'),
    );
    assert.ok(
      categories('Hi Anna.', { ...base, isFirstReply: true, agentName: 'Tom' }).includes('no-self-introduction'),
    );
    assert.ok(
      !categories('Hi Anna. Tom', { ...base, isFirstReply: true, agentName: 'Tom' }).includes('no-self-introduction'),
    );
    assert.ok(categories('Hi Anna, sorry.', { ...base, isComplaint: true }).includes('missing-next-step'));
    assert.ok(
      !categories('Hi Anna, sorry.', { ...base, isComplaint: true, hasCommitment: true }).includes('missing-next-step'),
    );
    assert.ok(
      !categories('Hi Anna, sorry. It arrives on 3 March.', { ...base, isComplaint: true }).includes(
        'missing-next-step',
      ),
    );
    const early = check('Hi Anna, it arrives tomorrow.', { ...base, now: '2026-03-01', honestDueAt: '2026-03-05' });
    assert.deepEqual(
      early.filter((f) => f.category === 'early-promise').map((f) => f.text),
      ['tomorrow'],
    );
    assert.ok(
      categories('Hi Anna.', { ...base, honestDueAt: '2026-03-05', promisedDueAt: '2026-03-02' }).includes(
        'early-promise',
      ),
    );
    assert.ok(categories('Hi Anna, here is 10% off.', base).includes('unapproved-discount'));
    assert.ok(
      !categories('Hi Anna, here is 10% off.', { ...base, approvalReference: 'APR-1' }).includes('unapproved-discount'),
    );
  });

  it('flags emoticons only in complaints, laughter always', () => {
    assert.ok(!categories('Hi Anna, done :)', { language: 'en' }).includes('humour'));
    assert.ok(categories('Hi Anna, done :)', { language: 'en', isComplaint: true }).includes('humour'));
    assert.ok(categories('Hi Anna, haha done', { language: 'en' }).includes('humour'));
  });

  it('rejects a pack for another language', () => {
    assert.throws(() => check('x', { language: 'en', pack: DEFAULT_PACKS.ru }), /pack is for ru/);
  });
});

describe('compilePack', () => {
  const clone = (pack: RulePack): RulePack => structuredClone(pack);

  it('accepts a custom pack and uses it', () => {
    const pack = clone(DEFAULT_PACKS.en);
    pack.version = '1.0.1';
    pack.rules.push({
      id: 'en.custom.whatever',
      category: 'not-my-job',
      patterns: ['whatever'],
      message: 'Dismissive.',
      suggestion: 'Let me help.',
      examples: { positive: ['Whatever.'], negative: ['What ever happened?'] },
    });
    const result = compilePack(pack);
    assert.equal(result.ok, true);
    assert.ok(check('Hi, whatever.', { language: 'en', pack }).some((f) => f.rule === 'en.custom.whatever'));
  });

  it('refuses an edit whose own examples fail, naming the rule and example', () => {
    const pack = clone(DEFAULT_PACKS.en);
    const rule = pack.rules.find((r) => r.id === 'en.know.dont');
    assert.ok(rule);
    rule.examples.negative.push('I do not know.');
    const result = compilePack(pack);
    assert.equal(result.ok, false);
    assert.deepEqual(result.errors, [
      { rule: 'en.know.dont', example: 'I do not know.', message: 'negative example is flagged' },
    ]);
  });

  it('refuses bad patterns and bad shapes', () => {
    const pack = clone(DEFAULT_PACKS.pl);
    pack.rules[0]?.patterns.push('~2 polityka');
    const result = compilePack(pack);
    assert.equal(result.ok, false);
    assert.match(result.errors[0]?.message ?? '', /cannot start with a gap/);
    assert.equal(compilePack({ language: 'de' }).ok, false);
    assert.equal(compilePack(null).ok, false);
  });
});

describe('qualityScore', () => {
  const finding = (severity: Finding['severity'], category: Finding['category']): Finding => ({
    category,
    rule: 'r',
    severity,
    start: 0,
    end: 1,
    text: 'x',
    message: '',
    suggestion: '',
  });

  it('takes 25/10/2 per block/warn/info, floored at 0, with a breakdown', () => {
    const score = qualityScore([
      finding('block', 'bare-no'),
      finding('warn', 'no-greeting'),
      finding('info', 'humour'),
    ]);
    assert.equal(score.score, 63);
    assert.deepEqual(score.byCategory['bare-no'], { count: 1, points: 25 });
    assert.equal(qualityScore(Array.from({ length: 5 }, () => finding('block', 'bare-no'))).score, 0);
    assert.equal(qualityScore([finding('warn', 'humour')], { warn: 5 }).score, 95);
  });
});
