import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { closeEmailParser, EmailParserPool, parseEmail } from './parse-email.ts';
import type { ParsedEmail } from './parsed.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../../test/fixtures/email/${name}`, import.meta.url));

async function parsed(name: string): Promise<ParsedEmail> {
  const result = await parseEmail(fixture(name));
  assert.ok(result.ok, result.ok ? '' : result.failure.reason);
  return result.email;
}

after(closeEmailParser);

describe('charsets decoded to exact text', () => {
  const expected: Record<string, string> = {
    'koi8-r':
      'Здравствуйте! Мой заказ не пришёл, верните деньги.\nСъешь же ещё этих мягких французских булок, да выпей чаю.\n',
    'windows-1251': 'Добрий день! Замовлення №42 — де воно?\nҐанок, їжак, єнот, «лапки». Ещё: Ёлка.\n',
    'iso-8859-2': 'Zażółć gęślą jaźń. Proszę o zwrot pieniędzy.\nPříliš žluťoučký kůň úpěl ďábelské ódy.\n',
    'windows-1250': 'Dzień dobry — zamówienie „123” nie dotarło.\nŁódź, Śląsk, Żółw… dziękuję.\n',
    'iso-8859-16': 'Bună ziua! Țară, șir, Ștefan Țuțuianu - mulțumesc.\nÎnvățătoarea a cerut „înapoi” banii.\n',
    'utf-8': 'Привет, Zażółć gęślą jaźń, Țară și școală, 日本語, emoji 🎉.\n',
  };
  for (const [charset, text] of Object.entries(expected)) {
    test(charset, async () => {
      const email = await parsed(`charset-${charset}.eml`);
      assert.equal(email.text, text);
      assert.deepEqual(email.charsets, [charset]);
      assert.equal(email.subject, `Charset ${charset}`);
      assert.equal(email.messageId, `<charset-${charset}@example.com>`);
      assert.deepEqual(email.from, { address: 'customer@example.com', name: 'Customer' });
      assert.equal(email.date, '2026-03-03T08:00:00.000Z');
      assert.equal(email.kind, 'human');
    });
  }
});

describe('the worker pool', () => {
  test('a parse over its time limit fails with a reason and the worker is replaced', async () => {
    const pool = new EmailParserPool({ size: 1 });
    try {
      const slow = await pool.parse(fixture('charset-utf-8.eml'), { timeoutMs: 1 });
      assert.deepEqual(slow, { ok: false, failure: { reason: 'parsing took longer than 1 ms' } });
      const next = await pool.parse(fixture('charset-utf-8.eml'));
      assert.ok(next.ok);
    } finally {
      await pool.close();
    }
  });

  test('a message over the size limit is refused without parsing', async () => {
    const pool = new EmailParserPool({ maxBytes: 100 });
    try {
      const result = await pool.parse(fixture('charset-utf-8.eml'));
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.failure.reason, /over the 100-byte limit/);
    } finally {
      await pool.close();
    }
  });
});
