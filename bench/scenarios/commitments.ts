// commitments at scale: 1M open cases, each with its current commitment (due times spread
// over the next month, an hour of them already overdue), and 300k resolved cases of the
// last 90 days with their first replies and kept/missed commitments as history, generated
// in PostgreSQL with set-based SQL. Measured through the application's own code and SQL:
// one sweep tick's selection (due-soon + missed + follow-up, each with its LIMIT batch, run
// in a transaction that is rolled back so every tick sees the same backlog) and the
// honest-date proposal for random open cases. Reports p50/p95.
import pg from 'pg';
import { honestProposal } from '../../server/src/domains/commitments/commitments.service.ts';
import {
  DUE_SOON_SQL,
  FOLLOW_UP_SQL,
  MISSED_SQL,
  SWEEP_BATCH,
} from '../../server/src/domains/commitments/commitments.sweep.ts';
import { DEFAULT_SWEEP_SETTINGS } from '../../server/src/domains/commitments/sla.service.ts';
import { openPostgres } from '../../server/src/platform/db.ts';
import { dropPostgresDatabase, freshPostgresDatabase, heardCli, percentile, round } from '../lib/server.ts';
import type { BenchScenario } from '../run.ts';

const OPEN_CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const HISTORY_CASES = Math.round(OPEN_CASES * 0.3);
const CUSTOMERS = Math.max(1000, Math.round(OPEN_CASES / 5));
const TICKS = Number(process.env.BENCH_TICKS ?? 200);
const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 400);
const DATABASE = 'heard_bench_commitments';

/** Per-case pseudo-random values from the series number, as in the other scenarios. */
const RANDOM = `CROSS JOIN LATERAL (SELECT hashtext(g || 'p') & 2147483647 AS p, hashtext(g || 'c') & 2147483647 AS c,
  hashtext(g || 'h') & 2147483647 AS h, hashtext(g || 'a') & 2147483647 AS a, hashtext(g || 'r') & 2147483647 AS r) r`;
const PICK = `(ARRAY['low','normal','normal','high','urgent'])[1 + r.p % 5] AS priority,
  (ARRAY['quality','service','delivery','billing','other'])[1 + r.c % 5] AS category,
  (ARRAY['email','web','phone','api'])[1 + r.h % 4] AS channel`;

async function generate(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const timings: Record<string, number> = {};
  const step = async (name: string, sql: string) => {
    const started = Date.now();
    await client.query(sql);
    timings[name] = round((Date.now() - started) / 1000, 1);
  };
  await step(
    'teams-users-customers',
    `INSERT INTO teams (name) SELECT 'Team ' || g FROM generate_series(2, 4) g;
     INSERT INTO users (email, name, role, team_id)
     SELECT 'agent' || g || '@bench.example', 'Agent ' || g, 'agent',
            (SELECT id FROM teams ORDER BY created_at OFFSET (g % 4) LIMIT 1)
     FROM generate_series(1, 40) g;
     INSERT INTO customers (email, name, locale)
     SELECT 'customer' || g || '@example.com', 'Customer ' || g, (ARRAY['en','ru','pl','ro'])[1 + g % 4]
     FROM generate_series(1, ${CUSTOMERS}) g;
     CREATE TEMP TABLE customer_ids AS SELECT row_number() OVER (ORDER BY email) AS n, id, locale FROM customers;
     CREATE TEMP TABLE agent_ids AS SELECT row_number() OVER (ORDER BY email) AS n, id, team_id FROM users WHERE role = 'agent';`,
  );
  // History: resolved cases of the last 90 days, first answered after a few business hours.
  await step(
    'history',
    `CREATE TEMP TABLE history AS
     SELECT g, now() - (g * (90 * 86400.0 / ${HISTORY_CASES}) * interval '1 second') AS opened,
            ((r.r % 1000) + 30) * interval '1 minute' AS took, r.p, r.c, r.h, r.a, ${PICK}
     FROM generate_series(1, ${HISTORY_CASES}) g ${RANDOM};
     INSERT INTO cases (subject, status, priority, category, channel, language, customer_id, owner_id, team_id,
                        created_at, updated_at, resolved_at)
     SELECT 'History case ' || h.g, 'resolved', h.priority, h.category, h.channel, cu.locale, cu.id, a.id, a.team_id,
            h.opened, h.opened + h.took + interval '1 day', h.opened + h.took + interval '1 day'
     FROM history h JOIN customer_ids cu ON cu.n = 1 + h.g % ${CUSTOMERS} JOIN agent_ids a ON a.n = 1 + h.a % 40
     ORDER BY h.opened;
     INSERT INTO messages (case_id, direction, visibility, channel, body_text, language, search, created_at)
     SELECT c.id, d.direction, 'public', c.channel, d.body, c.language, ''::tsvector, d.at
     FROM cases c JOIN history h ON 'History case ' || h.g = c.subject
     CROSS JOIN LATERAL (VALUES ('inbound', 'Hello, my order has not arrived.', c.created_at),
                                ('outbound', 'We are on it.', c.created_at + h.took)) d(direction, body, at)
     ORDER BY d.at;
     INSERT INTO commitments (case_id, kind, due_at, owner_id, team_id, waiting_on, state, created_at, closed_at)
     SELECT c.id, 'first-reply', c.created_at + interval '16 hours', c.owner_id, c.team_id, 'us',
            CASE WHEN h.took <= interval '16 hours' THEN 'kept' ELSE 'missed' END, c.created_at, c.created_at + h.took
     FROM cases c JOIN history h ON 'History case ' || h.g = c.subject;`,
  );
  // Open cases of the last 60 days, seven in ten already answered, each with its current
  // commitment; due times over the next 30 days, the first hour of them overdue.
  await step(
    'open-cases',
    `INSERT INTO cases (subject, status, priority, category, channel, language, customer_id, owner_id, team_id,
                        created_at, updated_at, commitment_due_at)
     SELECT 'Open case ' || g, (ARRAY['new','open','open','waiting-customer','waiting-third-party'])[1 + r.r % 5],
            (ARRAY['low','normal','normal','high','urgent'])[1 + r.p % 5],
            (ARRAY['quality','service','delivery','billing','other'])[1 + r.c % 5],
            (ARRAY['email','web','phone','api'])[1 + r.h % 4],
            cu.locale, cu.id, a.id, a.team_id, now() - g * (60 * 86400.0 / ${OPEN_CASES}) * interval '1 second', now(),
            now() - interval '1 hour' + g * (30 * 86400.0 / ${OPEN_CASES}) * interval '1 second'
     FROM generate_series(1, ${OPEN_CASES}) g ${RANDOM}
     JOIN customer_ids cu ON cu.n = 1 + g % ${CUSTOMERS} JOIN agent_ids a ON a.n = 1 + r.a % 40;
     INSERT INTO commitments (case_id, kind, due_at, owner_id, team_id, waiting_on, created_at)
     SELECT c.id, 'first-reply', c.commitment_due_at, c.owner_id, c.team_id, 'us', c.created_at
     FROM cases c WHERE c.status <> 'resolved' ORDER BY c.commitment_due_at;
     INSERT INTO messages (case_id, direction, visibility, channel, body_text, language, search, created_at)
     SELECT c.id, 'outbound', 'public', c.channel, 'We are on it.', c.language, ''::tsvector,
            c.created_at + ((hashtext(c.id::text) & 2147483647) % 1000 + 30) * interval '1 minute'
     FROM cases c WHERE c.status <> 'resolved' AND (hashtext(c.id::text || 'answered') & 2147483647) % 10 < 7
     ORDER BY c.created_at;
     SELECT setval('case_number_seq', (SELECT max(number) FROM cases));`,
  );
  const started = Date.now();
  await client.query('VACUUM ANALYZE');
  timings.analyze = round((Date.now() - started) / 1000, 1);
  await client.end();
  return timings;
}

function summary(latencies: number[]) {
  latencies.sort((a, b) => a - b);
  return { runs: latencies.length, p50Ms: round(percentile(latencies, 50)), p95Ms: round(percentile(latencies, 95)) };
}

/** One sweep tick's three selections (each marks at most SWEEP_BATCH rows), rolled back. */
async function measureTicks(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const latencies: number[] = [];
  const selected: number[] = [];
  for (let i = 0; i < TICKS; i++) {
    await client.query('BEGIN');
    const started = performance.now();
    const soon = await client.query(DUE_SOON_SQL, [DEFAULT_SWEEP_SETTINGS.dueSoonMinutes, SWEEP_BATCH]);
    const missed = await client.query(MISSED_SQL, [SWEEP_BATCH]);
    const followUp = await client.query(FOLLOW_UP_SQL, [DEFAULT_SWEEP_SETTINGS.reasonGraceMinutes, SWEEP_BATCH]);
    latencies.push(performance.now() - started);
    selected.push((soon.rowCount ?? 0) + (missed.rowCount ?? 0) + (followUp.rowCount ?? 0));
    await client.query('ROLLBACK');
  }
  const plan = await client.query(`EXPLAIN ${MISSED_SQL.replace('$1', String(SWEEP_BATCH))}`);
  await client.end();
  return {
    ...summary(latencies),
    rowsPerTick: Math.max(...selected),
    missedPlan: plan.rows.map((row) => row['QUERY PLAN'] as string).filter((line) => /Index|Scan/.test(line)),
  };
}

async function measureProposals(url: string) {
  const database = openPostgres(url, 2);
  const { rows } = await database.executeSql(
    `SELECT id, category, channel, priority, team_id FROM cases TABLESAMPLE SYSTEM (1)
     WHERE status NOT IN ('resolved', 'closed') LIMIT ${PROPOSALS}`,
    [],
  );
  const latencies: number[] = [];
  const kinds = new Set<string>();
  for (const row of rows as { id: string; category: string; channel: string; priority: string; team_id: string }[]) {
    const started = performance.now();
    const { proposal } = await honestProposal(database, row, 'first-reply', new Date());
    latencies.push(performance.now() - started);
    kinds.add(`${proposal.basis.kind}:${proposal.basis.samples}`);
  }
  await database.close();
  return { ...summary(latencies), bases: [...kinds].slice(0, 5) };
}

const scenario: BenchScenario = {
  description: `commitments sweep tick and honest-date proposal with ${OPEN_CASES.toLocaleString('en')} open cases and ${HISTORY_CASES.toLocaleString('en')} resolved ones in PostgreSQL`,
  async run() {
    const url = await freshPostgresDatabase(DATABASE);
    heardCli(['migrate'], { DATABASE_URL: url });
    const generation = await generate(url);
    const sweepTick = await measureTicks(url);
    const proposal = await measureProposals(url);
    if (!process.env.BENCH_KEEP_DATABASE) await dropPostgresDatabase(DATABASE);
    return {
      openCases: OPEN_CASES,
      historyCases: HISTORY_CASES,
      generationSeconds: generation,
      sweepTick,
      proposal,
      targets: { sweepTickP95Ms: 100, proposalP95Ms: 20 },
    };
  },
};
export default scenario;
