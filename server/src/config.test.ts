import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to an embedded database in ./data on port 3000 with every role', () => {
    const config = loadConfig({});
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.port, 3000);
    assert.match(config.dataDir, /data$/);
    assert.deepEqual(config.roles, ['api', 'worker']);
    assert.equal(config.publicUrl, 'http://localhost:3000');
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
