import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { authorize } from '../../platform/auth.ts';
import { IdParams, ListOf, literals, STANDARD_ERRORS } from '../../platform/http-schemas.ts';
import { canIdentity } from '../identity/identity.policy.ts';
import * as mailboxes from './imap.service.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

const settingsFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  host: Type.String({ minLength: 1, maxLength: 253, pattern: '^[^\\s/:]+$' }),
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
  tls: Type.Boolean({ description: 'Implicit TLS (port 993); false = plain, upgraded with STARTTLS when offered' }),
  username: Type.String({ minLength: 1, maxLength: 320 }),
  folder: Type.String({ minLength: 1, maxLength: 500 }),
  mode: literals(mailboxes.MAILBOX_MODES),
  pollIntervalSeconds: Type.Integer({ minimum: 5, maximum: 3600 }),
  afterProcessing: Type.String({
    pattern: '^(none|flag|move:.+)$',
    maxLength: 500,
    description: 'none | flag (mark \\Seen) | move:<folder>',
  }),
  teamId: Nullable(Type.String({ format: 'uuid' })),
  category: Nullable(Type.String({ minLength: 1, maxLength: 100 })),
  active: Type.Boolean(),
};
const password = Type.String({ minLength: 1, maxLength: 1000, description: 'Stored encrypted; never returned' });

const MailboxSchema = Type.Object({
  id: Type.String(),
  ...settingsFields,
  mode: Type.String(),
  uidValidity: Type.Union([Type.Integer(), Type.Null()]),
  lastUid: Type.Integer(),
  lastSuccessAt: Nullable(Type.String({ format: 'date-time' })),
  lastError: Nullable(Type.String()),
  lastErrorAt: Nullable(Type.String({ format: 'date-time' })),
  status: literals(['ok', 'error', 'pending'] as const),
  polledBy: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const MailboxCreate = Type.Object(
  {
    name: settingsFields.name,
    host: settingsFields.host,
    port: Type.Optional(settingsFields.port),
    tls: Type.Optional(settingsFields.tls),
    username: settingsFields.username,
    password,
    folder: Type.Optional(settingsFields.folder),
    mode: Type.Optional(settingsFields.mode),
    pollIntervalSeconds: Type.Optional(settingsFields.pollIntervalSeconds),
    afterProcessing: Type.Optional(settingsFields.afterProcessing),
    teamId: Type.Optional(settingsFields.teamId),
    category: Type.Optional(settingsFields.category),
    active: Type.Optional(settingsFields.active),
  },
  { additionalProperties: false },
);

const MailboxPatch = Type.Partial(Type.Object({ ...settingsFields, password }), {
  additionalProperties: false,
  minProperties: 1,
});

export const imapRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['mailboxes'];
  const admin = (request: FastifyRequest) =>
    authorize(request, canIdentity, 'manage-settings', 'mailboxes are configured by admins');

  app.get(
    '/settings/mailboxes',
    { schema: { tags, response: { 200: ListOf(MailboxSchema), ...STANDARD_ERRORS } } },
    async (request) => {
      admin(request);
      return { items: await mailboxes.listMailboxes(ctx), nextCursor: null };
    },
  );

  app.get(
    '/settings/mailboxes/:id',
    { schema: { tags, params: IdParams, response: { 200: MailboxSchema, ...STANDARD_ERRORS } } },
    async (request) => {
      admin(request);
      return mailboxes.getMailbox(ctx, request.params.id);
    },
  );

  app.post(
    '/settings/mailboxes',
    { schema: { tags, body: MailboxCreate, response: { 201: MailboxSchema, ...STANDARD_ERRORS } } },
    async (request, reply) => {
      admin(request);
      const body = request.body;
      const tls = body.tls ?? true;
      const created = await mailboxes.createMailbox(ctx, {
        ...body,
        port: body.port ?? (tls ? 993 : 143),
        tls,
        folder: body.folder ?? 'INBOX',
        mode: body.mode ?? 'idle',
        pollIntervalSeconds: body.pollIntervalSeconds ?? 60,
        afterProcessing: body.afterProcessing ?? 'none',
        teamId: body.teamId ?? null,
        category: body.category ?? null,
        active: body.active ?? true,
      });
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/settings/mailboxes/:id',
    { schema: { tags, params: IdParams, body: MailboxPatch, response: { 200: MailboxSchema, ...STANDARD_ERRORS } } },
    async (request) => {
      admin(request);
      return mailboxes.updateMailbox(ctx, request.params.id, request.body);
    },
  );

  app.delete(
    '/settings/mailboxes/:id',
    { schema: { tags, params: IdParams, response: STANDARD_ERRORS } },
    async (request, reply) => {
      admin(request);
      await mailboxes.deleteMailbox(ctx, request.params.id);
      return reply.code(204).send();
    },
  );
};
