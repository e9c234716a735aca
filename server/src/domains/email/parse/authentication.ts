// SPF/DKIM/DMARC results for a message, without ever blocking parsing on the network:
//  1. an Authentication-Results header stamped by a trusted receiving MTA (its authserv-id in
//     `trustedAuthServIds`) is taken as is — the usual case behind the company's mail server;
//  2. else, when the SMTP envelope is known (mail received by our own listener), mailauth
//     verifies SPF, DKIM and DMARC with a resolver that gives up after `dnsTimeoutMs` per query,
//     the whole check bounded by a deadline (past it every result is `temperror`);
//  3. else (IMAP, no trusted list), the topmost Authentication-Results header, which the
//     mailbox provider adds on delivery;
//  4. else `none`.
import { Resolver } from 'node:dns/promises';
import { authenticate } from 'mailauth';
import type { AuthenticationResults } from './parsed.ts';

export interface AuthenticationOptions {
  /** The SMTP session that delivered the message to our own listener. */
  envelope?: { remoteAddress: string; helo?: string; mailFrom?: string };
  /** authserv-ids (e.g. "mx.example.com") of receiving MTAs whose Authentication-Results are trusted. */
  trustedAuthServIds?: string[];
  /** Per DNS query; default 1500 ms. The whole verification gets three times that. */
  dnsTimeoutMs?: number;
  /** DNS servers ("ip" or "ip:port") for the verification; default: the system's. */
  dnsServers?: string[];
}

const NONE: AuthenticationResults = { spf: 'none', dkim: 'none', dmarc: 'none', source: 'none' };

/** Results of one Authentication-Results header value, or null when it names none of spf/dkim/dmarc. */
export function parseAuthenticationResults(
  value: string,
): { authServId: string; results: AuthenticationResults } | null {
  const withoutComments = value.replace(/\([^()]*\)/g, ' ');
  const [authServ, ...clauses] = withoutComments.split(';');
  const authServId = (authServ ?? '').trim().split(/\s+/)[0]!.toLowerCase();
  const found: Record<'spf' | 'dkim' | 'dmarc', string[]> = { spf: [], dkim: [], dmarc: [] };
  for (const clause of clauses) {
    const match = /^\s*(spf|dkim|dmarc)\s*=\s*([a-z]+)/i.exec(clause);
    if (match) found[match[1]!.toLowerCase() as 'spf' | 'dkim' | 'dmarc'].push(match[2]!.toLowerCase());
  }
  if (!found.spf.length && !found.dkim.length && !found.dmarc.length) return null;
  // Several DKIM signatures: one that passes is what DMARC and people care about.
  const pick = (values: string[]) => (values.includes('pass') ? 'pass' : (values[0] ?? 'none'));
  return {
    authServId,
    results: { spf: pick(found.spf), dkim: pick(found.dkim), dmarc: pick(found.dmarc), source: 'header' },
  };
}

function failFastResolver(timeoutMs: number, servers: string[] | undefined) {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  if (servers?.length) resolver.setServers(servers);
  return (name: string, rrtype: string) =>
    resolver.resolve(name, rrtype as 'TXT') as unknown as Promise<string[][] | string[]>;
}

async function verify(
  raw: Buffer,
  envelope: NonNullable<AuthenticationOptions['envelope']>,
  options: AuthenticationOptions,
): Promise<AuthenticationResults> {
  const dnsTimeoutMs = options.dnsTimeoutMs ?? 1500;
  const deadline = new Promise<AuthenticationResults>((resolve) => {
    const timer = setTimeout(
      () => resolve({ spf: 'temperror', dkim: 'temperror', dmarc: 'temperror', source: 'verified' }),
      dnsTimeoutMs * 3,
    );
    timer.unref();
  });
  const check = authenticate(raw, {
    ip: envelope.remoteAddress,
    helo: envelope.helo,
    sender: envelope.mailFrom,
    resolver: failFastResolver(dnsTimeoutMs, options.dnsServers),
    disableArc: true,
    disableBimi: true,
  }).then(
    (result): AuthenticationResults => {
      const dkim = result.dkim?.results?.map((row) => row.status?.result ?? 'none') ?? [];
      return {
        spf: result.spf ? (result.spf.status?.result ?? 'none') : 'none',
        dkim: dkim.includes('pass') ? 'pass' : (dkim[0] ?? 'none'),
        dmarc: result.dmarc ? (result.dmarc.status?.result ?? 'none') : 'none',
        source: 'verified',
      };
    },
    (): AuthenticationResults => ({ spf: 'temperror', dkim: 'temperror', dmarc: 'temperror', source: 'verified' }),
  );
  return Promise.race([check, deadline]);
}

/** `headerValues` are the Authentication-Results values, topmost (most recent) first. */
export async function authenticationResults(
  raw: Buffer,
  headerValues: string[],
  options: AuthenticationOptions,
): Promise<AuthenticationResults> {
  const parsed = headerValues.map(parseAuthenticationResults).filter((entry) => entry !== null);
  const trusted = (options.trustedAuthServIds ?? []).map((id) => id.toLowerCase());
  if (trusted.length > 0) {
    const stamped = parsed.find((entry) => trusted.includes(entry.authServId));
    if (stamped) return stamped.results;
  }
  if (options.envelope) return verify(raw, options.envelope, options);
  const topmost = headerValues[0] === undefined ? null : parseAuthenticationResults(headerValues[0]);
  if (trusted.length === 0 && topmost) return topmost.results;
  return NONE;
}
