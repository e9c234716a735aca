// inbox and search at scale: 1M cases / 3M messages generated in PostgreSQL with set-based
// SQL, then over HTTP as a signed-in agent: the team inbox (open cases, newest activity
// first) and a fixed mix of searches (common and rare words, customer names, case and
// order numbers, in each language). Reports p50/p95 and the server's peak memory.
import pg from 'pg';
import {
  dropPostgresDatabase,
  freshPostgresDatabase,
  heardCli,
  percentile,
  round,
  startServer,
} from '../lib/server.ts';
import type { BenchScenario } from '../run.ts';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const MESSAGES_PER_CASE = 3;
const CUSTOMERS = Math.max(1000, Math.round(CASES / 5));
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const AGENT = { email: 'bench.agent@example.com', password: 'bench-password-1' };

// Word pools per language; the message text is a random sentence from them.
const WORDS: Record<string, { config: string; words: string[] }> = {
  en: {
    config: 'english',
    words:
      'order delivery parcel refund invoice courier warehouse damaged broken missing late payment replacement colour chair lamp table shelf return exchange tracking address week today tomorrow please thank help urgent box screws glass'.split(
        ' ',
      ),
  },
  ru: {
    config: 'russian',
    words:
      'заказ доставка посылка возврат счёт курьер склад повреждён сломан пропал опоздание оплата замена цвет стул лампа стол полка обмен адрес неделя сегодня завтра пожалуйста спасибо помощь срочно коробка стекло'.split(
        ' ',
      ),
  },
  pl: {
    config: 'simple',
    words:
      'zamówienie dostawa paczka zwrot faktura kurier magazyn uszkodzony zepsuty brak opóźnienie płatność wymiana kolor krzesło lampa stół półka adres tydzień dzisiaj jutro proszę dziękuję pomoc pilne pudełko szkło'.split(
        ' ',
      ),
  },
  ro: {
    config: 'romanian',
    words:
      'comanda livrare colet rambursare factură curier depozit deteriorat stricat lipsă întârziere plată înlocuire culoare scaun lampă masă raft schimb adresă săptămână azi mâine vă rog mulțumesc ajutor urgent cutie sticlă'.split(
        ' ',
      ),
  },
};
const NAMES = [
  'Emily Carter',
  'Ирина Смирнова',
  'Katarzyna Wiśniewska',
  'Andreea Popescu',
  'James Miller',
  'Алексей Кузнецов',
  'Tomasz Kowalczyk',
  'Mihai Ionescu',
];

async function generate(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const timings: Record<string, number> = {};
  const step = async (name: string, sql: string, values: unknown[] = []) => {
    const started = Date.now();
    await client.query(sql, values);
    timings[name] = round((Date.now() - started) / 1000, 1);
  };
  await step(
    'teams-users',
    `
    INSERT INTO teams (name) SELECT 'Team ' || g FROM generate_series(2, 4) g;
    INSERT INTO users (email, name, role, team_id)
    SELECT 'agent' || g || '@bench.example', 'Agent ' || g, 'agent', (SELECT id FROM teams ORDER BY created_at OFFSET (g % 4) LIMIT 1)
    FROM generate_series(1, 40) g;`,
  );
  // Large bulk loads run faster without the search indexes; they are rebuilt afterwards.
  const { rows: indexes } = await client.query(
    `SELECT indexdef FROM pg_indexes WHERE indexname IN ('messages_search_idx', 'cases_subject_trgm_idx', 'customers_name_trgm_idx', 'messages_created_idx', 'messages_case_idx')`,
  );
  await client.query(
    'DROP INDEX messages_search_idx, cases_subject_trgm_idx, customers_name_trgm_idx, messages_created_idx, messages_case_idx',
  );
  await step(
    'customers',
    `
    INSERT INTO customers (email, name, locale)
    SELECT 'customer' || g || '@example.com', ($2::text[])[1 + g % array_length($2::text[], 1)] || ' ' || g,
           (ARRAY['en','ru','pl','ro'])[1 + g % 4]
    FROM generate_series(1, $1::int) g`,
    [CUSTOMERS, NAMES],
  );
  await step(
    'cases',
    `
    CREATE TEMP TABLE customer_ids AS SELECT row_number() OVER (ORDER BY email) AS n, id, locale FROM customers;
    CREATE TEMP TABLE team_ids AS SELECT row_number() OVER (ORDER BY created_at) AS n, id FROM teams;
    CREATE TEMP TABLE agent_ids AS SELECT row_number() OVER (ORDER BY email) AS n, id, team_id FROM users WHERE role = 'agent';
    INSERT INTO cases (subject, status, priority, category, channel, language, customer_id, owner_id, team_id, created_at, updated_at)
    SELECT 'Order NW-' || (100000 + g) || ' ' || (ARRAY['has not arrived','is damaged','was charged twice','wrong item'])[1 + g % 4],
           CASE WHEN r.s % 10 < 2 THEN (ARRAY['new','open','waiting-customer','waiting-third-party'])[1 + r.s2 % 4]
                ELSE (ARRAY['resolved','closed'])[1 + g % 2] END,
           (ARRAY['low','normal','normal','high','urgent'])[1 + r.p % 5],
           (ARRAY['quality','service','delivery','billing','other'])[1 + r.c % 5],
           (ARRAY['email','web','phone','api'])[1 + g % 4],
           cu.locale, cu.id, a.id, a.team_id,
           now() - (g * interval '30 seconds'), now() - (g * interval '30 seconds') + interval '1 hour'
    FROM generate_series(1, ${CASES}) g
    CROSS JOIN LATERAL (SELECT hashtext(g || 's') & 2147483647 AS s, hashtext(g || 't') & 2147483647 AS s2,
      hashtext(g || 'p') & 2147483647 AS p, hashtext(g || 'c') & 2147483647 AS c, hashtext(g || 'a') & 2147483647 AS a) r
    JOIN customer_ids cu ON cu.n = 1 + g % ${CUSTOMERS}
    JOIN agent_ids a ON a.n = 1 + r.a % 40;
    SELECT setval('case_number_seq', (SELECT max(number) FROM cases));`,
  );
  // One insert in time order, as a desk writes them: rows of the same period share pages.
  await client.query('CREATE TEMP TABLE vocabulary (language text, config regconfig, words text[])');
  for (const [language, { config, words }] of Object.entries(WORDS)) {
    await client.query('INSERT INTO vocabulary VALUES ($1, $2, $3)', [language, config, words]);
  }
  await step(
    'messages',
    `
    INSERT INTO messages (case_id, direction, visibility, channel, body_text, language, search, created_at)
    SELECT c.id, CASE WHEN k = 2 THEN 'outbound' ELSE 'inbound' END, 'public', c.channel, t.body, c.language,
           to_tsvector(v.config, t.body), c.created_at + k * interval '10 minutes'
    FROM cases c JOIN vocabulary v ON v.language = c.language CROSS JOIN generate_series(1, ${MESSAGES_PER_CASE}) k
    CROSS JOIN LATERAL (
      SELECT string_agg(v.words[1 + ((hashtext(c.id::text || k || i) & 2147483647) % array_length(v.words, 1))], ' ')
             -- A long tail as in real text: product codes and rare words, log-uniformly distributed.
             || ' ' || string_agg('kx' || floor(exp(((hashtext(c.id::text || k || i || 'tail') & 2147483647) / 2147483647.0) * ln(200000)))::int, ' ')
                FILTER (WHERE i <= 3)
             || ' NW-' || (100000 + (c.number - 1000)) AS body
      FROM generate_series(1, 12) i) t
    ORDER BY c.created_at + k * interval '10 minutes'`,
  );
  const rebuild = Date.now();
  for (const { indexdef } of indexes) await client.query(indexdef);
  await client.query('ANALYZE');
  timings.indexes = round((Date.now() - rebuild) / 1000, 1);
  await client.end();
  return timings;
}

async function measure(base: string, cookie: string, paths: string[]) {
  const latencies: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const response = await fetch(`${base}${paths[i % paths.length]}`, { headers: { cookie } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${paths[i % paths.length]} → ${response.status}`);
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
  };
}

const scenario: BenchScenario = {
  description: `team inbox and search over HTTP with ${CASES.toLocaleString('en')} cases and ${(CASES * MESSAGES_PER_CASE).toLocaleString('en')} messages in PostgreSQL`,
  async run() {
    const url = await freshPostgresDatabase('heard_bench_scale');
    const env = { DATABASE_URL: url };
    heardCli(['migrate'], env);
    const generation = await generate(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const teamId = (await client.query("SELECT id FROM teams WHERE name = 'Team 2'")).rows[0].id as string;
    await client.end();
    const server = await startServer(env);
    heardCli(
      ['user', 'add', '--email', AGENT.email, '--name', 'Bench Agent', '--role', 'agent', '--password-stdin'],
      env,
      AGENT.password,
    );
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('UPDATE users SET team_id = $1 WHERE email = $2', [teamId, AGENT.email]);
    await admin.end();
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(AGENT),
    });
    const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
    const inbox = await measure(server.url, cookie, [
      '/api/v1/cases?view=team&status=open',
      '/api/v1/cases?view=team&status=open&priority=urgent',
      '/api/v1/cases?view=mine&status=open',
    ]);
    const queries = [
      'kx150000',
      'kx37',
      'order',
      'заказ',
      'zamówienie',
      'comanda',
      'refund replacement',
      'возврат',
      'płatność',
      'rambursare',
      'Ирина Смирнова 77',
      'Katarzyna',
      'customer123@example.com',
      String(1000 + 424242),
      'NW-512345',
      'xylophone',
    ];
    const search = await measure(
      server.url,
      cookie,
      queries.map((q) => `/api/v1/cases?view=all&status=any&q=${encodeURIComponent(q)}`),
    );
    const memory = server.memory();
    await server.stop();
    if (!process.env.BENCH_KEEP_DATABASE) await dropPostgresDatabase('heard_bench_scale');
    return {
      cases: CASES,
      messages: CASES * MESSAGES_PER_CASE,
      generationSeconds: generation,
      inbox,
      search,
      serverPeakRssMb: memory.peakRssMb,
      targets: { inboxP95Ms: 20, searchP95Ms: 50 },
    };
  },
};
export default scenario;
