// Bench helpers: a Heard server as a child process (so its memory is measured alone), an
// HTTP load from autocannon, PostgreSQL databases made and dropped for a scenario.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const heardBin = join(dirname(fileURLToPath(import.meta.url)), '../../server/bin/heard.mjs');
export const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface ServerProcess {
  url: string;
  pid: number;
  /** Resident memory now and at its peak (VmHWM), in MB. */
  memory(): { rssMb: number; peakRssMb: number };
  stop(): Promise<void>;
}

/** Extra node options for the server process, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof". */
const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);

export const tempDataDir = (): string => mkdtempSync(join(tmpdir(), 'heard-bench-'));

export function heardCli(args: string[], env: Record<string, string>, input?: string): string {
  const result = spawnSync(process.execPath, [heardBin, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
  });
  if (result.status !== 0) throw new Error(`heard ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim();
}

export async function startServer(env: Record<string, string>, args: string[] = ['--no-demo']): Promise<ServerProcess> {
  const log = join(tmpdir(), `heard-bench-${Date.now()}.log`);
  const child: ChildProcess = spawn(process.execPath, [...serverNodeArgs, heardBin, 'start', ...args], {
    env: { ...process.env, PORT: '0', HEARD_SMTP_PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', openSync(log, 'a'), openSync(`${log}.err`, 'a')],
  });
  const deadline = Date.now() + 180_000;
  for (;;) {
    const match = /http:\/\/localhost:(\d+)\//.exec(readFileSync(log, 'utf8'));
    if (match) {
      const url = `http://127.0.0.1:${match[1]}`;
      return {
        url,
        pid: child.pid!,
        memory() {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
          return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
        },
        async stop() {
          child.kill('SIGTERM');
          await new Promise((resolve) => child.once('exit', resolve));
        },
      };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`server did not start: ${readFileSync(`${log}.err`, 'utf8')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  total: number;
}

export async function load(options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({ ...options });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

/** Creates (or recreates) a PostgreSQL database for a scenario and returns its URL. */
export async function freshPostgresDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a scenario's database, so its background vacuuming does not weigh on the next scenario. */
export async function dropPostgresDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
