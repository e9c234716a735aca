// Search over cases: full text in every configured language (a message is indexed in its
// own language; the query is stemmed in each and the matches merged), plus trigram matches
// on subjects and on customer names and emails, and case numbers. Every source is bounded,
// so neither a common word (millions of matches) nor a rare one is slow; the merged
// candidates are ranked (number, then text relevance), newest first among equals, and only
// the page's ids leave the search (decision record 0003).
//
// Message matches are the newest `matchLimit`. How to find them depends on how common the
// words are, which a first look at the newest messages measures:
// - common words fill the limit within the newest `sampleWindow` messages: done;
// - words of middle frequency: walking further back, newest first, costs less than fetching
//   every match from the full-text index, so the walk goes twice as far as the measured
//   frequency says the limit needs (the index takes over if that was not enough);
// - rare words: the full-text index, every match, the newest kept.
import { sqlBinder, type Tx } from '../../platform/db.ts';
import { foldRomanian, polishQuery } from './cases.language.ts';

const NAME_MATCH_LIMIT = 500;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface MessageSearchTuning {
  /** How many message matches a search ranks. */
  matchLimit: number;
  /** How many of the newest messages the first look scans. */
  sampleWindow: number;
  /** The longest walk through the newest messages. */
  maxWalk: number;
}
const TUNING: MessageSearchTuning = { matchLimit: 200, sampleWindow: 10_000, maxWalk: 100_000 };
/**
 * What a full-text index match costs against checking one message on a newest-first walk:
 * an index match is a visit to a random page, the walk reads pages in order (measured at
 * 1M cases / 3M messages: ~0.6 µs a message walked, ~4 µs a match fetched).
 */
const INDEX_MATCH_COST = 6;

export type MessageStrategy =
  | { kind: 'sample' }
  | { kind: 'walk'; window: number }
  | { kind: 'index' }
  /** Every match within a narrow scope (see SearchScope). */
  | { kind: 'scope' };

/**
 * Chooses how to find the newest message matches from what the first look found: `found`
 * matches among the newest `sampleWindow` messages, of about `total` messages.
 */
export function messageStrategy(found: number, total: number, tuning: MessageSearchTuning = TUNING): MessageStrategy {
  if (found >= tuning.matchLimit) return { kind: 'sample' };
  if (found === 0 || total <= tuning.sampleWindow) return { kind: 'index' };
  const frequency = found / tuning.sampleWindow;
  const walked = tuning.matchLimit / frequency;
  const fetched = frequency * total * INDEX_MATCH_COST;
  if (walked >= fetched) return { kind: 'index' };
  return { kind: 'walk', window: Math.min(Math.ceil(2 * walked), tuning.maxWalk) };
}

type Bind = (value: unknown) => string;

/**
 * The query stemmed in every configured language, as one tsquery. The same word often stems
 * alike in several languages (numbers and codes always do): repeats are dropped, since the
 * query is evaluated against every message a walk passes.
 */
function tsQuery(query: string, bind: Bind): string {
  const text = bind(query);
  return `(SELECT string_agg(DISTINCT '(' || q::text || ')', ' | ')::tsquery
    FROM unnest(ARRAY[websearch_to_tsquery('english', ${text}), websearch_to_tsquery('russian', ${text}),
      websearch_to_tsquery('romanian', ${bind(foldRomanian(query))}), websearch_to_tsquery('simple', ${text}),
      websearch_to_tsquery('simple', ${bind(polishQuery(query))})]) q WHERE numnode(q) > 0)`;
}

/** Matches among the newest `window` messages (the planner walks the date index and stops at the limit). */
const walkSql = (window: number, limit: number) =>
  `SELECT r.case_id, ts_rank(r.search, q.tsq) AS rank
   FROM (SELECT m.case_id, m.search FROM messages m ORDER BY m.created_at DESC LIMIT ${window}) r, search_query q
   WHERE r.search @@ q.tsq LIMIT ${limit}`;
/** Every match from the full-text index, newest kept (the expression keeps the planner off the date index). */
const indexSql = (limit: number) =>
  `SELECT m.case_id, ts_rank(m.search, q.tsq) AS rank FROM messages m, search_query q
   WHERE m.search @@ q.tsq ORDER BY m.created_at + interval '0 seconds' DESC LIMIT ${limit}`;

/** The joins a scope's conditions read. Outer joins: the planner drops those the conditions do not use. */
const SCOPE_JOINS = 'LEFT JOIN customers cu ON cu.id = c.customer_id LEFT JOIN case_sla sla ON sla.case_id = c.id';

/**
 * The message matches of a strategy, as CTEs ending in `message_hits(case_id, rank)`; all but
 * `sample` read `search_query`. `scoped` is the narrow scope's condition on `c`, `cu` and `sla`.
 */
function messageHitsSql(
  strategy: MessageStrategy,
  sample: Record<string, unknown>[],
  bind: Bind,
  limit: number,
  scoped: (conditions: string[]) => string,
) {
  if (strategy.kind === 'scope') {
    return `message_hits AS (SELECT m.case_id, ts_rank(m.search, q.tsq) AS rank
      FROM cases c ${SCOPE_JOINS} JOIN messages m ON m.case_id = c.id, search_query q
      WHERE ${scoped(['m.search @@ q.tsq'])} ORDER BY m.created_at DESC LIMIT ${limit})`;
  }
  if (strategy.kind === 'sample') {
    return `message_hits AS (SELECT * FROM unnest(${bind(sample.map((row) => row.case_id))}::uuid[],
      ${bind(sample.map((row) => row.rank))}::real[]) AS hits(case_id, rank))`;
  }
  if (strategy.kind === 'index') return `message_hits AS (${indexSql(limit)})`;
  // The index runs only when the walk came back short (a one-time filter on the walk's count).
  return `walk AS (${walkSql(strategy.window, limit)}),
    message_hits AS (SELECT * FROM walk WHERE (SELECT count(*) FROM walk) >= ${limit}
      UNION ALL SELECT * FROM (${indexSql(limit)}) indexed WHERE (SELECT count(*) FROM walk) < ${limit})`;
}

export interface SearchScope {
  /** Conditions over `c` (cases), `cu` (its customer) and `sla` (its SLA clock), with `$n` placeholders into `values`. */
  where: string[];
  values: unknown[];
  /**
   * The scope holds few cases (one customer's): every match within it is ranked.
   * Otherwise the sources are bounded desk-wide and the scope filters what they found.
   */
  narrow?: boolean;
}

/** Matches among the newest messages, and the strategy they call for. */
async function firstLook(tx: Tx, query: string, tuning: MessageSearchTuning) {
  const values: unknown[] = [];
  const { rows: sample } = await tx.executeSql(
    `WITH search_query AS (SELECT ${tsQuery(query, sqlBinder(values))} AS tsq)
     SELECT hits.case_id, hits.rank, (SELECT reltuples FROM pg_class WHERE oid = 'messages'::regclass) AS total
     FROM (${walkSql(tuning.sampleWindow, tuning.matchLimit)}) hits`,
    values,
  );
  return { strategy: messageStrategy(sample.length, Number(sample[0]?.total ?? 0), tuning), sample };
}

/** The ids of the best-ranked cases matching `query` within `scope`, best first. */
export async function searchCaseIds(
  tx: Tx,
  query: string,
  scope: SearchScope,
  limit: number,
  tuning: MessageSearchTuning = TUNING,
): Promise<string[]> {
  const values = [...scope.values];
  const bind = sqlBinder(values);
  const scoped = (conditions: string[]) => [...(scope.narrow ? scope.where : []), ...conditions].join(' AND ');
  const { strategy, sample } = scope.narrow
    ? { strategy: { kind: 'scope' } as const, sample: [] }
    : await firstLook(tx, query, tuning);
  const messageHits = messageHitsSql(strategy, sample, bind, tuning.matchLimit, scoped);
  const like = bind(`%${query.replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
  /** Cases meeting a condition (within a narrow scope), up to the limit. */
  const casesWhere = (condition: string) =>
    `(SELECT c.id, 0.5 FROM cases c ${SCOPE_JOINS} WHERE ${scoped([condition])} LIMIT ${NAME_MATCH_LIMIT})`;
  // A whole address is looked up as such: a trigram match of "name@example.com" intersects
  // the huge posting lists of "exa", "xam", "com"… shared by every customer.
  const customerMatch = EMAIL.test(query)
    ? `cu.email = ${bind(query.toLowerCase())}`
    : `(coalesce(cu.name, '') || ' ' || cu.email) ILIKE ${like}`;
  const number = /^#?\d{1,9}$/.test(query) ? Number(query.replace('#', '')) : null;
  const { rows } = await tx.executeSql(
    `WITH ${strategy.kind !== 'sample' ? `search_query AS (SELECT ${tsQuery(query, bind)} AS tsq),` : ''}
       ${messageHits},
       search_hits AS (
         SELECT id, max(rank) AS rank FROM (
           SELECT case_id AS id, rank FROM message_hits
           UNION ALL ${casesWhere(`c.subject ILIKE ${like}`)}
           UNION ALL ${casesWhere(customerMatch)}
           ${number !== null ? `UNION ALL SELECT id, 10 FROM cases WHERE number = ${bind(number)}` : ''}
         ) candidates GROUP BY id)
     SELECT c.id FROM search_hits sh JOIN cases c ON c.id = sh.id ${SCOPE_JOINS}
     ${scope.where.length > 0 ? `WHERE ${scope.where.join(' AND ')}` : ''}
     ORDER BY sh.rank DESC, c.updated_at DESC, c.id DESC LIMIT ${limit}`,
    values,
  );
  return rows.map((row) => row.id as string);
}
