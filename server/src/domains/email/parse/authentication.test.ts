import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { describe, test } from 'node:test';
import { parseAuthenticationResults } from './authentication.ts';
import { EmailParserPool } from './parse-email.ts';
import type { ParseResult } from './parsed.ts';

const RELAY = 'mx.heard.test';
const stamped = (authServId: string, results: string) => `Authentication-Results: ${authServId}; ${results}\r\n`;
const message = (headers: string) =>
  Buffer.from(
    `${headers}From: anna@example.pl\r\nTo: support@heard.test\r\nMessage-ID: <auth@example.pl>\r\nSubject: Hi\r\n\r\nHello\r\n`,
  );

function authentication(result: ParseResult) {
  assert.ok(result.ok, result.ok ? '' : result.failure.reason);
  return result.email.authentication;
}

describe('Authentication-Results headers', () => {
  test('comments dropped, one passing DKIM signature among several wins, the authserv-id kept', () => {
    assert.deepEqual(
      parseAuthenticationResults(
        'MX.Heard.test (Postfix); dkim=fail (bad signature) header.d=x.example; dkim=pass header.d=example.pl;\r\n spf=softfail (sender not permitted) smtp.mailfrom=example.pl; dmarc=pass (p=NONE) header.from=example.pl',
      ),
      { authServId: 'mx.heard.test', results: { spf: 'softfail', dkim: 'pass', dmarc: 'pass', source: 'header' } },
    );
    assert.equal(parseAuthenticationResults('mx.heard.test; none'), null);
  });

  test('a trusted relay stamp is used; a forged one below it or from elsewhere is not', async () => {
    const pool = new EmailParserPool({ size: 1, timeoutMs: 120_000, authentication: { trustedAuthServIds: [RELAY] } });
    try {
      const relayed = message(
        stamped(RELAY, 'spf=pass smtp.mailfrom=example.pl; dkim=pass; dmarc=pass') +
          stamped('forger.example', 'spf=fail; dkim=fail; dmarc=fail'),
      );
      assert.deepEqual(authentication(await pool.parse(relayed)), {
        spf: 'pass',
        dkim: 'pass',
        dmarc: 'pass',
        source: 'header',
      });
      const forged = message(stamped('forger.example', 'spf=pass; dkim=pass; dmarc=pass'));
      assert.deepEqual(authentication(await pool.parse(forged)), {
        spf: 'none',
        dkim: 'none',
        dmarc: 'none',
        source: 'none',
      });
    } finally {
      await pool.close();
    }
  });

  test('without a trusted list (IMAP), the topmost stamp: the one of the mailbox provider', async () => {
    const pool = new EmailParserPool({ size: 1, timeoutMs: 120_000 });
    try {
      const delivered = message(
        stamped('mx.google.com', 'dkim=pass; spf=neutral; dmarc=fail') +
          stamped('forger.example', 'spf=pass; dkim=pass; dmarc=pass'),
      );
      assert.deepEqual(authentication(await pool.parse(delivered)), {
        spf: 'neutral',
        dkim: 'pass',
        dmarc: 'fail',
        source: 'header',
      });
    } finally {
      await pool.close();
    }
  });
});

describe('verification against the SMTP envelope', () => {
  test('a DNS server that never answers costs at most the deadline: temperror, not a hung parse', async () => {
    // A real UDP socket that swallows every query.
    const blackHole = createSocket('udp4');
    await new Promise<void>((resolve) => blackHole.bind(0, '127.0.0.1', resolve));
    const pool = new EmailParserPool({
      size: 1,
      timeoutMs: 120_000,
      authentication: { dnsServers: [`127.0.0.1:${blackHole.address().port}`], dnsTimeoutMs: 300 },
    });
    try {
      const result = await pool.parse(message(stamped('forger.example', 'spf=pass; dkim=pass; dmarc=pass')), {
        envelope: { remoteAddress: '192.0.2.10', helo: 'mail.example.pl', mailFrom: 'anna@example.pl' },
      });
      // The deadline gives up on DNS (temperror) instead of holding the parse until its timeout.
      const results = authentication(result);
      assert.equal(results.source, 'verified');
      assert.equal(results.spf, 'temperror');
    } finally {
      await pool.close();
      blackHole.close();
    }
  });
});
