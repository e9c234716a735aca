// Content-addressed files: one file per content, written whole once; the same bytes again
// (a logo in every signature) find it and write nothing.
import assert from 'node:assert/strict';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness } from '../../../test/helpers/http.ts';
import { attachmentsFolder, writeContentAddressed } from './attachments.service.ts';

describe('content-addressed attachment files', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it('stores the same bytes once and leaves a stored file untouched', async () => {
    const content = new TextEncoder().encode('the company logo, sent with every message\n');
    const first = await writeContentAddressed(h.ctx, content);
    const path = join(attachmentsFolder(h.ctx), first.sha256);
    const written = await stat(path);
    const again = await Promise.all([1, 2, 3].map(() => writeContentAddressed(h.ctx, content)));
    for (const result of again) assert.deepEqual(result, first);
    // Not written again: the same inode and modification time, and no temporary file left behind.
    const after = await stat(path);
    assert.equal(after.ino, written.ino);
    assert.equal(after.mtimeMs, written.mtimeMs);
    assert.deepEqual(await readdir(attachmentsFolder(h.ctx)), [first.sha256]);
    assert.deepEqual(await readFile(path), Buffer.from(content));
    assert.equal(first.contentType, 'text/plain');
  });
});
