// The spool's writer thread (started by spool.ts): writes each message under a temporary name,
// fsyncs it and renames it into place, then flushes the folder once for every message written
// since the last flush, and only then answers. Its file calls are synchronous on a thread of its
// own: the server's event loop waits for one answer per message instead of taking part in six
// asynchronous file operations (open, write, fsync, close, rename, folder fsync), each of which
// would queue behind whatever else the loop is busy with.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';

export interface SpoolWrite {
  n: number;
  folder: string;
  id: string;
  raw: Uint8Array;
}

export interface SpoolWritten {
  n: number;
  /** Why the message could not be made durable; absent when it was. */
  error?: string;
}

function writeDurably({ folder, id, raw }: SpoolWrite): void {
  const temporary = join(folder, `.${id}.tmp`);
  let fd: number;
  try {
    fd = openSync(temporary, 'w', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(folder, { recursive: true });
    fd = openSync(temporary, 'w', 0o600);
  }
  try {
    for (let offset = 0; offset < raw.byteLength; ) offset += writeSync(fd, raw, offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, join(folder, `${id}.eml`));
}

function flushFolder(folder: string): void {
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const pending: SpoolWrite[] = [];

/** Writes what has arrived, flushes each folder once, then answers: a rename is durable only after its folder's flush. */
function drain(): void {
  const batch = pending.splice(0);
  const answers: SpoolWritten[] = [];
  const written = new Map<string, SpoolWritten[]>();
  for (const write of batch) {
    try {
      writeDurably(write);
      const answer = { n: write.n };
      written.set(write.folder, [...(written.get(write.folder) ?? []), answer]);
      answers.push(answer);
    } catch (error) {
      answers.push({ n: write.n, error: (error as Error).message });
    }
  }
  for (const [folder, answersOfFolder] of written) {
    try {
      flushFolder(folder);
    } catch (error) {
      for (const answer of answersOfFolder) answer.error = (error as Error).message;
    }
  }
  for (const answer of answers) parentPort!.postMessage(answer);
}

parentPort!.on('message', (write: SpoolWrite) => {
  // Messages that arrive while a batch is written wait for the next one (one folder flush each batch).
  if (pending.push(write) === 1) setImmediate(drain);
});
