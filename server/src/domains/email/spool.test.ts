// The spool's writer thread: every message written whole under its id, many at once (one
// folder flush for each batch), and a write that fails fails alone, with the reason, without
// stopping the writer.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readSpool, spoolFolder, spoolPath, writeSpool } from './spool.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('the spool writer', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'heard-spool-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('writes concurrent messages whole, each under its id, and leaves no temporary file', async () => {
    const messages = Array.from({ length: 60 }, (_, n) =>
      Buffer.from(`Subject: ${n}\r\n\r\n${'x'.repeat(n * 997)}\r\n`),
    );
    await Promise.all(messages.map((raw, n) => writeSpool(dataDir, id(n), raw)));
    for (const [n, raw] of messages.entries()) assert.deepEqual(await readSpool(dataDir, spoolPath(id(n))), raw);
    assert.equal((await readdir(spoolFolder(dataDir))).filter((name) => name.endsWith('.tmp')).length, 0);
  });

  it('fails a write it cannot make durable with the reason, and goes on writing', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'heard-spool-broken-'));
    try {
      // A file where the spool folder should be: neither the file nor the folder can be made.
      await writeFile(join(broken, 'spool'), 'not a folder');
      const [failed, written] = await Promise.allSettled([
        writeSpool(broken, id(100), Buffer.from('lost?')),
        writeSpool(dataDir, id(101), Buffer.from('kept')),
      ]);
      assert.equal(failed.status, 'rejected');
      assert.match(String((failed as PromiseRejectedResult).reason), /could not be spooled: .*(ENOTDIR|EEXIST)/);
      assert.equal(written.status, 'fulfilled');
      await writeSpool(dataDir, id(102), Buffer.from('still writing'));
      assert.equal((await readSpool(dataDir, spoolPath(id(102)))).toString(), 'still writing');
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });
});
