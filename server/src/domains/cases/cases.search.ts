// Search over cases: full text in every configured language (a message is indexed in its
// own language; the query is stemmed in each and the matches merged), plus trigram
// matching on subjects, customer names and emails, and case numbers. The message match is
// bounded to the newest hits so a common word cannot make the query rank millions of rows.
import { foldRomanian, polishQuery } from './cases.language.ts';

export const MESSAGE_MATCH_LIMIT = 2000;

/** Returns an SQL condition on `c` (cases) and `cu` (customers); values are bound through `bind`. */
export function searchCondition(query: string, bind: (value: unknown) => string): string {
  const text = bind(query);
  const romanian = bind(foldRomanian(query));
  const polish = bind(polishQuery(query));
  const like = bind(`%${query.replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
  const number = /^#?\d{1,9}$/.test(query) ? Number(query.replace('#', '')) : null;
  const tsquery = `(websearch_to_tsquery('english', ${text}) || websearch_to_tsquery('russian', ${text})
      || websearch_to_tsquery('romanian', ${romanian}) || websearch_to_tsquery('simple', ${text})
      || websearch_to_tsquery('simple', ${polish}))`;
  return `(c.id IN (SELECT m.case_id FROM messages m WHERE m.search @@ ${tsquery}
                    ORDER BY m.created_at DESC LIMIT ${MESSAGE_MATCH_LIMIT})
    OR c.subject ILIKE ${like}
    OR (coalesce(cu.name, '') || ' ' || cu.email) ILIKE ${like}
    ${number !== null ? `OR c.number = ${bind(number)}` : ''})`;
}
