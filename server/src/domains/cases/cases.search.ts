// Search over cases: full text in every configured language (a message is indexed in its
// own language; the query is stemmed in each and the matches merged), plus trigram matches
// on subjects and on customer names and emails, and case numbers. Each source is bounded:
// message matches come from the newest messages first and stop at a fixed count, so neither
// a common word (millions of matches) nor a rare one (a walk through millions of rows) is
// slow; the merged candidates are ranked (number, then text relevance), newest first among equals.
import { foldRomanian, polishQuery } from './cases.language.ts';

export const MESSAGE_MATCH_LIMIT = 200;
/** How many of the newest messages a search scans before it turns to the full-text index. */
const RECENT_WINDOW = 50_000;
const NAME_MATCH_LIMIT = 500;

export interface SearchPlan {
  /** CTEs to put before the case query; they define `search_hits(id, rank)`. */
  with: string;
  /** Join of the case query with the hits. */
  join: string;
  order: string;
}

export function searchPlan(query: string, bind: (value: unknown) => string): SearchPlan {
  const text = bind(query);
  const romanian = bind(foldRomanian(query));
  const polish = bind(polishQuery(query));
  const like = bind(`%${query.replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
  const number = /^#?\d{1,9}$/.test(query) ? Number(query.replace('#', '')) : null;
  return {
    with: `search_query AS (
        SELECT websearch_to_tsquery('english', ${text}) || websearch_to_tsquery('russian', ${text})
            || websearch_to_tsquery('romanian', ${romanian}) || websearch_to_tsquery('simple', ${text})
            || websearch_to_tsquery('simple', ${polish}) AS tsq),
      recent_messages AS (
        SELECT m.case_id, m.search FROM messages m ORDER BY m.created_at DESC LIMIT ${RECENT_WINDOW}),
      message_hits AS (
        SELECT hits.case_id, ts_rank(hits.search, q.tsq) AS rank FROM (
          -- Common words: found among the newest messages, and the second branch never runs.
          (SELECT r.case_id, r.search FROM recent_messages r, search_query q WHERE r.search @@ q.tsq
           LIMIT ${MESSAGE_MATCH_LIMIT})
          UNION ALL
          -- Rarer words: the full-text index, newest first (the expression keeps the planner
          -- from walking the date index through millions of rows for a word that is not there).
          (SELECT m.case_id, m.search FROM messages m, search_query q WHERE m.search @@ q.tsq
           ORDER BY m.created_at + interval '0 seconds' DESC LIMIT ${MESSAGE_MATCH_LIMIT})
          LIMIT ${MESSAGE_MATCH_LIMIT}) hits, search_query q),
      search_hits AS (
        SELECT id, max(rank) AS rank FROM (
          SELECT case_id AS id, rank FROM message_hits
          UNION ALL (SELECT id, 0.5 FROM cases WHERE subject ILIKE ${like} LIMIT ${NAME_MATCH_LIMIT})
          UNION ALL (SELECT c2.id, 0.5 FROM customers cu2 JOIN cases c2 ON c2.customer_id = cu2.id
                     WHERE (coalesce(cu2.name, '') || ' ' || cu2.email) ILIKE ${like} LIMIT ${NAME_MATCH_LIMIT})
          ${number !== null ? `UNION ALL SELECT id, 10 FROM cases WHERE number = ${bind(number)}` : ''}
        ) candidates GROUP BY id)`,
    join: 'JOIN search_hits sh ON sh.id = c.id',
    order: 'sh.rank DESC, c.updated_at DESC, c.id DESC',
  };
}
