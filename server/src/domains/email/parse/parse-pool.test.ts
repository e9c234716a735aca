// The parser never throws and never takes the server down: random and damaged input, the
// child processes' memory and time limits, concurrency and the size limit.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { fixture, message, reason } from './parse.fixtures.ts';
import { closeEmailParser, EmailParserPool } from './parse-email.ts';

after(closeEmailParser);

describe('never throws', () => {
  test('random bytes and damaged fixtures parse or are refused with a reason', async () => {
    const pool = new EmailParserPool({ size: 2 });
    const sample = fixture('multipart-nested.eml');
    const damaged = fc
      .array(fc.tuple(fc.nat({ max: sample.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 40 })
      .map((edits) => {
        const copy = Buffer.from(sample);
        for (const [at, byte] of edits) copy[at] = byte;
        return copy;
      });
    try {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 4096 }), damaged), async (raw) => {
          const result = await pool.parse(raw);
          assert.ok(result.ok || result.failure.reason.length > 0);
        }),
        { numRuns: 150 },
      );
    } finally {
      await pool.close();
    }
  });
});

describe('the worker pool', () => {
  test('a parse over its time limit fails with a reason and the worker is replaced', async () => {
    const pool = new EmailParserPool({ size: 1 });
    try {
      // A ready parser (its start never counts) given 2 MB of HTML and 1 ms.
      const big = message('Content-Type: text/html; charset=utf-8', '<p>word</p>\r\n'.repeat(200_000));
      const slow = await pool.parse(big, { timeoutMs: 1 });
      assert.deepEqual(slow, { ok: false, failure: { reason: 'parsing took longer than 1 ms' } });
      const next = await pool.parse(fixture('charset-utf-8.eml'));
      assert.ok(next.ok);
    } finally {
      await pool.close();
    }
  });

  test('a worker that runs out of memory fails its message only; the next one parses', async () => {
    const pool = new EmailParserPool({ size: 1, memoryLimitMb: 64, maxBytes: 512 * 1024 * 1024 });
    try {
      // A 200 MB HTML body: decoded, converted and copied it is far over a 64 MB heap.
      const line = `<p>${'word '.repeat(200)}</p>\r\n`;
      const hungry = message(
        'Content-Type: text/html; charset=utf-8',
        line.repeat(Math.ceil((200 * 1024 * 1024) / line.length)),
      );
      assert.equal(
        reason(await pool.parse(hungry, { timeoutMs: 120_000 })),
        'the parser ran out of memory (limit 64 MB)',
      );
      const next = await pool.parse(fixture('charset-koi8-r.eml'));
      assert.ok(next.ok);
    } finally {
      await pool.close();
    }
  });

  test('parses run in parallel on a pool of two and each gets its own result', async () => {
    const pool = new EmailParserPool({ size: 2 });
    try {
      const names = ['charset-koi8-r.eml', 'charset-iso-8859-16.eml', 'multipart-nested.eml', 'dsn-standard.eml'];
      const results = await Promise.all(names.map((name) => pool.parse(fixture(name))));
      assert.deepEqual(
        results.map((result) => (result.ok ? result.email.messageId : result.failure.reason)),
        [
          '<charset-koi8-r@example.com>',
          '<charset-iso-8859-16@example.com>',
          '<nested@example.pl>',
          '<dsn-1@mx.example.com>',
        ],
      );
    } finally {
      await pool.close();
    }
  });

  test('the parser starts the way `heard start` runs the server (tsx registered by its API, no --import), and an idle pool lets the process exit', async () => {
    const script = `
      const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
      register();
      const { parseEmail } = await import(${JSON.stringify(import.meta.resolve('./parse-email.ts'))});
      const { readFileSync } = await import('node:fs');
      const result = await parseEmail(readFileSync(process.argv[1]));
      process.stdout.write(JSON.stringify(result.ok ? result.email.text : result.failure));`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        script,
        new URL('../../../../test/fixtures/email/charset-koi8-r.eml', import.meta.url).pathname,
      ],
      { env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 },
    );
    assert.equal(
      JSON.parse(stdout),
      'Здравствуйте! Мой заказ не пришёл, верните деньги.\nСъешь же ещё этих мягких французских булок, да выпей чаю.\n',
    );
  });

  test('a message over the size limit is refused without parsing', async () => {
    const pool = new EmailParserPool({ maxBytes: 100 });
    try {
      assert.match(reason(await pool.parse(fixture('charset-utf-8.eml'))), /over the 100-byte limit/);
    } finally {
      await pool.close();
    }
  });

  test('a message given as a file is read by the parser process: the same result as its bytes', async () => {
    const pool = new EmailParserPool({ size: 1, maxBytes: 100_000 });
    const folder = await mkdtemp(join(tmpdir(), 'heard-parse-'));
    const bytes = fixture('charset-koi8-r.eml');
    try {
      const path = join(folder, 'message.eml');
      await writeFile(path, bytes);
      assert.deepEqual(await pool.parse({ path, size: bytes.length }), await pool.parse(bytes));
      assert.equal(
        reason(await pool.parse({ path: join(folder, 'gone.eml'), size: 10 })),
        'the message file is missing',
      );
      assert.match(reason(await pool.parse({ path, size: 200_000 })), /over the 100000-byte limit/);
    } finally {
      await pool.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
