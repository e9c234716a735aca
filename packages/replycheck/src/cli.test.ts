import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PACKS } from './packs/index.ts';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'replycheck.mjs');
const run = (args: string[], input = '') => spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8' });

describe('heard check-reply', () => {
  it('exits 0 and prints nothing for a clean reply', () => {
    const result = run(['--lang', 'en', '-'], 'Hello Anna, your parcel ships today.');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, '');
  });

  it('prints findings and exits 1, reading a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replycheck-'));
    const file = join(dir, 'reply.txt');
    writeFileSync(file, 'Здравствуйте!\nЭто не входит в мои обязанности.');
    const result = run(['--lang', 'ru', file]);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /reply\.txt:2:5 block not-my-job/);
    assert.match(result.stdout, /У нас есть человек/);
  });

  it('prints a JSON array with --json and detects the language', () => {
    const result = run(['--json', '--customer-name', 'Maria'], 'Bună ziua! Nu stiu.');
    assert.equal(result.status, 1);
    const findings = JSON.parse(result.stdout) as { category: string }[];
    assert.deepEqual(findings.map((f) => f.category).sort(), ['dont-know', 'no-customer-name']);
  });

  it('answers JSON lines in order with --jsonl', () => {
    const input = [
      { id: 1, lang: 'pl', text: 'Dzień dobry, nie wiem.' },
      { id: 2, lang: 'en', text: 'Hi Tom, no problem!', customerName: 'Tom' },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n');
    const result = run(['--jsonl'], input);
    assert.equal(result.status, 1);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: number; findings: { category: string }[] });
    assert.deepEqual(
      lines.map((l) => l.id),
      [1, 2],
    );
    assert.deepEqual(
      lines[0]?.findings.map((f) => f.category),
      ['dont-know'],
    );
    assert.deepEqual(lines[1]?.findings, []);
  });

  it('uses a pack given with --rules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replycheck-'));
    const pack = structuredClone(DEFAULT_PACKS.en);
    pack.version = 'server-7';
    pack.rules.push({
      id: 'en.custom.whatever',
      category: 'not-my-job',
      patterns: ['whatever'],
      message: 'Dismissive.',
      suggestion: 'Let me help.',
      examples: { positive: ['Whatever.'], negative: ['What ever happened?'] },
    });
    writeFileSync(join(dir, 'en.json'), JSON.stringify({ pack }));
    const result = run(['--rules', join(dir, 'en.json'), '--json'], 'Hi Tom, whatever.');
    assert.equal(result.status, 1, result.stderr);
    assert.equal((JSON.parse(result.stdout) as { rule: string }[])[0]?.rule, 'en.custom.whatever');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ language: 'en' }));
    assert.equal(run(['--rules', join(dir, 'bad.json')], 'x').status, 2);
  });

  it('explains usage errors and exits 2', () => {
    for (const args of [['--lang', 'de'], ['--bogus'], ['a.txt', 'b.txt'], ['/no/such/file']]) {
      const result = run(args);
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, /Usage: heard check-reply/);
    }
    const help = run(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Exit status/);
  });
});
