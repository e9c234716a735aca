// `heard start`: open the runtime, listen, print the URL and the demo logins, and stop
// gracefully on SIGINT/SIGTERM (finish in-flight requests, stop the jobs, close the database).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { DEMO_PASSWORD, DEMO_USERS, isEmpty, loadDemo } from './demo/demo.ts';
import { ImapPoller } from './domains/email/imap.poller.ts';
import { recoverSpool } from './domains/email/inbound.service.ts';
import { startSmtpListener } from './domains/email/smtp.ts';
import { ensureFirstAdmin } from './domains/identity/identity.service.ts';
import { ensureBaseline } from './domains/settings/settings.service.ts';
import { HEARD_BIN } from './platform/paths.ts';
import { embeddedDatabaseFolder, openRuntime } from './runtime.ts';

/**
 * A new embedded database gets its demo data from a short-lived `heard demo` process: the
 * embedded database's memory never shrinks, and a server that loaded the demo itself would
 * keep the peak of that load for as long as it runs.
 */
function loadDemoInChildProcess(): void {
  const child = spawnSync(process.execPath, [HEARD_BIN, 'demo'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (child.status !== 0) throw new Error(`loading the demo data failed (heard demo exited with ${child.status})`);
}

export async function startServer(config: Config, options: { demo: boolean }): Promise<void> {
  const work = config.roles.includes('worker');
  let demoLoaded = false;
  if (options.demo && !config.databaseUrl && !existsSync(embeddedDatabaseFolder(config))) {
    loadDemoInChildProcess();
    demoLoaded = true;
  }
  const runtime = await openRuntime(config, { jobs: { work, relay: true } });
  const { ctx } = runtime;
  if (options.demo && !demoLoaded && (await isEmpty(ctx))) {
    ctx.log.info('empty database: loading demo data');
    await loadDemo(ctx);
    demoLoaded = true;
  }
  const firstAdmin = await ensureFirstAdmin(ctx, config.adminEmail);
  if (firstAdmin) await ensureBaseline(ctx);
  // Worker processes poll the IMAP mailboxes (a lease per mailbox: one process at a time).
  const imap = work ? ImapPoller.start(ctx) : undefined;
  // Spooled mail without a record (the database lost it, or a crash came between fsync and
  // commit) is recorded before the listener opens; files younger than a minute may belong to
  // another process's listener unless this process is the listener.
  if (work) await recoverSpool(ctx, config.roles.includes('smtp') ? 0 : 60_000);
  const smtp = config.roles.includes('smtp')
    ? await startSmtpListener(ctx, { host: config.host, port: config.smtpPort })
    : undefined;
  const app = config.roles.includes('api') ? await buildApp(ctx) : undefined;
  if (app) await app.listen({ host: config.host, port: config.port });
  const address = app?.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  const hasDemoUsers =
    demoLoaded ||
    (options.demo &&
      (await ctx.database.executeSql('SELECT 1 FROM users WHERE email = $1', [DEMO_USERS[0].email])).rows.length > 0);
  const lines = [
    '',
    `Heard is running (${ctx.database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'}; roles: ${config.roles.join(', ')})`,
    ...(app
      ? [`  Web app and API:  http://localhost:${port}/`, `  API docs:         http://localhost:${port}/api/docs`]
      : []),
    ...(smtp ? [`  Inbound SMTP:     localhost:${smtp.port}`] : []),
    ...(hasDemoUsers
      ? [
          `  Demo logins (password ${DEMO_PASSWORD}):`,
          ...DEMO_USERS.map((user) => `    ${user.role.padEnd(10)} ${user.email}`),
        ]
      : []),
    ...(firstAdmin
      ? [`  First admin: ${firstAdmin.email} / ${firstAdmin.password}  (shown once: sign in and change it)`]
      : []),
    '',
  ];
  // Log lines written so far (a stale lock taken over, …) come before the banner.
  await new Promise<void>((resolve) => ctx.log.flush(() => resolve()));
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app?.close();
    await smtp?.close();
    await imap?.stop();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
