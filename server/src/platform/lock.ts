// One process per PGlite folder: two processes writing the same embedded database lose
// writes silently, so the owner keeps a lock file with its pid. A lock whose process is
// gone (kill -9, power loss) is stale and is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by a running Heard process (pid ${pid}). ` +
        'Stop that process first, or use its web app / API; only one process may open an embedded database.',
    );
  }
}

export interface DataDirLock {
  path: string;
  /** Set when a stale lock of a process that no longer runs was taken over. */
  tookOverFromPid: number | undefined;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockPath(dataDir: string): string {
  return join(dataDir, 'heard.lock');
}

/** Returns the pid holding the folder, or undefined when it is free (or its holder is gone). */
export function lockHolder(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath(dataDir), 'utf8'), 10);
    return Number.isInteger(pid) && pid !== process.pid && isAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = lockPath(dataDir);
  let tookOverFromPid: number | undefined;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(dataDir, pid);
      tookOverFromPid = Number.isInteger(pid) ? pid : undefined;
      rmSync(path, { force: true });
    }
  }
  return {
    path,
    tookOverFromPid,
    release() {
      try {
        if (Number.parseInt(readFileSync(path, 'utf8'), 10) === process.pid) rmSync(path, { force: true });
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
}
