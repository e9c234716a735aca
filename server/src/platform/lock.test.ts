import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { acquireDataDirLock, DataDirLockedError, lockHolder, lockPath } from './lock.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'heard-lock-'));

describe('data folder lock', () => {
  it('refuses a second live process with a clear message', async () => {
    const dir = tempDir();
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(lockPath(dir), String(sleeper.pid));
      assert.equal(lockHolder(dir), sleeper.pid);
      assert.throws(
        () => acquireDataDirLock(dir),
        (error: unknown) =>
          error instanceof DataDirLockedError &&
          error.pid === sleeper.pid &&
          /in use by a running Heard/.test(error.message),
      );
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it('takes over the stale lock of a killed process', async () => {
    const dir = tempDir();
    const victim = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    const pid = victim.pid!;
    writeFileSync(lockPath(dir), String(pid));
    victim.kill('SIGKILL');
    await new Promise((resolve) => victim.once('exit', resolve));
    const lock = acquireDataDirLock(dir);
    assert.equal(lock.tookOverFromPid, pid);
    assert.equal(readFileSync(lockPath(dir), 'utf8'), String(process.pid));
    lock.release();
    assert.equal(existsSync(lockPath(dir)), false);
  });
});
