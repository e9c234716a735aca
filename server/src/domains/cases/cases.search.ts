// Search over cases: full text in every configured language (a message is indexed in its
// own language; the query is stemmed in each and the matches merged), plus trigram matches
// on subjects and on customer names and emails, and case numbers. Each source is bounded
// (the newest message hits only), so a common word never makes a query rank millions of
// rows; the merged candidates are ranked (number, then text relevance), newest first among equals.
import { foldRomanian, polishQuery } from './cases.language.ts';

export const MESSAGE_MATCH_LIMIT = 200;
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
      message_hits AS (
        SELECT m.case_id, ts_rank(m.search, q.tsq) AS rank
        FROM messages m, search_query q WHERE m.search @@ q.tsq
        ORDER BY m.created_at DESC LIMIT ${MESSAGE_MATCH_LIMIT}),
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
