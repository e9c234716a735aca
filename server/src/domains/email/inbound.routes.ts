import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { authorize, requirePrincipal } from '../../platform/auth.ts';
import { IdParams, ListOf, literals, problemResponses, STANDARD_ERRORS } from '../../platform/http-schemas.ts';
import { CaseSchema } from '../cases/cases.schemas.ts';
import { canIdentity } from '../identity/identity.policy.ts';
import { INBOUND_STATES } from './email.repository.ts';
import * as inbound from './inbound.service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const AddressSchema = Type.Object({
  id: Type.String(),
  address: Type.String(),
  teamId: Nullable(Type.String()),
  category: Nullable(Type.String()),
});
const AddressList = Type.Object({
  items: Type.Array(AddressSchema),
  nextCursor: Type.Null(),
  catchAll: Type.Boolean(),
});
const InboundSchema = Type.Object({
  id: Type.String(),
  source: Type.String(),
  state: Type.String(),
  reason: Nullable(Type.String()),
  envelopeFrom: Nullable(Type.String()),
  recipients: Type.Array(Type.String()),
  from: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  size: Type.Integer(),
  caseId: Nullable(Type.String()),
  receivedAt: Type.String(),
  processedAt: Nullable(Type.String()),
});
const BlockSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  value: Type.String(),
  reason: Type.String(),
  createdAt: Type.String(),
});

export const inboundRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['email'];
  const admin = (request: FastifyRequest) => authorize(request, canIdentity, 'manage-settings');

  app.get(
    '/settings/inbound-addresses',
    { schema: { tags, response: { 200: AddressList, ...STANDARD_ERRORS } } },
    async (request) => {
      admin(request);
      return inbound.listAddresses(ctx);
    },
  );

  app.post(
    '/settings/inbound-addresses',
    {
      schema: {
        tags,
        body: Type.Object(
          {
            address: Type.String({ minLength: 3, maxLength: 254 }),
            teamId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
            category: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: AddressSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      admin(request);
      return reply.code(201).send(await inbound.addAddress(ctx, request.body));
    },
  );

  app.delete(
    '/settings/inbound-addresses/:id',
    { schema: { tags, params: IdParams, response: STANDARD_ERRORS } },
    async (request, reply) => {
      admin(request);
      await inbound.removeAddress(ctx, request.params.id);
      return reply.code(204).send();
    },
  );

  app.put(
    '/settings/inbound-addresses/catch-all',
    {
      schema: {
        tags,
        body: Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: AddressList, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      admin(request);
      return inbound.setCatchAll(ctx, request.body.enabled);
    },
  );

  app.get(
    '/admin/quarantine',
    {
      schema: {
        tags,
        querystring: Type.Object({
          state: Type.Optional(literals(INBOUND_STATES)),
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
        response: { 200: ListOf(InboundSchema), ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      admin(request);
      return inbound.listInbound(ctx, request.query);
    },
  );

  app.get(
    '/admin/quarantine/:id/eml',
    { schema: { tags, params: IdParams, response: STANDARD_ERRORS } },
    async (request, reply) => {
      admin(request);
      const { row, raw } = await inbound.rawMessage(ctx, request.params.id);
      // Always a download: the message is never rendered in the app's origin.
      return reply
        .header('content-type', 'message/rfc822')
        .header('content-disposition', `attachment; filename="${row.id}.eml"`)
        .header('x-content-type-options', 'nosniff')
        .send(raw);
    },
  );

  app.post(
    '/admin/quarantine/:id/reprocess',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 202: InboundSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      admin(request);
      return reply.code(202).send(await inbound.reprocess(ctx, request.params.id));
    },
  );

  app.get(
    '/settings/email-blocklist',
    { schema: { tags, response: { 200: ListOf(BlockSchema), ...STANDARD_ERRORS } } },
    async (request) => {
      admin(request);
      return inbound.listBlocklist(ctx);
    },
  );

  app.post(
    '/settings/email-blocklist',
    {
      schema: {
        tags,
        body: Type.Object(
          {
            kind: literals(['address', 'domain'] as const),
            value: Type.String({ minLength: 3, maxLength: 254 }),
            reason: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: BlockSchema, ...STANDARD_ERRORS },
      },
    },
    async (request, reply) => reply.code(201).send(await inbound.blockSender(ctx, admin(request), request.body)),
  );

  app.delete(
    '/settings/email-blocklist/:id',
    { schema: { tags, params: IdParams, response: STANDARD_ERRORS } },
    async (request, reply) => {
      admin(request);
      await inbound.unblock(ctx, request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/cases/:id/spam',
    {
      schema: {
        tags: ['cases', ...tags],
        params: IdParams,
        body: Type.Optional(
          Type.Object({ blockSender: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        ),
        response: {
          200: Type.Object({ case: CaseSchema, blocked: Nullable(BlockSchema) }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) =>
      inbound.markSpam(ctx, requirePrincipal(request), request.params.id, request.body?.blockSender ?? true),
  );
};
