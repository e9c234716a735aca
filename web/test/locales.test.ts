/// <reference types="node" />
// Every language has every string (with the plural forms its grammar needs), and every
// literal key the components ask for exists in the English file.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const LANGUAGES = ['en', 'ru', 'pl', 'ro'] as const;
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}

const strings = Object.fromEntries(
  LANGUAGES.map((language) => [
    language,
    flatten(JSON.parse(readFileSync(join(src, 'locales', `${language}.json`), 'utf8')) as Tree),
  ]),
) as Record<(typeof LANGUAGES)[number], Map<string, string>>;

const baseKeys = (keys: Iterable<string>) => new Set([...keys].map((key) => key.replace(PLURAL, '')));

for (const language of LANGUAGES) {
  test(`${language}: every string is there, with all plural forms`, () => {
    const own = strings[language];
    const plurals = new Set(
      [...strings.en.keys()].filter((key) => PLURAL.test(key)).map((key) => key.replace(PLURAL, '')),
    );
    for (const key of baseKeys(strings.en.keys())) {
      if (plurals.has(key)) {
        for (const form of new Intl.PluralRules(language).resolvedOptions().pluralCategories) {
          assert.ok(own.has(`${key}_${form}`), `${language} lacks ${key}_${form}`);
        }
      } else {
        assert.ok(own.has(key), `${language} lacks ${key}`);
      }
    }
    for (const key of baseKeys(own.keys()))
      assert.ok(baseKeys(strings.en.keys()).has(key), `${language} has extra ${key}`);
    for (const [key, text] of own) {
      const wanted = [
        ...(strings.en.get(key) ?? strings.en.get(key.replace(PLURAL, '_other')) ?? '').matchAll(/{{(\w+)}}/g),
      ];
      for (const [, name] of wanted) {
        if (name !== 'count') assert.ok(text.includes(`{{${name}}}`), `${language} ${key} drops {{${name}}}`);
      }
    }
  });
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

test('every literal key used in the code exists in English', () => {
  const known = baseKeys(strings.en.keys());
  for (const file of sourceFiles(src)) {
    for (const [, key] of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z][\w.-]*)'/g)) {
      assert.ok(key && known.has(key), `${file.slice(src.length + 1)} uses missing key ${key}`);
    }
  }
});
