// The spool: each accepted message as `<data>/spool/<id>.eml`, written under a temporary
// name, fsynced, renamed and its folder fsynced (by a thread of its own, spool-worker.ts), all
// before the sender gets its 250. The files stay after ingestion, so recent mail can be
// ingested again into a rebuilt database; the sweep prunes processed ones after the retention
// (inbound.service.ts `pruneSpool`).
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SpoolWrite, SpoolWritten } from './spool-worker.ts';

export const spoolFolder = (dataDir: string): string => join(dataDir, 'spool');

/** The spool path of a message relative to the data folder (what the database keeps). */
export const spoolPath = (id: string): string => join('spool', `${id}.eml`);

const RUNS_TYPESCRIPT = import.meta.url.endsWith('.ts');
// `heard` runs the bundle (dist/spool-worker.js beside dist/cli.js); tests run the sources
// through tsx, whose loader a worker thread registers for itself before loading the source.
const WORKER_URL = new URL(`./spool-worker.${RUNS_TYPESCRIPT ? 'ts' : 'js'}`, import.meta.url);
const spawnWorker = (): Worker =>
  RUNS_TYPESCRIPT
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
           .then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`,
        { eval: true },
      )
    : new Worker(WORKER_URL);

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/** The writer thread (spool-worker.ts) and the writes it has not answered yet. */
interface Writer {
  worker: Worker;
  waiting: Map<number, Waiter>;
}

let writer: Writer | null = null;
let nextWrite = 1;

function startWriter(): Writer {
  const worker = spawnWorker();
  const started: Writer = { worker, waiting: new Map() };
  // Idle, it must not keep the process alive; a write refs it until answered.
  worker.unref();
  worker.on('message', ({ n, error }: SpoolWritten) => {
    const waiter = started.waiting.get(n);
    started.waiting.delete(n);
    if (started.waiting.size === 0) worker.unref();
    if (error === undefined) waiter?.resolve();
    else waiter?.reject(new Error(`the message could not be spooled: ${error}`));
  });
  const fail = (error: Error) => {
    if (writer === started) writer = null;
    for (const waiter of started.waiting.values()) waiter.reject(error);
    started.waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the spool writer stopped (exit code ${code})`)));
  return started;
}

/**
 * Writes the message durably: after this resolves, a power failure cannot lose it. The writer
 * thread fsyncs the file, renames it into place and flushes the folder once for all the
 * messages written meanwhile (group commit).
 */
export function writeSpool(dataDir: string, id: string, raw: Uint8Array): Promise<void> {
  writer ??= startWriter();
  const { worker, waiting } = writer;
  const n = nextWrite++;
  return new Promise((resolve, reject) => {
    waiting.set(n, { resolve, reject });
    worker.ref();
    worker.postMessage({ n, folder: spoolFolder(dataDir), id, raw } satisfies SpoolWrite);
  });
}

export const readSpool = (dataDir: string, relativePath: string): Promise<Buffer> =>
  readFile(join(dataDir, relativePath));

export const spoolExists = (dataDir: string, relativePath: string): Promise<boolean> =>
  stat(join(dataDir, relativePath)).then(
    () => true,
    () => false,
  );

export const removeSpool = (dataDir: string, id: string): Promise<void> =>
  rm(join(spoolFolder(dataDir), `${id}.eml`), { force: true });

const SPOOL_FILE = /^([0-9a-f-]{36})\.eml$/;

/**
 * The ids of the spool files (older than `minAgeMs`), after removing temporary files a crash
 * left behind (their senders never got a 250, and will retry).
 */
export async function listSpool(dataDir: string, minAgeMs: number): Promise<string[]> {
  const folder = spoolFolder(dataDir);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const cutoff = Date.now() - minAgeMs;
  const ids: string[] = [];
  for (const name of names) {
    const match = SPOOL_FILE.exec(name);
    if (match) {
      if (minAgeMs === 0 || (await stat(join(folder, name))).mtimeMs <= cutoff) ids.push(match[1]!);
    } else if (name.endsWith('.tmp') && (await stat(join(folder, name))).mtimeMs <= cutoff) {
      await rm(join(folder, name), { force: true });
    }
  }
  return ids;
}
