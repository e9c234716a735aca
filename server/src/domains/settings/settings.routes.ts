import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { authorize } from '../../platform/auth.ts';
import { IdParams, ListOf, STANDARD_ERRORS } from '../../platform/http-schemas.ts';
import { isStaff } from '../../platform/principal.ts';
import { canIdentity } from '../identity/identity.policy.ts';
import { LanguageSchema } from '../identity/identity.schemas.ts';
import { templateDefinition } from './default-templates.ts';
import { settingsRepository as repo } from './settings.repository.ts';
import * as settings from './settings.service.ts';

const Localized = Type.Object({ en: Type.String(), ru: Type.String(), pl: Type.String(), ro: Type.String() });
const CompanySchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  email: Type.String({ maxLength: 254 }),
  phone: Type.String({ maxLength: 50 }),
  website: Type.String({ maxLength: 300 }),
  description: Localized,
  defaultLanguage: LanguageSchema,
});
const TemplateSchema = Type.Object({
  id: Type.String(),
  key: Type.String(),
  language: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  version: Type.Integer(),
  variables: Type.Array(Type.String()),
});
const RungSchema = Type.Object({
  position: Type.Integer(),
  title: Type.String(),
  userId: Type.Union([Type.String(), Type.Null()]),
  contactEmail: Type.Union([Type.String(), Type.Null()]),
  contactPhone: Type.Union([Type.String(), Type.Null()]),
});
const RungInput = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    userId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    contactEmail: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
    contactPhone: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const settingsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['settings'];
  const staff = (request: FastifyRequest) => authorize(request, isStaff, undefined);
  const admin = (request: FastifyRequest) => authorize(request, canIdentity, 'manage-settings');
  const presentRung = (rung: Awaited<ReturnType<typeof repo.listRungs>>[number]) => ({
    position: rung.position,
    title: rung.title,
    userId: rung.userId,
    contactEmail: rung.contactEmail,
    contactPhone: rung.contactPhone,
  });
  const presentTemplate = (row: settings.TemplateView) => ({
    id: row.id,
    key: row.key,
    language: row.language,
    subject: row.subject,
    body: row.body,
    version: row.version,
    variables: [...(templateDefinition(row.key)?.variables ?? [])],
  });

  app.get(
    '/settings/company',
    { schema: { tags, response: { 200: CompanySchema, ...STANDARD_ERRORS } } },
    async (request) => {
      staff(request);
      return settings.companyProfile(ctx.database);
    },
  );

  app.patch(
    '/settings/company',
    {
      schema: {
        tags,
        body: Type.Partial(CompanySchema, { additionalProperties: false }),
        response: { 200: CompanySchema, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      admin(request);
      return settings.updateCompanyProfile(ctx, request.body);
    },
  );

  app.get(
    '/templates',
    { schema: { tags, response: { 200: ListOf(TemplateSchema), ...STANDARD_ERRORS } } },
    async (request) => {
      staff(request);
      return { items: (await repo.listTemplates(ctx.database)).map(presentTemplate), nextCursor: null };
    },
  );

  app.put(
    '/templates/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: Type.Object(
          {
            subject: Type.String({ minLength: 1, maxLength: 500 }),
            body: Type.String({ minLength: 1, maxLength: 50_000 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: TemplateSchema, ...STANDARD_ERRORS },
      },
    },
    async (request) =>
      presentTemplate(await settings.updateTemplate(ctx, admin(request), request.params.id, request.body)),
  );

  app.get(
    '/settings/ladder',
    { schema: { tags, response: { 200: ListOf(RungSchema), ...STANDARD_ERRORS } } },
    async (request) => {
      staff(request);
      return { items: (await repo.listRungs(ctx.database)).map(presentRung), nextCursor: null };
    },
  );

  app.put(
    '/settings/ladder',
    {
      schema: {
        tags,
        body: Type.Object(
          { rungs: Type.Array(RungInput, { minItems: 1, maxItems: 10 }) },
          { additionalProperties: false },
        ),
        response: { 200: ListOf(RungSchema), ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      admin(request);
      return { items: (await settings.replaceLadder(ctx, request.body.rungs)).map(presentRung), nextCursor: null };
    },
  );
};
