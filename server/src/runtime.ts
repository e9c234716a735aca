// Opening Heard: lock the data folder (embedded mode), open and migrate the database,
// create the baseline configuration, start the jobs platform. Shared by `heard start`,
// the other CLI commands and the tests.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { caseJobs } from './domains/cases/cases.jobs.ts';
import { commitmentJobs } from './domains/commitments/commitments.jobs.ts';
import { sweepJobs } from './domains/commitments/commitments.sweep.ts';
import { emailJobs, ingestQueue } from './domains/email/email.jobs.ts';
import { outboundJobs } from './domains/email/outbound.jobs.ts';
import { identityJobs } from './domains/identity/identity.jobs.ts';
import { partnerJobs } from './domains/partners/partners.jobs.ts';
import { ensureDefaultScripts } from './domains/scripts/scripts.service.ts';
import { ensureBaseline } from './domains/settings/settings.service.ts';
import { type Database, openPglite, openPostgres } from './platform/db.ts';
import { randomToken } from './platform/ids.ts';
import { Jobs } from './platform/jobs.ts';
import { acquireDataDirLock, type DataDirLock } from './platform/lock.ts';
import { createMailer } from './platform/mailer.ts';
import { ChangeBus } from './platform/sse.ts';

export class EmbeddedDatabaseError extends Error {}

export interface Runtime {
  ctx: AppContext;
  close(): Promise<void>;
}

/** The secret for signed links: HEARD_SECRET, else one generated at first start and kept in the data folder. */
function loadSecret(config: Config): string {
  if (config.secret) return config.secret;
  const path = join(config.dataDir, 'secret.key');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomToken(48);
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}

/** The embedded database's folder inside the data folder. */
export const embeddedDatabaseFolder = (config: Config): string => join(config.dataDir, 'pgdata');

export async function openDatabase(config: Config, log: Logger): Promise<{ database: Database; lock?: DataDirLock }> {
  if (config.databaseUrl) return { database: openPostgres(config.databaseUrl) };
  const lock = acquireDataDirLock(config.dataDir);
  if (lock.tookOverFromPid !== undefined) {
    log.warn(
      { pid: lock.tookOverFromPid },
      `took over the stale lock of process ${lock.tookOverFromPid}, which is no longer running`,
    );
  }
  const folder = embeddedDatabaseFolder(config);
  try {
    return { database: await openPglite({ dataDir: folder }), lock };
  } catch (error) {
    lock.release();
    throw new EmbeddedDatabaseError(
      `The embedded database in ${folder} could not be opened (${(error as Error).message}). ` +
        'If Heard was stopped uncleanly and this persists, restore the last backup: see docs/operations.md#restore.',
    );
  }
}

export interface OpenOptions {
  /** An already opened database (tests); otherwise opened from the configuration. */
  database?: Database;
  /** Start the jobs platform: `work` runs workers and sweeps, `relay` moves the outbox into the queue. */
  jobs?: { work: boolean; relay: boolean };
  log?: Logger;
}

export async function openRuntime(config: Config, options: OpenOptions = {}): Promise<Runtime> {
  // Buffered, asynchronous log writes: one synchronous write per line costs a tenth of the request budget.
  const log =
    options.log ?? pino({ level: config.logLevel }, pino.destination({ dest: 1, sync: false, minLength: 4096 }));
  const { database, lock } = options.database
    ? { database: options.database, lock: undefined }
    : await openDatabase(config, log);
  try {
    await database.migrate();
    const changes = new ChangeBus(database);
    const ctx: AppContext = { config, database, log, secret: loadSecret(config), changes, jobs: undefined };
    await ensureBaseline(ctx);
    await ensureDefaultScripts(ctx);
    await changes.start();
    if (options.jobs) {
      const definitions = [
        ...caseJobs(ctx),
        ...outboundJobs(ctx, createMailer(config)),
        ...commitmentJobs(ctx),
        ...sweepJobs(ctx),
        ...identityJobs(ctx),
        ...partnerJobs(ctx),
        ...emailJobs(ctx),
      ];
      ctx.jobs = await Jobs.start(database, definitions, log, options.jobs, [ingestQueue(ctx)]);
    }
    return {
      ctx,
      async close() {
        await ctx.jobs?.stop();
        await changes.stop();
        await database.close();
        lock?.release();
        log.flush();
      },
    };
  } catch (error) {
    await database.close().catch(() => {});
    lock?.release();
    throw error;
  }
}
