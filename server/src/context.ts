// The application context: everything a service needs, built once at start and shared by
// the HTTP app, the job handlers and the CLI.
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Database, Tx } from './platform/db.ts';
import type { Jobs } from './platform/jobs.ts';
import type { ChangeBus } from './platform/sse.ts';

/** One command's transaction, and hooks that run after it commits (never after a rollback). */
export interface Unit extends Tx {
  afterCommit(hook: () => void): void;
}

export interface AppContext {
  config: Config;
  database: Database;
  log: Logger;
  /** Secret for signed links; from HEARD_SECRET or generated once into the data folder. */
  secret: string;
  changes: ChangeBus;
  /** Set once the jobs platform has started (not in every CLI command). */
  jobs: Jobs | undefined;
}

/** Runs one command in one transaction; after commit, kicks the outbox relay and runs the hooks. */
export async function transaction<T>(ctx: AppContext, work: (unit: Unit) => Promise<T>): Promise<T> {
  const hooks: (() => void)[] = [];
  // Object.create, not a spread: a spread would build the transaction's lazy drizzle instance.
  const result = await ctx.database.transaction((tx) =>
    work(Object.assign(Object.create(tx) as Tx, { afterCommit: (hook: () => void) => hooks.push(hook) })),
  );
  ctx.jobs?.kick();
  for (const hook of hooks) hook();
  return result;
}
