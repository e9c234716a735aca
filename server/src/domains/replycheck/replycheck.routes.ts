import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { CATEGORY_IDS } from '@heard/replycheck';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { authorize } from '../../platform/auth.ts';
import { IdParams, ListOf, literals, problemResponses, STANDARD_ERRORS } from '../../platform/http-schemas.ts';
import { USER_ROLES } from '../../platform/principal.ts';
import { LANGUAGES } from '../../platform/templates.ts';
import { listMessages } from '../cases/cases.messages.ts';
import { getCase } from '../cases/cases.service.ts';
import { canReplycheck, type ReplycheckAction } from './replycheck.policy.ts';
import { replycheckRepository } from './replycheck.repository.ts';
import * as replycheck from './replycheck.service.ts';

const Severity = literals(['block', 'warn', 'info', 'off'] as const);
const LanguageParams = Type.Object({ lang: literals(LANGUAGES) });
const SettingsSchema = Type.Object(
  {
    severities: Type.Record(literals(CATEGORY_IDS), Severity),
    overrideRoles: Type.Array(literals(USER_ROLES), { uniqueItems: true }),
    weights: Type.Object(
      {
        block: Type.Integer({ minimum: 0, maximum: 100 }),
        warn: Type.Integer({ minimum: 0, maximum: 100 }),
        info: Type.Integer({ minimum: 0, maximum: 100 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
const PackInfo = Type.Object({
  language: Type.String(),
  version: Type.Integer(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  updatedBy: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
});
const FindingSchema = Type.Object({
  id: Type.String(),
  category: Type.String(),
  rule: Type.String(),
  severity: Type.String(),
  start: Type.Integer(),
  end: Type.Integer(),
  text: Type.String(),
  message: Type.String(),
  suggestion: Type.String(),
  dismissed: Type.Boolean(),
});

export const replycheckRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['replycheck'];
  const allow = (request: FastifyRequest, action: ReplycheckAction) => authorize(request, canReplycheck, action);

  app.get(
    '/replycheck/packs',
    { schema: { tags, response: { 200: ListOf(PackInfo), ...STANDARD_ERRORS } } },
    async (request) => {
      allow(request, 'read-packs');
      return { items: await replycheck.listPacks(ctx.database), nextCursor: null };
    },
  );

  app.get(
    '/replycheck/packs/:lang',
    { schema: { tags, params: LanguageParams, response: { 200: Type.Unknown(), ...STANDARD_ERRORS } } },
    async (request) => {
      allow(request, 'read-packs');
      return (await replycheck.currentPack(ctx.database, request.params.lang)).pack;
    },
  );

  app.put(
    '/replycheck/packs/:lang',
    {
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags,
        params: LanguageParams,
        body: Type.Object({}, { additionalProperties: true }),
        response: {
          200: Type.Object({ language: Type.String(), version: Type.Integer(), updatedAt: Type.String() }),
          ...problemResponses(400, 401, 403, 422),
        },
      },
    },
    async (request) => replycheck.savePack(ctx, allow(request, 'edit-packs'), request.params.lang, request.body),
  );

  app.get(
    '/replycheck/settings',
    { schema: { tags, response: { 200: SettingsSchema, ...STANDARD_ERRORS } } },
    async (request) => {
      allow(request, 'read-packs');
      return replycheck.replycheckSettings(ctx.database);
    },
  );

  app.put(
    '/replycheck/settings',
    { schema: { tags, body: SettingsSchema, response: { 200: SettingsSchema, ...STANDARD_ERRORS } } },
    async (request) => {
      allow(request, 'edit-packs');
      return replycheck.saveReplycheckSettings(ctx, request.body as replycheck.ReplycheckSettings);
    },
  );

  app.get(
    '/replycheck/feedback',
    {
      schema: {
        tags,
        querystring: Type.Object({ language: Type.Optional(literals(LANGUAGES)) }),
        response: {
          200: ListOf(
            Type.Object({
              id: Type.String(),
              language: Type.String(),
              category: Type.String(),
              rule: Type.String(),
              text: Type.String(),
              reply: Type.String(),
              reason: Type.String(),
              reportedBy: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
              createdAt: Type.String(),
            }),
          ),
          ...STANDARD_ERRORS,
        },
      },
    },
    async (request) => {
      allow(request, 'edit-packs');
      const rows = await replycheckRepository.feedback(ctx.database, request.query.language);
      return {
        items: rows.map((row) => ({
          id: row.id,
          language: row.language,
          category: row.category,
          rule: row.rule,
          text: row.text,
          reply: row.reply,
          reason: row.reason,
          reportedBy: row.dismissed_by ? { id: row.dismissed_by, name: row.dismissed_by_name ?? '' } : null,
          createdAt: row.dismissed_at.toISOString(),
        })),
        nextCursor: null,
      };
    },
  );

  app.get(
    '/qa/conversations',
    {
      schema: {
        tags,
        querystring: Type.Object({
          agentId: Type.Optional(Type.String({ format: 'uuid' })),
          cursor: Type.Optional(Type.String({ maxLength: 300 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: {
          200: ListOf(
            Type.Object({
              case: Type.Object({ id: Type.String(), number: Type.Integer(), subject: Type.String() }),
              agent: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
              score: Type.Integer(),
              findings: Type.Integer(),
              byCategory: Type.Record(Type.String(), Type.Integer()),
              lastSentAt: Type.String(),
            }),
          ),
          ...STANDARD_ERRORS,
        },
      },
    },
    async (request) => {
      allow(request, 'review-quality');
      return replycheck.worstConversations(ctx, request.query);
    },
  );

  app.get(
    '/qa/cases/:id',
    {
      schema: {
        tags,
        params: IdParams,
        response: {
          200: Type.Object({
            score: Type.Integer(),
            byCategory: Type.Record(Type.String(), Type.Integer()),
            messages: Type.Array(
              Type.Object({
                id: Type.String(),
                text: Type.String(),
                createdAt: Type.String(),
                author: Type.Object({
                  type: Type.String(),
                  id: Type.Union([Type.String(), Type.Null()]),
                  name: Type.String(),
                }),
                findings: Type.Array(FindingSchema),
              }),
            ),
          }),
          ...STANDARD_ERRORS,
        },
      },
    },
    async (request) => {
      const principal = allow(request, 'review-quality');
      await getCase(ctx, principal, request.params.id);
      const [messages, findings, score] = await Promise.all([
        listMessages(ctx, principal, request.params.id),
        replycheckRepository.caseFindings(ctx.database, request.params.id),
        replycheckRepository.caseScore(ctx.database, request.params.id),
      ]);
      return {
        score: score?.score ?? 100,
        byCategory: score?.by_category ?? {},
        messages: messages
          .filter((message) => message.direction === 'outbound' && message.visibility === 'public')
          .map((message) => ({
            id: message.id,
            text: message.text,
            createdAt: message.createdAt,
            author: message.author,
            findings: findings
              .filter((finding) => finding.message_id === message.id)
              .map(({ message_id: _message, ...finding }) => finding),
          })),
      };
    },
  );

  app.post(
    '/qa/findings/:id/dismiss',
    {
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 2000 }) }, { additionalProperties: false }),
        response: STANDARD_ERRORS,
      },
    },
    async (request, reply) => {
      await replycheck.dismissFinding(ctx, allow(request, 'review-quality'), request.params.id, request.body.reason);
      return reply.code(204).send();
    },
  );
};
