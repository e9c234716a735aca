import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { authorize, requirePrincipal } from '../../platform/auth.ts';
import { IdParams, ListOf, literals, problemResponses, STANDARD_ERRORS, Uuid } from '../../platform/http-schemas.ts';
import { LANGUAGES } from '../../platform/templates.ts';
import { SCRIPT_CATEGORIES, SCRIPT_VARIABLES } from './default-scripts.ts';
import { canScripts } from './scripts.policy.ts';
import type { ScriptRow } from './scripts.repository.ts';
import * as scripts from './scripts.service.ts';

const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 });
const ScriptSchema = Type.Object({
  id: Type.String(),
  key: Type.String(),
  language: Type.String(),
  category: Type.String(),
  caseCategories: Type.Array(Type.String()),
  tags: Type.Array(Type.String()),
  title: Type.String(),
  body: Type.String(),
  version: Type.Integer(),
  builtin: Type.Boolean(),
  updatedAt: Type.String(),
});
const FindingSchema = Type.Object(
  {
    category: Type.String(),
    severity: Type.String(),
    start: Type.Integer(),
    end: Type.Integer(),
    text: Type.String(),
    message: Type.String(),
    suggestion: Type.String(),
  },
  { additionalProperties: true },
);
const SavedSchema = Type.Object({ script: ScriptSchema, findings: Type.Array(FindingSchema) });
const Content = {
  category: literals(SCRIPT_CATEGORIES),
  caseCategories: Type.Optional(Tags),
  tags: Type.Optional(Tags),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  body: Type.String({ minLength: 1, maxLength: 20_000 }),
};
const SAVE_ERRORS = problemResponses(400, 401, 403, 404, 409, 422);

const presentScript = (row: ScriptRow) => ({
  id: row.id,
  key: row.key,
  language: row.language,
  category: row.category,
  caseCategories: row.caseCategories,
  tags: row.tags,
  title: row.title,
  body: row.body,
  version: row.version,
  builtin: row.builtin,
  updatedAt: row.updatedAt.toISOString(),
});

export const scriptRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['scripts'];

  app.get(
    '/scripts',
    {
      schema: {
        tags,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          language: Type.Optional(literals(LANGUAGES)),
          category: Type.Optional(Type.String({ maxLength: 50 })),
          caseCategory: Type.Optional(Type.String({ maxLength: 50 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
        response: { 200: ListOf(ScriptSchema), ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const { q, language, category, caseCategory, limit } = request.query;
      const rows = await scripts.listScripts(ctx, requirePrincipal(request), {
        ...(q?.trim() ? { q: q.trim() } : {}),
        ...(language ? { language } : {}),
        ...(category ? { category } : {}),
        ...(caseCategory ? { caseCategory } : {}),
        limit: limit ?? 100,
      });
      return { items: rows.map(presentScript), nextCursor: null };
    },
  );

  app.get(
    '/scripts/variables',
    {
      schema: {
        tags,
        response: {
          200: Type.Object({ variables: Type.Array(Type.String()), categories: Type.Array(Type.String()) }),
          ...STANDARD_ERRORS,
        },
      },
    },
    async (request) => {
      authorize(request, canScripts, 'read');
      return { variables: [...SCRIPT_VARIABLES], categories: [...SCRIPT_CATEGORIES] };
    },
  );

  app.get(
    '/scripts/:id',
    { schema: { tags, params: IdParams, response: { 200: ScriptSchema, ...STANDARD_ERRORS } } },
    async (request) =>
      presentScript(await scripts.getScript(ctx.database, requirePrincipal(request), request.params.id)),
  );

  app.get(
    '/scripts/:id/versions',
    {
      schema: {
        tags,
        params: IdParams,
        response: {
          200: ListOf(
            Type.Object({
              version: Type.Integer(),
              category: Type.String(),
              caseCategories: Type.Array(Type.String()),
              tags: Type.Array(Type.String()),
              title: Type.String(),
              body: Type.String(),
              createdAt: Type.String(),
              createdBy: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
            }),
          ),
          ...STANDARD_ERRORS,
        },
      },
    },
    async (request) => {
      const rows = await scripts.scriptVersions(ctx, requirePrincipal(request), request.params.id);
      return {
        items: rows.map(({ createdById, createdByName, createdAt, ...row }) => ({
          ...row,
          createdAt: createdAt.toISOString(),
          createdBy: createdById ? { id: createdById, name: createdByName ?? '' } : null,
        })),
        nextCursor: null,
      };
    },
  );

  app.post(
    '/scripts',
    {
      schema: {
        tags,
        body: Type.Object(
          {
            key: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9.-]{0,79}$' })),
            language: literals(LANGUAGES),
            ...Content,
          },
          { additionalProperties: false },
        ),
        response: { 201: SavedSchema, ...SAVE_ERRORS },
      },
    },
    async (request, reply) => {
      const { caseCategories, tags: scriptTags, ...body } = request.body;
      const saved = await scripts.createScript(ctx, requirePrincipal(request), {
        ...body,
        caseCategories: caseCategories ?? [],
        tags: scriptTags ?? [],
      });
      return reply.code(201).send({ script: presentScript(saved.script), findings: saved.findings });
    },
  );

  app.put(
    '/scripts/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: Type.Object(
          { ...Content, version: Type.Optional(Type.Integer({ minimum: 1 })) },
          { additionalProperties: false },
        ),
        response: { 200: SavedSchema, ...SAVE_ERRORS },
      },
    },
    async (request) => {
      const { caseCategories, tags: scriptTags, ...body } = request.body;
      const saved = await scripts.updateScript(ctx, requirePrincipal(request), request.params.id, {
        ...body,
        caseCategories: caseCategories ?? [],
        tags: scriptTags ?? [],
      });
      return { script: presentScript(saved.script), findings: saved.findings };
    },
  );

  app.post(
    '/scripts/preview',
    {
      schema: {
        tags,
        body: Type.Object(
          {
            language: literals(LANGUAGES),
            title: Type.String({ maxLength: 200 }),
            body: Type.String({ maxLength: 20_000 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ body: Type.String(), findings: Type.Array(FindingSchema), blocked: Type.Boolean() }),
          ...STANDARD_ERRORS,
        },
      },
    },
    async (request) => scripts.previewScript(ctx, authorize(request, canScripts, 'manage'), request.body),
  );

  app.post(
    '/cases/:id/scripts/:scriptId/render',
    {
      schema: {
        tags,
        params: Type.Object({ id: Uuid, scriptId: Uuid }),
        body: Type.Optional(
          Type.Object(
            {
              values: Type.Optional(
                Type.Record(Type.String({ maxLength: 50 }), Type.String({ maxLength: 500 }), { maxProperties: 20 }),
              ),
            },
            { additionalProperties: false },
          ),
        ),
        response: {
          200: Type.Object({
            body: Type.String(),
            language: Type.String(),
            missing: Type.Array(Type.String()),
            scriptId: Type.String(),
            version: Type.Integer(),
          }),
          ...STANDARD_ERRORS,
        },
      },
    },
    async (request) =>
      scripts.renderForCase(
        ctx,
        requirePrincipal(request),
        request.params.id,
        request.params.scriptId,
        request.body?.values ?? {},
      ),
  );
};
