// Typed configuration from the environment (and an optional .env in the working folder),
// validated at boot: a bad value stops the process with a message naming the variable.
import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';

// api: the HTTP app; worker: job handlers and sweeps; smtp: the inbound SMTP listener.
export const ROLES = ['api', 'worker', 'smtp'] as const;
export type ProcessRole = (typeof ROLES)[number];

export interface Config {
  /** PostgreSQL connection string; absent → embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  publicUrl: string;
  /** Secret for signed links and tokens; absent → generated once and kept in the data folder. */
  secret: string | undefined;
  smtpPort: number;
  /** Addresses (IPs or CIDR ranges) allowed to hand mail to the SMTP listener; empty → anyone. */
  smtpAllow: string[];
  /** Largest inbound message in bytes; bigger ones get 552. */
  smtpMaxBytes: number;
  /** Loop protection: more than `limit` messages from one sender to one case within `windowMinutes`. */
  emailLoop: { limit: number; windowMinutes: number };
  /** Days a processed message's spool file is kept (quarantined mail keeps it until reprocessed). */
  spoolRetentionDays: number;
  /**
   * Outbound relay (HEARD_SMTP_OUT_URL, or the deprecated HEARD_MAIL_URL): smtp://user:pass@host:port;
   * absent → messages are written as .eml files under <data>/mail-out.
   */
  mailUrl: string | undefined;
  /** The desk's address, "Name <address>": the sender of every email. */
  mailFrom: string;
  /** DKIM signing of outbound mail, when a key is configured. */
  dkim: DkimConfig | undefined;
  /** Retries of an outbound email the relay did not accept: pg-boss exponential backoff from `delaySeconds`. */
  mailRetry: { limit: number; delaySeconds: number };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  loginRateLimitPerMinute: number;
  sessionTtlHours: number;
  roles: ProcessRole[];
  /** Email of the admin created on the first start of an empty desk without demo data. */
  adminEmail: string;
}

export interface DkimConfig {
  domain: string;
  selector: string;
  /** PEM private key read from HEARD_DKIM_KEY_FILE at boot. */
  privateKey: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

type Env = Record<string, string | undefined>;

/** Reads KEY=VALUE lines of a .env file; the real environment wins over it. */
export function loadDotEnv(path: string): Env {
  if (!existsSync(path)) return {};
  const entries: Env = {};
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) entries[match[1]!] = match[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return entries;
}

export function loadConfig(env: Env = { ...loadDotEnv(resolve('.env')), ...process.env }): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) problems.push(`${name} must start with ${protocols.join(' or ')}`);
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
    return raw;
  };

  const port = int('PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!logLevels.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${logLevels.join(', ')}`);
  const secret = env.HEARD_SECRET || undefined;
  if (secret !== undefined && secret.length < 32) problems.push('HEARD_SECRET must be at least 32 characters');
  const roles = parseRoles(env.HEARD_ROLES ?? ROLES.join(','), problems);

  const config: Config = {
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: resolve(env.HEARD_DATA_DIR || './data'),
    host,
    port,
    publicUrl: (url('HEARD_PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/$/, ''),
    secret,
    smtpPort: int('HEARD_SMTP_PORT', 2525, 0, 65535),
    smtpAllow: parseAllowList(env.HEARD_SMTP_ALLOW ?? '', problems),
    smtpMaxBytes: int('HEARD_SMTP_MAX_BYTES', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    emailLoop: {
      limit: int('HEARD_EMAIL_LOOP_LIMIT', 5, 1, 10_000),
      windowMinutes: int('HEARD_EMAIL_LOOP_WINDOW_MINUTES', 10, 1, 24 * 60),
    },
    spoolRetentionDays: int('HEARD_SPOOL_RETENTION_DAYS', 7, 1, 36_500),
    mailUrl: url(env.HEARD_SMTP_OUT_URL ? 'HEARD_SMTP_OUT_URL' : 'HEARD_MAIL_URL', ['smtp:', 'smtps:']),
    mailFrom: env.HEARD_MAIL_FROM || 'Heard <support@localhost>',
    dkim: parseDkim(env, problems),
    mailRetry: {
      limit: int('HEARD_SMTP_RETRY_LIMIT', 10, 0, 100),
      delaySeconds: int('HEARD_SMTP_RETRY_DELAY', 30, 1, 24 * 3600),
    },
    logLevel,
    bodyLimitBytes: int('HEARD_BODY_LIMIT', 1024 * 1024, 1024, 100 * 1024 * 1024),
    uploadLimitBytes: int('HEARD_UPLOAD_LIMIT', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    loginRateLimitPerMinute: int('HEARD_LOGIN_RATE_LIMIT', 10, 1, 10000),
    sessionTtlHours: int('HEARD_SESSION_TTL_HOURS', 12, 1, 24 * 90),
    roles,
    adminEmail: env.HEARD_ADMIN_EMAIL || 'admin@heard.local',
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** DKIM needs the domain, the selector and a readable private key, or none of them. */
function parseDkim(env: Env, problems: string[]): DkimConfig | undefined {
  const names = ['HEARD_DKIM_DOMAIN', 'HEARD_DKIM_SELECTOR', 'HEARD_DKIM_KEY_FILE'] as const;
  const [domain, selector, keyFile] = names.map((name) => env[name] || undefined);
  if (!domain && !selector && !keyFile) return undefined;
  if (!domain || !selector || !keyFile) {
    problems.push(`DKIM needs all of ${names.join(', ')} (or none)`);
    return undefined;
  }
  try {
    const privateKey = readFileSync(resolve(keyFile), 'utf8');
    createPrivateKey(privateKey);
    return { domain, selector, privateKey };
  } catch (error) {
    problems.push(`HEARD_DKIM_KEY_FILE is not a readable PEM private key (${(error as Error).message})`);
    return undefined;
  }
}

/** HEARD_SMTP_ALLOW: comma-separated IPv4/IPv6 addresses or CIDR ranges. */
export function parseAllowList(raw: string, problems: string[]): string[] {
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 6 ? 128 : 32;
    const validBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || !validBits || extra !== undefined) {
      problems.push(`HEARD_SMTP_ALLOW: "${entry}" is not an IP address or CIDR range`);
    }
  }
  return entries;
}

export function parseRoles(raw: string, problems: string[]): ProcessRole[] {
  const roles = raw
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length > 0) problems.push(`unknown role(s) ${unknown.join(', ')}; known: ${ROLES.join(', ')}`);
  if (roles.length === 0) problems.push('at least one role is needed');
  return roles.filter((role): role is ProcessRole => (ROLES as readonly string[]).includes(role));
}
