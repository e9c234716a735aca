// Full text for scripts and knowledge-base articles: a document is indexed in its own
// language's configuration (as case messages are, `cases.language.ts`), and a query is
// parsed in the configuration of the language asked for, or of every language.
import { type SQL, sql } from 'drizzle-orm';
import { LANGUAGES, type Language } from '../../platform/templates.ts';
import { foldRomanian, polishQuery, SEARCH_CONFIGS, searchText } from '../cases/cases.language.ts';

/** The tsvector of a document written in `language`. */
export const searchVector = (language: Language, text: string): SQL =>
  sql`to_tsvector(${SEARCH_CONFIGS[language]}::regconfig, ${searchText(language, text)})`;

const queryText = (language: Language, query: string): string =>
  language === 'ro' ? foldRomanian(query) : language === 'pl' ? polishQuery(query) : query;

/** The tsquery for `query` in one language, or in all of them merged. */
export function searchQuery(query: string, language?: Language): SQL {
  const parts = (language ? [language] : LANGUAGES).map(
    (each) => sql`websearch_to_tsquery(${SEARCH_CONFIGS[each]}::regconfig, ${queryText(each, query)})`,
  );
  return sql.join(parts, sql` || `);
}
