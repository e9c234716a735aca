// The crash test: `heard start` as a real process on an embedded database, 2,000 messages
// sent by several concurrent SMTP clients while the server is SIGKILLed at random moments and
// restarted. A client retries until it gets a 250, as mail servers do. Afterwards every
// message that got a 250 is on a case exactly once.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openPglite } from '../../src/platform/db.ts';
import { smtpClient } from '../helpers/smtp-client.ts';

const bin = join(dirname(fileURLToPath(import.meta.url)), '../../bin/heard.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'heard-smtp-crash-'));
const env = {
  ...process.env,
  HEARD_DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  DATABASE_URL: '',
  PORT: '0',
  HEARD_SMTP_PORT: '0',
};

const MESSAGES = Number(process.env.CRASH_MESSAGES ?? 2000);
const CLIENTS = 6;
const KILLS = 5;

interface Server {
  child: ChildProcess;
  smtpPort: number;
  httpPort: number;
}

async function start(): Promise<Server> {
  const child = spawn(process.execPath, [bin, 'start', '--no-demo'], { env });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 90_000;
  for (;;) {
    const smtp = /Inbound SMTP:\s+localhost:(\d+)/.exec(output);
    const http = /http:\/\/localhost:(\d+)\//.exec(output);
    if (smtp && http) return { child, smtpPort: Number(smtp[1]), httpPort: Number(http[1]) };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const stopped = (child: ChildProcess) =>
  child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));

describe('SMTP crash test', () => {
  let server: Server | undefined;
  after(() => server?.child.kill('SIGKILL'));

  it(`${MESSAGES} messages, ${KILLS} SIGKILLs: every message that got a 250 exists exactly once`, async () => {
    server = await start();
    const acked = new Set<number>();
    let next = 0;
    let sending = true;

    const sendOne = async (n: number): Promise<void> => {
      for (;;) {
        const port = server!.smtpPort;
        const transport = smtpClient(port, {
          connectionTimeout: 3_000,
          greetingTimeout: 3_000,
          socketTimeout: 10_000,
        });
        try {
          const info = await transport.sendMail({
            from: `sender-${n % 50}@example.com`,
            to: 'support@heard.test',
            subject: `crash ${n}`,
            text: `Message number ${n} of the crash test.`,
            messageId: `<crash-${n}@test.heard>`,
          });
          if (info.response.startsWith('250')) {
            acked.add(n);
            return;
          }
        } catch {
          // The server is down or restarting: try again, as a sending mail server would.
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const client = async () => {
      while (next < MESSAGES) await sendOne(next++);
    };
    const killer = async () => {
      for (let kill = 0; kill < KILLS && sending; kill++) {
        await new Promise((resolve) => setTimeout(resolve, 1_000 + Math.random() * 3_000));
        if (!sending) return;
        server!.child.kill('SIGKILL');
        await stopped(server!.child);
        server = await start();
      }
    };
    const killing = killer();
    await Promise.all(Array.from({ length: CLIENTS }, client));
    sending = false;
    await killing;
    assert.equal(acked.size, MESSAGES);

    // Let the last server ingest everything, then stop it cleanly and look at the database.
    const deadline = Date.now() + 150_000;
    const database = async <T>(work: (db: Awaited<ReturnType<typeof openPglite>>) => Promise<T>) => {
      const db = await openPglite({ dataDir: join(dataDir, 'pgdata') });
      try {
        return await work(db);
      } finally {
        await db.close();
      }
    };
    for (;;) {
      const http = await fetch(`http://localhost:${server.httpPort}/readyz`);
      assert.equal(http.status, 200);
      server.child.kill('SIGTERM');
      await stopped(server.child);
      const waiting = await database(
        async (db) =>
          (await db.executeSql(`SELECT count(*)::int AS n FROM inbound_mail WHERE state = 'received'`, [])).rows[0]!
            .n as number,
      );
      if (waiting === 0) break;
      assert.ok(Date.now() < deadline, `${waiting} messages still waiting for ingestion`);
      server = await start();
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
    server = undefined;

    await database(async (db) => {
      const stored = await db.executeSql(
        `SELECT em.header_message_id AS id, count(*)::int AS n, count(DISTINCT c.id)::int AS cases
         FROM email_messages em JOIN messages m ON m.id = em.message_id JOIN cases c ON c.id = m.case_id
         WHERE em.header_message_id LIKE '<crash-%' GROUP BY 1`,
        [],
      );
      const counts = new Map(stored.rows.map((row) => [row.id as string, row.n as number]));
      const missing = [...acked].filter((n) => !counts.has(`<crash-${n}@test.heard>`));
      assert.deepEqual(missing, [], 'every acknowledged message is stored');
      const doubled = [...counts].filter(([, n]) => n !== 1);
      assert.deepEqual(doubled, [], 'and stored once');
      const subjects = await db.executeSql(
        `SELECT count(*)::int AS n, count(DISTINCT subject)::int AS distinct_subjects FROM cases WHERE subject LIKE 'crash %'`,
        [],
      );
      assert.deepEqual(subjects.rows[0], { n: MESSAGES, distinct_subjects: MESSAGES }, 'one case per message');
      const states = await db.executeSql(
        `SELECT state, count(*)::int AS n FROM inbound_mail GROUP BY state ORDER BY state`,
        [],
      );
      const byState = Object.fromEntries(states.rows.map((row) => [row.state, row.n]));
      assert.equal(byState.ingested, MESSAGES);
      assert.equal(byState.quarantined, undefined);
      console.log(
        `crash test: ${MESSAGES} acknowledged, ${KILLS} kills, inbound rows by state ${JSON.stringify(byState)}`,
      );
    });
  });
});
