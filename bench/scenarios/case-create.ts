// case-create: POST /api/v1/cases with a bearer token, request logging on, at concurrency
// 32 for 20 s, against PostgreSQL and PGlite, and a baseline running the same SQL directly
// through `pg` at the same concurrency (the limit of the database itself): the API's own
// create, whose concurrent calls share a statement, without HTTP, auth or validation.

import { createCaseRecord } from '../../server/src/domains/cases/cases.service.ts';
import { firstReplyCommitment } from '../../server/src/domains/commitments/first-reply.ts';
import { openPostgres } from '../../server/src/platform/db.ts';
import {
  dropPostgresDatabase,
  freshPostgresDatabase,
  heardCli,
  load,
  percentile,
  round,
  startServer,
  tempDataDir,
} from '../lib/server.ts';
import type { BenchScenario } from '../run.ts';

const CONNECTIONS = 32;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
const CUSTOMERS = 5000;

const body = (n: number) =>
  JSON.stringify({
    subject: `Order NW-${100000 + n} has not arrived`,
    customer: { email: `bench-customer-${n % CUSTOMERS}@example.com`, name: `Customer ${n % CUSTOMERS}` },
    message: {
      body: 'Hello, my order has not arrived yet and the tracking has not moved for four days. When will it be delivered?',
    },
    category: 'delivery',
  });

async function httpLoad(env: Record<string, string>) {
  const token = heardCli(['token', 'create', '--role', 'agent', '--name', 'bench'], env);
  const server = await startServer(env);
  let n = 0;
  const request = {
    method: 'POST' as const,
    path: '/api/v1/cases',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    setupRequest: (req: object) => ({ ...req, body: body(n++) }),
  };
  await load({ url: server.url, connections: CONNECTIONS, duration: 3, requests: [request] });
  const result = await load({ url: server.url, connections: CONNECTIONS, duration: DURATION_S, requests: [request] });
  const memory = server.memory();
  await server.stop();
  return { ...result, serverPeakRssMb: memory.peakRssMb };
}

async function baseline(url: string) {
  const database = openPostgres(url, CONNECTIONS);
  const latencies: number[] = [];
  let n = 0;
  const { rows } = await database.executeSql('SELECT id FROM teams LIMIT 1', []);
  const teamId = rows[0]!.id as string;
  const deadline = Date.now() + DURATION_S * 1000;
  const worker = async () => {
    while (Date.now() < deadline) {
      const i = n++;
      const started = performance.now();
      await createCaseRecord(database, {
        customer: {
          email: `baseline-${i % CUSTOMERS}@example.com`,
          name: `Customer ${i}`,
          locale: null,
          phone: null,
        },
        subject: `Order NW-${i}`,
        priority: 'normal',
        category: 'delivery',
        channel: 'api',
        tags: [],
        messageLanguage: 'en',
        searchConfig: 'english',
        searchText: 'Hello, my order has not arrived yet and the tracking has not moved for four days.',
        body: 'Hello, my order has not arrived yet and the tracking has not moved for four days.',
        ownerId: null,
        teamId,
        actor: { type: 'token', userId: null, name: 'bench' },
        authorUserId: null,
        firstCommitment: firstReplyCommitment(),
      });
      latencies.push(performance.now() - started);
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const seconds = (Date.now() - started) / 1000;
  await database.close();
  latencies.sort((a, b) => a - b);
  return {
    transactionsPerSecond: Math.round(latencies.length / seconds),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
  };
}

const scenario: BenchScenario = {
  description: `POST /api/v1/cases, bearer token, logging on, c=${CONNECTIONS} for ${DURATION_S}s: PostgreSQL, PGlite, and the same SQL straight through pg`,
  async run() {
    const postgresUrl = await freshPostgresDatabase('heard_bench_case_create');
    const postgres = await httpLoad({ DATABASE_URL: postgresUrl });
    const base = await baseline(postgresUrl);
    await dropPostgresDatabase('heard_bench_case_create');
    const pglite = await httpLoad({ DATABASE_URL: '', HEARD_DATA_DIR: tempDataDir() });
    return {
      postgres: { ...postgres, ratioToBaseline: round(postgres.requestsPerSecond / base.transactionsPerSecond) },
      baselinePg: base,
      pglite,
      targets: {
        postgresRps: 1500,
        postgresP99Ms: 50,
        ratioToBaseline: 0.5,
        pgliteRps: 600,
        pgliteLoadRssMb: 500,
        postgresApiRssMb: 250,
      },
    };
  },
};
export default scenario;
