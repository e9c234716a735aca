import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { requirePrincipal } from '../../platform/auth.ts';
import { IdParams, ListOf, literals, problemResponses, STANDARD_ERRORS } from '../../platform/http-schemas.ts';
import { LANGUAGES } from '../../platform/templates.ts';
import { excerpt, renderMarkdown } from './kb.markdown.ts';
import type { ArticleRow } from './kb.repository.ts';
import * as kb from './kb.service.ts';

const VISIBILITIES = ['internal', 'public'] as const;
const ArticleSummary = {
  id: Type.String(),
  slug: Type.String(),
  language: Type.String(),
  title: Type.String(),
  category: Type.String(),
  visibility: Type.String(),
  excerpt: Type.String(),
  updatedAt: Type.String(),
};
const ArticleSchema = Type.Object({ ...ArticleSummary, body: Type.String(), html: Type.String() });
const Content = {
  slug: Type.String({ pattern: '^[\\p{Ll}\\p{Lo}\\p{N}][\\p{Ll}\\p{Lo}\\p{N}-]{0,79}$' }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  body: Type.String({ minLength: 1, maxLength: 100_000 }),
  category: Type.String({ minLength: 1, maxLength: 50 }),
  visibility: literals(VISIBILITIES),
};

const summary = (row: ArticleRow) => ({
  id: row.id,
  slug: row.slug,
  language: row.language,
  title: row.title,
  category: row.category,
  visibility: row.visibility,
  excerpt: excerpt(row.body),
  updatedAt: row.updatedAt.toISOString(),
});
const present = (row: ArticleRow) => ({ ...summary(row), body: row.body, html: renderMarkdown(row.body) });

export const kbRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['knowledge base'];

  app.get(
    '/kb/articles',
    {
      schema: {
        tags,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          language: Type.Optional(literals(LANGUAGES)),
          category: Type.Optional(Type.String({ maxLength: 50 })),
          visibility: Type.Optional(literals(VISIBILITIES)),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
        response: { 200: ListOf(Type.Object(ArticleSummary)), ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const { q, language, category, visibility, limit } = request.query;
      const rows = await kb.listArticles(ctx, requirePrincipal(request), {
        ...(q?.trim() ? { q: q.trim() } : {}),
        ...(language ? { language } : {}),
        ...(category ? { category } : {}),
        ...(visibility ? { visibility } : {}),
        limit: limit ?? 50,
      });
      return { items: rows.map(summary), nextCursor: null };
    },
  );

  app.get(
    '/kb/articles/:id',
    { schema: { tags, params: IdParams, response: { 200: ArticleSchema, ...STANDARD_ERRORS } } },
    async (request) => present(await kb.getArticle(ctx.database, requirePrincipal(request), request.params.id)),
  );

  app.post(
    '/kb/articles',
    {
      schema: {
        tags,
        body: Type.Object(
          { ...Content, slug: Type.Optional(Content.slug), language: literals(LANGUAGES) },
          { additionalProperties: false },
        ),
        response: { 201: ArticleSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { language, ...input } = request.body;
      const created = await kb.createArticle(ctx, requirePrincipal(request), language, input);
      return reply.code(201).send(present(created));
    },
  );

  app.patch(
    '/kb/articles/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: Type.Partial(Type.Object(Content), { additionalProperties: false, minProperties: 1 }),
        response: { 200: ArticleSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => present(await kb.updateArticle(ctx, requirePrincipal(request), request.params.id, request.body)),
  );

  app.delete(
    '/kb/articles/:id',
    { schema: { tags, params: IdParams, response: STANDARD_ERRORS } },
    async (request, reply) => {
      await kb.deleteArticle(ctx, requirePrincipal(request), request.params.id);
      return reply.code(204).send();
    },
  );
};
