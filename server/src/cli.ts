// The `heard` command line: start, migrate, demo, user add, token create. Bad arguments
// print a clear message and exit with code 2.
import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig, parseRoles } from './config.ts';
import { DEMO_PASSWORD, DEMO_USERS, isEmpty, loadDemo } from './demo/demo.ts';
import { addUser, createApiToken } from './domains/identity/identity.service.ts';
import { AppError } from './errors.ts';
import { startServer } from './main.ts';
import { DataDirLockedError } from './platform/lock.ts';
import { USER_ROLES } from './platform/principal.ts';
import { EmbeddedDatabaseError, openRuntime } from './runtime.ts';

class UsageError extends Error {}

const HELP: Record<string, string> = {
  '': `heard — the Heard service desk

Usage: heard <command> [options]

Commands:
  start [--no-demo] [--roles api,worker]        start the server (migrates; loads demo data into an empty database)
  migrate                                       apply migrations and create the baseline configuration
  demo                                          load demo data into an empty database
  user add --email E --name N --role R [--password-stdin]
  token create --role R --name N                print a new API token (only the token) on stdout
  check-reply [--lang L] [--json] [FILE|-]      check a reply for banned phrases and mistakes (no database)

Run "heard <command> --help" for details. Configuration comes from the environment (see README).`,
  start: `Usage: heard start [--no-demo] [--roles api,worker]

Starts Heard. With no DATABASE_URL it uses the embedded database in HEARD_DATA_DIR (default ./data).
  --no-demo        do not load demo data into an empty database
  --roles LIST     which parts this process runs (default both): api (HTTP, web app), worker (jobs)`,
  migrate:
    'Usage: heard migrate\n\nApplies database migrations and creates the baseline configuration (company, team, ladder, templates).',
  demo: 'Usage: heard demo\n\nLoads demo data (company, staff, ~200 cases in EN/RU/PL/RO) into an empty database.',
  'user add': `Usage: heard user add --email E --name N --role R [--password-stdin]

Creates a user. Roles: ${USER_ROLES.join(', ')}. With --password-stdin the password is read from standard input;
without it the user sets a password through "forgot password".`,
  'token create': `Usage: heard token create --role R --name N

Creates an API token and prints only the token on stdout (it is shown once). Roles: admin, supervisor, agent, lawyer, staff.`,
};

function parse(
  args: string[],
  options: Record<string, { type: 'string' | 'boolean' }>,
): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean' } },
      allowPositionals: false,
      strict: true,
    }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Opens the database for a one-off command (no jobs workers), runs it and closes. */
async function withRuntime<T>(
  config: Config,
  work: (runtime: Awaited<ReturnType<typeof openRuntime>>) => Promise<T>,
): Promise<T> {
  const runtime = await openRuntime({ ...config, logLevel: 'warn' }, { jobs: { work: false, relay: true } });
  try {
    return await work(runtime);
  } finally {
    await runtime.ctx.jobs?.relay();
    await runtime.close();
  }
}

export async function run(argv: string[]): Promise<number> {
  const [command = '', ...rest] = argv;
  const twoWord = command === 'user' || command === 'token' ? `${command} ${rest[0] ?? ''}` : command;
  const args = twoWord.includes(' ') ? rest.slice(1) : rest;
  if (command === '' || command === '--help' || command === 'help') {
    console.log(HELP['']);
    return 0;
  }
  if (command === 'check-reply') {
    // The checker works on files and stdin with the shipped packs (or --rules): no database, no configuration.
    const { main: checkReply } = await import('@heard/replycheck/cli');
    return checkReply(
      args,
      (text) => process.stdout.write(`${text}\n`),
      (text) => process.stderr.write(`${text}\n`),
    );
  }
  if (!(twoWord in HELP)) throw new UsageError(`unknown command "${twoWord.trim()}"`);
  const config = loadConfig();
  switch (twoWord) {
    case 'start': {
      const values = parse(args, { 'no-demo': { type: 'boolean' }, roles: { type: 'string' } });
      if (values.help) return help(twoWord);
      const problems: string[] = [];
      const roles = values.roles !== undefined ? parseRoles(String(values.roles), problems) : config.roles;
      if (problems.length > 0) throw new UsageError(problems.join('; '));
      await startServer({ ...config, roles }, { demo: !values['no-demo'] });
      return -1;
    }
    case 'migrate': {
      if (parse(args, {}).help) return help(twoWord);
      await withRuntime(config, async () => {});
      console.log('migrations applied; baseline configuration in place');
      return 0;
    }
    case 'demo': {
      if (parse(args, {}).help) return help(twoWord);
      return withRuntime(config, async ({ ctx }) => {
        if (!(await isEmpty(ctx))) {
          console.error('the database already has users or cases; demo data is only loaded into an empty database');
          return 1;
        }
        await loadDemo(ctx);
        console.log(
          `demo data loaded; logins: ${DEMO_USERS.map((u) => u.email).join(', ')} (password ${DEMO_PASSWORD})`,
        );
        return 0;
      });
    }
    case 'user add': {
      const values = parse(args, {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        'password-stdin': { type: 'boolean' },
      });
      if (values.help) return help(twoWord);
      const role = required(values, 'role');
      if (!(USER_ROLES as readonly string[]).includes(role))
        throw new UsageError(`--role must be one of ${USER_ROLES.join(', ')}`);
      const input = { email: required(values, 'email'), name: required(values, 'name'), role };
      const password = values['password-stdin'] ? await readStdin() : undefined;
      return withRuntime(config, async ({ ctx }) => {
        const user = await addUser(ctx, { ...input, ...(password !== undefined ? { password } : {}) });
        console.log(`user ${user.email} (${user.role}) created with id ${user.id}`);
        return 0;
      });
    }
    case 'token create': {
      const values = parse(args, { role: { type: 'string' }, name: { type: 'string' } });
      if (values.help) return help(twoWord);
      const role = required(values, 'role');
      const name = required(values, 'name');
      if (!['admin', 'supervisor', 'agent', 'lawyer', 'staff'].includes(role)) {
        throw new UsageError('--role must be one of admin, supervisor, agent, lawyer, staff');
      }
      return withRuntime(config, async ({ ctx }) => {
        const { token } = await createApiToken(ctx, { role, name }, null);
        process.stdout.write(`${token}\n`);
        return 0;
      });
    }
  }
  throw new UsageError(`unknown command "${twoWord}"`);
}

function help(command: string): number {
  console.log(HELP[command]);
  return 0;
}

/** Runs the CLI and turns known failures into messages and exit codes. */
export async function main(argv: string[]): Promise<void> {
  try {
    const code = await run(argv);
    if (code >= 0) process.exitCode = code;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`heard: ${error.message}\nRun "heard --help" for usage.`);
      process.exitCode = 2;
    } else if (
      error instanceof ConfigError ||
      error instanceof DataDirLockedError ||
      error instanceof EmbeddedDatabaseError ||
      error instanceof AppError
    ) {
      console.error(`heard: ${error.message}`);
      process.exitCode = 1;
    } else {
      console.error('heard: unexpected error', error);
      process.exitCode = 1;
    }
  }
}
