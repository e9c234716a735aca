// The server runs from a bundle of its TypeScript sources, built by esbuild when a source is
// newer than the bundle (a fresh clone builds it on the first `heard` command, in about a
// second). One plain JavaScript file instead of a TypeScript loader keeps a loader thread and
// its transform cache out of every process — the server and each mail-parser child.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(SERVER, 'dist');
const REPLYCHECK = dirname(fileURLToPath(import.meta.resolve('@heard/replycheck')));
/** The bundle's entry points: the CLI, the mail parser's child process and the spool's writer thread. */
const ENTRIES = {
  cli: 'src/cli.ts',
  'parse-worker': 'src/domains/email/parse/parse-worker.ts',
  'spool-worker': 'src/domains/email/spool-worker.ts',
};

function newestSource(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function bundleTime() {
  try {
    return Math.min(...Object.keys(ENTRIES).map((name) => statSync(join(DIST, `${name}.js`)).mtimeMs));
  } catch {
    return 0;
  }
}

/** Builds the bundle when it is missing or older than a source; returns the CLI module's URL. */
export async function ensureBundle() {
  const sources = Math.max(
    newestSource(join(SERVER, 'src')),
    newestSource(REPLYCHECK),
    statSync(join(SERVER, 'package.json')).mtimeMs,
  );
  if (bundleTime() < sources) await build();
  return new URL(`file://${join(DIST, 'cli.js')}`).href;
}

async function build() {
  const { build: esbuild } = await import('esbuild');
  const manifest = (path) => JSON.parse(readFileSync(path, 'utf8'));
  const external = [SERVER, join(REPLYCHECK, '..')].flatMap((folder) =>
    Object.keys(manifest(join(folder, 'package.json')).dependencies ?? {}).filter(
      (name) => name !== '@heard/replycheck',
    ),
  );
  // Built beside the bundle and renamed into place: a process starting meanwhile (tests start
  // several at once) reads either the old files or the new ones, never half of one.
  const staging = join(DIST, `.build-${process.pid}`);
  mkdirSync(staging, { recursive: true });
  try {
    await esbuild({
      absWorkingDir: SERVER,
      entryPoints: ENTRIES,
      outdir: staging,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external,
      sourcemap: 'linked',
      logLevel: 'error',
    });
    for (const name of Object.keys(ENTRIES)) {
      renameSync(join(staging, `${name}.js.map`), join(DIST, `${name}.js.map`));
      renameSync(join(staging, `${name}.js`), join(DIST, `${name}.js`));
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
