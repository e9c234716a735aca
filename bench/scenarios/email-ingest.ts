// email-ingest: the real email corpus (../shared/corpora/email) sent over SMTP to a running
// Heard, repeated to BENCH_EMAIL_COUNT messages (default 10,000), each copy with a fresh
// Message-ID so dedupe does not skip it, by 8 concurrent SMTP clients (bench/lib/smtp-load.ts); on PostgreSQL
// and PGlite. Reports the accept rate (250s per second), the ingest rate (messages parsed and
// stored per second, from the first send until nothing waits) and the time until the last
// message is found by search.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  dropPostgresDatabase,
  freshPostgresDatabase,
  heardCli,
  round,
  startServer,
  tempDataDir,
} from '../lib/server.ts';
import { dataPayload, SmtpLoadClient } from '../lib/smtp-load.ts';
import type { BenchScenario } from '../run.ts';

const CORPUS = process.env.BENCH_EMAIL_CORPUS ?? '/work/shared/corpora/email';
const COUNT = Number(process.env.BENCH_EMAIL_COUNT ?? 10_000);
const CLIENTS = 8;
/** The queues whose jobs end when every new case is acknowledged: ingestion and the acknowledgement job. */
const ACKNOWLEDGING = ['email.ingest', 'case.acknowledge'];
/** Which databases to run on (comma-separated): postgres, pglite. */
const DATABASES = (process.env.BENCH_EMAIL_DATABASES ?? 'postgres,pglite').split(',');

function corpusFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return corpusFiles(path);
    return /\.(md|tsv)$/.test(name) ? [] : [path];
  });
}

/**
 * The message without its Message-ID header, ready for DATA: each copy is sent with a fresh
 * Message-ID line in front (prepared once, so the bench spends its CPU sending, not rewriting).
 */
function withoutMessageId(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const head = end === -1 ? text : text.slice(0, end);
  const body = end === -1 ? '' : text.slice(end);
  const cleaned = head.replace(/^message-id:[^\n]*(?:\n[ \t][^\n]*)*\n?/gim, '');
  return dataPayload(Buffer.from(`${cleaned}${body}`, 'latin1'));
}

const withFreshId = (prepared: Buffer, id: string): Buffer =>
  Buffer.concat([Buffer.from(`Message-ID: <${id}@bench.heard>\r\n`, 'latin1'), prepared]);

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

async function ingest(env: Record<string, string>, corpus: Buffer[]) {
  const token = heardCli(['token', 'create', '--role', 'admin', '--name', 'bench'], env);
  const smtpPort = await freePort();
  const server = await startServer({ ...env, HEARD_SMTP_PORT: String(smtpPort), LOG_LEVEL: 'warn' });
  const headers = { authorization: `Bearer ${token}` };
  const api = async (path: string) =>
    (await (await fetch(`${server.url}${path}`, { headers })).json()) as {
      items: unknown[];
      nextCursor: string | null;
    };
  /** Queues with jobs pending, from the server's metrics. */
  const pendingQueues = async () =>
    [
      ...(await (await fetch(`${server.url}/metrics`)).text()).matchAll(
        /^heard_jobs_pending\{queue="([^"]+)"\} [1-9]/gm,
      ),
    ].map((match) => match[1]!);
  const marker = `benchlast${randomUUID().replaceAll('-', '')}`;
  const last = dataPayload(
    Buffer.from(
      `From: last@bench.example\r\nTo: support@heard.test\r\nSubject: The last one\r\nMessage-ID: <${marker}@bench.heard>\r\n\r\nThe very last message ${marker}.\r\n`,
    ),
  );
  const clients = await Promise.all(Array.from({ length: CLIENTS }, () => SmtpLoadClient.open(smtpPort)));
  const [from, to] = ['bench@example.com', ['support@heard.test']];
  let next = 0;
  let refused = 0;
  const started = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      for (let n = next++; n < COUNT - 1; n = next++) {
        const raw = withFreshId(corpus[n % corpus.length]!, `bench-${n}-${randomUUID()}`);
        if ((await client.send(from, to, raw)).code !== 250) refused++;
      }
    }),
  );
  if ((await clients[0]!.send(from, to, last)).code !== 250) throw new Error('the last message was refused');
  const acceptedAt = performance.now();
  await Promise.all(clients.map((client) => client.close()));
  let searchableAt = 0;
  let drainedAt = 0;
  let acknowledgedAt = 0;
  while (!searchableAt || !drainedAt || !acknowledgedAt) {
    if (!searchableAt && (await api(`/api/v1/cases?view=all&q=${marker}`)).items.length > 0) {
      searchableAt = performance.now();
    }
    if (!drainedAt && (await api('/api/v1/admin/quarantine?state=received&limit=1')).items.length === 0) {
      drainedAt = performance.now();
    }
    // Every new case acknowledged too (written by ingestion, or by a job of its own).
    if (drainedAt && !acknowledgedAt && !(await pendingQueues()).some((queue) => ACKNOWLEDGING.includes(queue))) {
      acknowledgedAt = performance.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const states: Record<string, number> = {};
  for (const state of ['ingested', 'quarantined', 'ignored', 'duplicate']) {
    let cursor: string | null = null;
    let count = 0;
    do {
      const page = await api(`/api/v1/admin/quarantine?state=${state}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      count += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    states[state] = count;
  }
  const memory = server.memory();
  await server.stop();
  const seconds = (at: number) => (at - started) / 1000;
  return {
    messages: COUNT,
    refused,
    acceptPerSecond: Math.round(COUNT / seconds(acceptedAt)),
    ingestPerSecond: Math.round(COUNT / seconds(drainedAt)),
    secondsToAllAccepted: round(seconds(acceptedAt)),
    secondsToAllIngested: round(seconds(drainedAt)),
    secondsUntilLastSearchable: round(seconds(searchableAt)),
    secondsToAllAcknowledged: round(seconds(acknowledgedAt)),
    states,
    serverPeakRssMb: memory.peakRssMb,
  };
}

const scenario: BenchScenario = {
  description: `SMTP ingest of the email corpus repeated to ${COUNT} messages (fresh Message-IDs), ${CLIENTS} clients: PostgreSQL and PGlite`,
  async run() {
    const corpus = corpusFiles(CORPUS).map((path) => withoutMessageId(readFileSync(path)));
    if (corpus.length === 0) throw new Error(`no messages in ${CORPUS}`);
    let postgres: Awaited<ReturnType<typeof ingest>> | undefined;
    if (DATABASES.includes('postgres')) {
      const postgresUrl = await freshPostgresDatabase('heard_bench_email_ingest');
      postgres = await ingest({ DATABASE_URL: postgresUrl, HEARD_DATA_DIR: tempDataDir() }, corpus);
      await dropPostgresDatabase('heard_bench_email_ingest');
    }
    const pglite = DATABASES.includes('pglite')
      ? await ingest({ DATABASE_URL: '', HEARD_DATA_DIR: tempDataDir() }, corpus)
      : undefined;
    return { corpusFiles: corpus.length, postgres, pglite, targets: { postgresIngestPerSecond: 300 } };
  },
};
export default scenario;
