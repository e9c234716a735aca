import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { requirePrincipal } from '../../platform/auth.ts';
import { IdParams, ListOf, problemResponses, STANDARD_ERRORS } from '../../platform/http-schemas.ts';
import { settingsRepository } from '../settings/settings.repository.ts';
import { handOver } from './cases.handover.ts';
import * as messages from './cases.messages.ts';
import * as schemas from './cases.schemas.ts';
import * as cases from './cases.service.ts';

export const caseRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['cases'];

  app.get(
    '/cases',
    {
      schema: {
        tags,
        querystring: schemas.CaseListQuery,
        response: { 200: ListOf(schemas.CaseSchema), ...STANDARD_ERRORS },
      },
    },
    async (request) => cases.listCases(ctx, requirePrincipal(request), request.query),
  );

  app.post(
    '/cases',
    {
      schema: {
        tags,
        body: schemas.NewCaseBody,
        response: { 201: schemas.CaseSchema, ...problemResponses(400, 401, 403, 413) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await cases.createCase(ctx, requirePrincipal(request), request.body)),
  );

  app.post(
    '/cases/phone-call',
    { schema: { tags, body: schemas.PhoneCallBody, response: { 201: schemas.CaseSchema, ...STANDARD_ERRORS } } },
    async (request, reply) =>
      reply.code(201).send(await cases.logPhoneCall(ctx, requirePrincipal(request), request.body)),
  );

  app.get(
    '/cases/:id',
    { schema: { tags, params: IdParams, response: { 200: schemas.CaseSchema, ...STANDARD_ERRORS } } },
    async (request) => cases.getCase(ctx, requirePrincipal(request), request.params.id),
  );

  app.patch(
    '/cases/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: schemas.CasePatchBody,
        response: { 200: schemas.CaseSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => cases.updateCase(ctx, requirePrincipal(request), request.params.id, request.body),
  );

  app.get(
    '/cases/:id/messages',
    { schema: { tags, params: IdParams, response: { 200: ListOf(schemas.MessageSchema), ...STANDARD_ERRORS } } },
    async (request) => ({
      items: await messages.listMessages(ctx, requirePrincipal(request), request.params.id),
      nextCursor: null,
    }),
  );

  app.post(
    '/cases/:id/messages',
    {
      schema: {
        tags,
        params: IdParams,
        body: schemas.NewMessageBody,
        response: { 201: schemas.MessageSchema, ...problemResponses(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await messages.addMessage(ctx, requirePrincipal(request), request.params.id, request.body)),
  );

  app.get(
    '/cases/:id/reply-context',
    { schema: { tags, params: IdParams, response: { 200: schemas.ReplyContextSchema, ...STANDARD_ERRORS } } },
    async (request) => messages.getReplyContext(ctx, requirePrincipal(request), request.params.id),
  );

  app.get(
    '/cases/:id/events',
    { schema: { tags, params: IdParams, response: { 200: ListOf(schemas.EventSchema), ...STANDARD_ERRORS } } },
    async (request) => ({
      items: await messages.listEvents(ctx, requirePrincipal(request), request.params.id),
      nextCursor: null,
    }),
  );

  app.post(
    '/cases/:id/handover',
    {
      schema: {
        tags,
        params: IdParams,
        body: schemas.HandoverBody,
        response: { 200: schemas.CaseSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => handOver(ctx, requirePrincipal(request), request.params.id, request.body),
  );

  app.put(
    '/cases/:id/draft',
    { schema: { tags, params: IdParams, body: schemas.DraftBody, response: STANDARD_ERRORS } },
    async (request, reply) => {
      await messages.saveDraft(ctx, requirePrincipal(request), request.params.id, request.body);
      return reply.code(204).send();
    },
  );

  app.get(
    '/cases/:id/draft',
    { schema: { tags, params: IdParams, response: { 200: schemas.DraftSchema, ...STANDARD_ERRORS } } },
    async (request) => messages.getDraft(ctx, requirePrincipal(request), request.params.id),
  );

  app.get(
    '/categories',
    {
      schema: {
        tags,
        response: {
          200: ListOf(Type.Object({ id: Type.String(), labels: Type.Record(Type.String(), Type.String()) })),
          ...STANDARD_ERRORS,
        },
      },
    },
    async (request) => {
      requirePrincipal(request);
      const categories = await settingsRepository.listCategories(ctx.database);
      return { items: categories.map(({ id, labels }) => ({ id, labels })), nextCursor: null };
    },
  );
};
