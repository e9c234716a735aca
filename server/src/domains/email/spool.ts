// The spool: each accepted message as `<data>/spool/<id>.eml`, written under a temporary
// name, fsynced, renamed and its folder fsynced, all before the sender gets its 250. The
// files stay after ingestion, so recent mail can be ingested again into a rebuilt database;
// the sweep prunes processed ones after the retention (inbound.service.ts `pruneSpool`).
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { groupCommit } from '../../platform/group-commit.ts';

export const spoolFolder = (dataDir: string): string => join(dataDir, 'spool');

/** The spool path of a message relative to the data folder (what the database keeps). */
export const spoolPath = (id: string): string => join('spool', `${id}.eml`);

/** Flushes a folder; concurrent writers share one flush (group commit). */
const folderSyncs = new Map<string, () => Promise<void>>();
function syncFolder(folder: string): Promise<void> {
  let sync = folderSyncs.get(folder);
  if (!sync) {
    sync = groupCommit<void, void>(async (writers) => {
      const directory = await open(folder, 'r');
      try {
        await directory.sync();
      } finally {
        await directory.close();
      }
      return writers;
    });
    folderSyncs.set(folder, sync);
  }
  return sync();
}

/** Writes the message durably: after this resolves, a power failure cannot lose it. */
export async function writeSpool(dataDir: string, id: string, raw: Uint8Array): Promise<void> {
  const folder = spoolFolder(dataDir);
  const temporary = join(folder, `.${id}.tmp`);
  const file = await open(temporary, 'w', 0o600).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    await mkdir(folder, { recursive: true });
    return open(temporary, 'w', 0o600);
  });
  try {
    await file.writeFile(raw);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, join(folder, `${id}.eml`));
  // The rename is durable only once the folder itself is flushed: one flush for all the
  // messages renamed meanwhile.
  await syncFolder(folder);
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
