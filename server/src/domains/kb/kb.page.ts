// The public help pages: `/help?lang=&q=` lists the public articles of a language by
// category (with a search form that works without JavaScript) and `/help/{slug}?lang=`
// shows one. Internal articles never appear here.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { escapeHtml, languageLinks, PAGE_STYLE, publicDocument, readerLanguage } from '../../platform/public-page.ts';
import type { Language } from '../../platform/templates.ts';
import { POLICY_TEXTS } from '../policy/policy.texts.ts';
import { companyProfile } from '../settings/settings.service.ts';
import { excerpt, renderMarkdown } from './kb.markdown.ts';
import type { ArticleRow } from './kb.repository.ts';
import { listArticles, publicArticle } from './kb.service.ts';

const HELP_TEXTS: Record<Language, { title: string; search: string; find: string; none: string; back: string }> = {
  en: {
    title: 'Help centre',
    search: 'Search the help centre',
    find: 'Search',
    none: 'No articles found.',
    back: 'All articles',
  },
  ru: {
    title: 'Справочный центр',
    search: 'Поиск по справке',
    find: 'Найти',
    none: 'Статьи не найдены.',
    back: 'Все статьи',
  },
  pl: {
    title: 'Centrum pomocy',
    search: 'Szukaj w centrum pomocy',
    find: 'Szukaj',
    none: 'Nie znaleziono artykułów.',
    back: 'Wszystkie artykuły',
  },
  ro: {
    title: 'Centrul de ajutor',
    search: 'Căutați în centrul de ajutor',
    find: 'Caută',
    none: 'Nu am găsit articole.',
    back: 'Toate articolele',
  },
};

function layout(
  language: Language,
  company: string,
  title: string,
  path: (language: Language) => string,
  main: string,
) {
  const policy = POLICY_TEXTS[language];
  const languages = languageLinks(language, path);
  return publicDocument({
    language,
    title: `${escapeHtml(title)} — ${escapeHtml(company)}`,
    style: `${PAGE_STYLE}
  form { display: flex; gap: .5rem; margin: 1rem 0; } input[type=search] { flex: 1; padding: .4rem; font: inherit; }
  article img { max-width: 100%; } pre { overflow-x: auto; background: #f6f8fa; padding: .75rem; }`,
    body: `
<nav>${languages}<a href="/policy?lang=${language}">${escapeHtml(policy.policyTitle)}</a><a href="/complaints?lang=${language}">${escapeHtml(policy.complaintsTitle)}</a></nav>
${main}
`,
  });
}

export const kbPageRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/help',
    {
      config: { public: true },
      schema: {
        hide: true,
        querystring: Type.Object({
          lang: Type.Optional(Type.String({ maxLength: 10 })),
          q: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (request, reply) => {
      const language = await readerLanguage(ctx, request, request.query.lang);
      const q = request.query.q?.trim() ?? '';
      const t = HELP_TEXTS[language];
      const articles = await listArticles(ctx, null, {
        language,
        visibility: 'public',
        limit: 200,
        ...(q ? { q } : {}),
      });
      const byCategory = new Map<string, ArticleRow[]>();
      for (const article of articles)
        byCategory.set(article.category, [...(byCategory.get(article.category) ?? []), article]);
      const link = (article: ArticleRow) => `/help/${encodeURIComponent(article.slug)}?lang=${language}`;
      const sections = [...byCategory]
        .map(
          ([category, items]) =>
            `<section><h2>${escapeHtml(category)}</h2><ul>${items
              .map(
                (article) =>
                  `<li><a href="${escapeHtml(link(article))}">${escapeHtml(article.title)}</a><br>${escapeHtml(excerpt(article.body))}</li>`,
              )
              .join('')}</ul></section>`,
        )
        .join('\n');
      const company = (await companyProfile(ctx.database)).name;
      const main = `<header><h1>${escapeHtml(t.title)}</h1><p><strong>${escapeHtml(company)}</strong></p></header>
<form method="get" action="/help" role="search"><input type="hidden" name="lang" value="${language}">
<input type="search" name="q" value="${escapeHtml(q)}" aria-label="${escapeHtml(t.search)}" placeholder="${escapeHtml(t.search)}">
<button type="submit">${escapeHtml(t.find)}</button></form>
<main>${sections || `<p>${escapeHtml(t.none)}</p>`}</main>`;
      return reply
        .type('text/html; charset=utf-8')
        .send(layout(language, company, t.title, (each) => `/help?lang=${each}`, main));
    },
  );

  app.get(
    '/help/:slug',
    {
      config: { public: true },
      schema: {
        hide: true,
        params: Type.Object({ slug: Type.String({ maxLength: 100 }) }),
        querystring: Type.Object({ lang: Type.Optional(Type.String({ maxLength: 10 })) }),
      },
    },
    async (request, reply) => {
      const language = await readerLanguage(ctx, request, request.query.lang);
      const article = await publicArticle(ctx.database, request.params.slug, language);
      const t = HELP_TEXTS[language];
      const company = (await companyProfile(ctx.database)).name;
      if (!article) {
        const main = `<h1>${escapeHtml(t.none)}</h1><p><a href="/help?lang=${language}">${escapeHtml(t.back)}</a></p>`;
        return reply
          .code(404)
          .type('text/html; charset=utf-8')
          .send(layout(language, company, t.title, (each) => `/help?lang=${each}`, main));
      }
      const main = `<p><a href="/help?lang=${language}">← ${escapeHtml(t.back)}</a></p>
<article><h1>${escapeHtml(article.title)}</h1>${renderMarkdown(article.body)}</article>`;
      return reply
        .type('text/html; charset=utf-8')
        .send(layout(language, company, article.title, (each) => `/help?lang=${each}`, main));
    },
  );
};
