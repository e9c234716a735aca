// Every message of the shared email corpus (../shared/corpora/email/, see its INDEX.tsv and
// SOURCES.md; or HEARD_EMAIL_CORPUS) through the real parser pool: none crashes it, each one is
// parsed or refused with a reason, and the decoded text of messages that declare a charset
// shows no mojibake. Skips with a notice when the corpus is absent.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EmailParserPool } from '../../src/domains/email/parse/parse-email.ts';
import type { ParseResult } from '../../src/domains/email/parse/parsed.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = [
  process.env.HEARD_EMAIL_CORPUS,
  resolve(repoRoot, '../shared/corpora/email'),
  resolve(repoRoot, '../../shared/corpora/email'),
].find((candidate): candidate is string => candidate !== undefined && existsSync(join(candidate, 'INDEX.tsv')));

// UTF-8 bytes read as Latin-1/windows-1252: a lead byte's letter followed by what a
// continuation byte (0x80–0xBF) becomes in those charsets ("Ã©", "Ã¼", "Ð¿", "â€™", "Â ").
const UTF8_AS_LATIN1 =
  /[ÃÂÅÄÐÑ][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]|â€[\u0080-\u00BF\u2122\u0153\u201C\u201D\u02DC]/;
// Cyrillic read as Latin-1 ("Ïðèâåò"): a word of four or more Latin-1 letters. Real German or
// Scandinavian text has such words too ("äöüß"), so this is checked only for messages that
// declare a Cyrillic charset.
const CYRILLIC_AS_LATIN1 = /(?<![A-Za-z])[\u00C0-\u00FF]{4,}/;
const CYRILLIC_CHARSET = /koi8|1251|8859-5|866|cyrillic/;

/** Why a decoded text looks broken, or null. U+FFFD counts unless the source itself carries it. */
export function mojibake(text: string, declared: string[], raw: Buffer): string | null {
  if (text.includes('\uFFFD') && !raw.includes('\xEF\xBF\xBD', 0, 'latin1')) return 'U+FFFD replacement characters';
  const utf8 = UTF8_AS_LATIN1.exec(text);
  if (utf8) return `UTF-8 read as Latin-1: "${utf8[0]}"`;
  if (declared.some((charset) => CYRILLIC_CHARSET.test(charset))) {
    const cyrillic = CYRILLIC_AS_LATIN1.exec(text);
    if (cyrillic) return `Cyrillic read as Latin-1: "${cyrillic[0]}"`;
  }
  return null;
}

// Messages whose source is itself broken, so no decoding can give clean text; the test checks
// they still are (a fixed one must leave this list).
const BROKEN_SOURCES: Record<string, string> = {
  'redmine-GPL/invalid_utf8.eml': 'declared UTF-8 with a stray invalid byte after valid Cyrillic',
  'rt-GPL/new-ticket-from-iso-8859-1-full': 'a bug report quoting the mojibake ("Ã¸") it complains about',
  'mail-gem/error_emails/content_transfer_encoding_empty.eml': 'Big5 text already double-encoded as UTF-8 in the file',
};

interface Row {
  file: string;
  declared: string[];
  features: string[];
}

function readIndex(root: string): Row[] {
  const [, ...lines] = readFileSync(join(root, 'INDEX.tsv'), 'utf8').trim().split('\n');
  return lines.map((line) => {
    const [file = '', , charsets = '', , , features = ''] = line.split('\t');
    const declared = charsets
      .split(',')
      .map((charset) => charset.replace(/^(?:ew:|3d)/, ''))
      .filter((charset) => /^[a-z][\w.:-]*$/.test(charset));
    return { file, declared, features: features.split(',') };
  });
}

describe('the mojibake detector', () => {
  const none = Buffer.from('');
  test('finds the usual kinds', () => {
    assert.match(mojibake('Caf\u00c3\u00a9', ['utf-8'], none) ?? '', /UTF-8 read as Latin-1/);
    assert.match(mojibake('It\u00e2\u20ac\u2122s', ['utf-8'], none) ?? '', /UTF-8 read as Latin-1/);
    assert.match(mojibake('\u00cf\u00f0\u00e8\u00e2\u00e5\u00f2', ['windows-1251'], none) ?? '', /Cyrillic/);
    assert.match(mojibake('M\uFFFDtterhorn', ['iso-8859-1'], none) ?? '', /U\+FFFD/);
  });
  test('leaves real text alone', () => {
    assert.equal(mojibake('Grüße, Ärger, Öl, Straße: äöüßÄÖÜß €', ['iso-8859-15'], none), null);
    assert.equal(mojibake('Zażółć gęślą jaźń; Țară, școală; Привет', ['utf-8'], none), null);
    assert.equal(mojibake('SÃO PAULO, MÃE, Ñandú, ÐÆÞ', ['utf-8'], none), null);
    assert.equal(mojibake('\uFFFD', ['utf-8'], Buffer.from('\uFFFD')), null);
  });
});

describe('the email corpus', { skip: corpus ? false : 'no corpus found (set HEARD_EMAIL_CORPUS)' }, () => {
  const root = corpus!;
  const pool = new EmailParserPool({ size: 2 });
  after(() => pool.close());

  test('every message is parsed or refused with a reason, without mojibake where a charset is declared (subject, text, names, file names)', async () => {
    const rows = readIndex(root);
    assert.ok(rows.length > 0, 'INDEX.tsv lists the messages');
    const results = await Promise.all(
      rows.map(async (row) => {
        const raw = readFileSync(join(root, row.file));
        return { row, raw, result: await pool.parse(raw) };
      }),
    );
    const problems: string[] = [];
    let parsed = 0;
    for (const { row, raw, result } of results) {
      if (!result.ok) {
        if (!result.failure.reason) problems.push(`${row.file}: refused without a reason`);
        continue;
      }
      parsed++;
      if (row.declared.length === 0) continue;
      const { subject, text, from, to, cc, attachments } = result.email;
      const names = [from, ...to, ...cc].map((address) => address?.name ?? '');
      const decoded = [subject, text, ...names, ...attachments.map((attachment) => attachment.filename)].join('\n');
      const broken = mojibake(decoded, row.declared, raw);
      const known = BROKEN_SOURCES[row.file];
      if (broken && !known) problems.push(`${row.file} (${row.declared.join(',')}): ${broken}`);
      if (!broken && known) problems.push(`${row.file} decodes cleanly now: remove it from BROKEN_SOURCES`);
    }
    assert.deepEqual(problems, []);
    console.log(`# corpus: ${parsed} of ${results.length} messages parsed, ${results.length - parsed} refused`);
  });

  test('bounces and auto-replies are recognized', async () => {
    const kinds = await Promise.all(
      readIndex(root)
        .filter((row) => row.file.startsWith('sisimai-bounces/') && row.file.endsWith('.eml'))
        .map(async (row) => ({ row, result: (await pool.parse(readFileSync(join(root, row.file)))) as ParseResult })),
    );
    const misread: string[] = [];
    for (const { row, result } of kinds) {
      assert.ok(result.ok, row.file);
      const { kind } = result.email;
      const expected = /\/rfc3834-/.test(row.file) ? 'auto-reply' : /\/arf-/.test(row.file) ? 'auto-reply' : 'bounce';
      if (kind !== expected) misread.push(`${row.file}: ${kind}`);
    }
    // Not bounces by any header or delivery-status part: a mailing-list refusal and a Japanese
    // carrier's notice in its own words.
    assert.deepEqual(misread.sort(), [
      'sisimai-bounces/lhost-fml-02.eml: human',
      'sisimai-bounces/lhost-kddi-01.eml: human',
    ]);
  });
});
