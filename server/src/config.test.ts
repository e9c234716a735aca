import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to an embedded database in ./data on port 3000 with every role', () => {
    const config = loadConfig({});
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.port, 3000);
    assert.match(config.dataDir, /data$/);
    assert.deepEqual(config.roles, ['api', 'worker', 'smtp']);
    assert.equal(config.publicUrl, 'http://localhost:3000');
    assert.equal(config.smtpPort, 2525);
    assert.equal(config.smtpMaxBytes, 25 * 1024 * 1024);
    assert.deepEqual(config.smtpAllow, []);
    assert.deepEqual(config.emailLoop, { limit: 5, windowMinutes: 10 });
  });

  it('reads the SMTP allow-list of addresses and CIDR ranges, and refuses anything else', () => {
    assert.deepEqual(loadConfig({ HEARD_SMTP_ALLOW: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8' }).smtpAllow, [
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
    ]);
    for (const bad of ['mail.example.com', '10.0.0.0/33', '1.2.3.4/8/9']) {
      assert.throws(() => loadConfig({ HEARD_SMTP_ALLOW: bad }), /HEARD_SMTP_ALLOW/);
    }
  });

  it('names every bad variable at once', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', HEARD_SECRET: 'short', HEARD_ROLES: 'api,cook' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 4);
        assert.match(error.message, /PORT/);
        assert.match(error.message, /DATABASE_URL/);
        assert.match(error.message, /HEARD_SECRET/);
        assert.match(error.message, /cook/);
        return true;
      },
    );
  });
});
