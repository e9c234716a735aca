import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, transaction } from '../../context.ts';
import { forbidden, notFound } from '../../errors.ts';
import { authorize, requirePrincipal, SESSION_COOKIE } from '../../platform/auth.ts';
import { IdParams, ListOf, problemResponses, STANDARD_ERRORS } from '../../platform/http-schemas.ts';
import { invalidateCaseReferenceData } from '../cases/reference-data.ts';
import { canIdentity, type IdentityAction } from './identity.policy.ts';
import { presentTeam, presentToken, presentUser } from './identity.presenter.ts';
import { identityRepository as repo, type UserRow } from './identity.repository.ts';
import * as schemas from './identity.schemas.ts';
import * as identity from './identity.service.ts';

export const identityRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const secureCookie = ctx.config.publicUrl.startsWith('https:');
  const setSessionCookie = (reply: FastifyReply, token: string, expires: Date) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookie,
      path: '/',
      expires,
    });
  const sessionBody = (user: UserRow, csrfToken: string) => ({ user: presentUser(user), csrfToken });
  const allow = (request: FastifyRequest, action: IdentityAction) => authorize(request, canIdentity, action);

  app.post(
    '/auth/login',
    {
      config: {
        public: true,
        rateLimit: {
          max: ctx.config.loginRateLimitPerMinute,
          timeWindow: '1 minute',
          // After parsing, so the key can include the email being tried.
          hook: 'preHandler',
          keyGenerator: (request) =>
            `${request.ip}:${String((request.body as { email?: unknown })?.email ?? '').toLowerCase()}`,
        },
      },
      schema: {
        tags: ['auth'],
        body: schemas.LoginBody,
        response: { 200: schemas.SessionSchema, ...problemResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const session = await identity.login(ctx, request.body.email, request.body.password);
      setSessionCookie(reply, session.token, session.expiresAt);
      return sessionBody(session.user, session.csrfToken);
    },
  );

  app.get(
    '/auth/session',
    { schema: { tags: ['auth'], response: { 200: schemas.SessionSchema, ...problemResponses(401) } } },
    async (request) => {
      const principal = requirePrincipal(request);
      if (principal.kind !== 'user' || !request.csrfToken) throw forbidden('API tokens have no session');
      const user = await repo.userById(ctx.database, principal.id);
      if (!user) throw notFound('user');
      return sessionBody(user, request.csrfToken);
    },
  );

  app.post('/auth/logout', { config: { public: true }, schema: { tags: ['auth'] } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await identity.logout(ctx, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.post(
    '/auth/password-reset',
    {
      config: { public: true, rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], body: schemas.ResetBody, response: { ...problemResponses(400, 429) } },
    },
    async (request, reply) => {
      await identity.requestPasswordReset(ctx, request.body.email);
      return reply.code(202).send();
    },
  );

  app.post(
    '/auth/set-password',
    {
      config: { public: true, rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        body: schemas.SetPasswordBody,
        response: { 200: schemas.SessionSchema, ...problemResponses(400, 410) },
      },
    },
    async (request, reply) => {
      const user = await identity.setPasswordWithLink(ctx, request.body.token, request.body.password);
      const session = await identity.login(ctx, user.email, request.body.password);
      setSessionCookie(reply, session.token, session.expiresAt);
      return sessionBody(session.user, session.csrfToken);
    },
  );

  app.post(
    '/me/password',
    {
      config: { rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        body: Type.Object(
          {
            currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
            newPassword: Type.String({ minLength: 10, maxLength: 1024 }),
          },
          { additionalProperties: false },
        ),
        response: problemResponses(400, 401, 403, 429),
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (principal.kind !== 'user') throw forbidden('API tokens have no password');
      await identity.changePassword(
        ctx,
        principal.id,
        { current: request.body.currentPassword, next: request.body.newPassword },
        request.cookies[SESSION_COOKIE],
      );
      return reply.code(204).send();
    },
  );

  app.get(
    '/users',
    { schema: { tags: ['people'], response: { 200: ListOf(schemas.UserSchema), ...STANDARD_ERRORS } } },
    async (request) => {
      allow(request, 'list-users');
      const users = await repo.listUsers(ctx.database);
      return { items: users.filter((user) => user.role !== 'customer').map(presentUser), nextCursor: null };
    },
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['people'],
        body: schemas.NewUserBody,
        response: { 201: schemas.UserSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const principal = allow(request, 'manage-users');
      return reply.code(201).send(presentUser(await identity.inviteUser(ctx, principal, request.body)));
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['people'],
        params: IdParams,
        body: schemas.UserPatchBody,
        response: { 200: schemas.UserSchema, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const principal = allow(request, 'manage-users');
      return presentUser(await identity.updateUser(ctx, principal, request.params.id, request.body));
    },
  );

  app.get(
    '/teams',
    { schema: { tags: ['people'], response: { 200: ListOf(schemas.TeamSchema), ...STANDARD_ERRORS } } },
    async (request) => {
      allow(request, 'list-users');
      return { items: (await repo.listTeams(ctx.database)).map(presentTeam), nextCursor: null };
    },
  );

  app.post(
    '/teams',
    { schema: { tags: ['people'], body: schemas.TeamBody, response: { 201: schemas.TeamSchema, ...STANDARD_ERRORS } } },
    async (request, reply) => {
      allow(request, 'manage-teams');
      const team = await transaction(ctx, (tx) =>
        repo.insertTeam(tx, { name: request.body.name, defaultLanguage: request.body.defaultLanguage ?? 'en' }),
      );
      invalidateCaseReferenceData(ctx);
      return reply.code(201).send(presentTeam(team));
    },
  );

  app.patch(
    '/teams/:id',
    {
      schema: {
        tags: ['people'],
        params: IdParams,
        body: Type.Partial(schemas.TeamBody, { minProperties: 1 }),
        response: { 200: schemas.TeamSchema, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      allow(request, 'manage-teams');
      const team = await repo.updateTeam(ctx.database, request.params.id, request.body);
      if (!team) throw notFound('team');
      return presentTeam(team);
    },
  );

  app.get(
    '/tokens',
    { schema: { tags: ['people'], response: { 200: ListOf(schemas.TokenSchema), ...STANDARD_ERRORS } } },
    async (request) => {
      allow(request, 'manage-tokens');
      return { items: (await repo.listTokens(ctx.database)).map(presentToken), nextCursor: null };
    },
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags: ['people'],
        body: schemas.TokenBody,
        response: { 201: Type.Object({ id: Type.String(), token: Type.String() }), ...STANDARD_ERRORS },
      },
    },
    async (request, reply) => {
      const principal = allow(request, 'manage-tokens');
      const created = await identity.createApiToken(ctx, request.body, principal.kind === 'user' ? principal.id : null);
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/tokens/:id',
    { schema: { tags: ['people'], params: IdParams, response: STANDARD_ERRORS } },
    async (request, reply) => {
      allow(request, 'manage-tokens');
      if (!(await identity.revokeApiToken(ctx, request.params.id))) throw notFound('token');
      return reply.code(204).send();
    },
  );

  app.get(
    '/me/notifications',
    { schema: { tags: ['people'], response: { 200: ListOf(schemas.NotificationSchema), ...STANDARD_ERRORS } } },
    async (request) => {
      const principal = requirePrincipal(request);
      const rows = await repo.notifications(ctx.database, principal.id);
      return {
        items: rows.map((row) => ({
          id: row.id,
          kind: row.kind,
          text: row.text,
          caseId: row.case_id,
          createdAt: row.created_at.toISOString(),
          readAt: row.read_at?.toISOString() ?? null,
        })),
        nextCursor: null,
      };
    },
  );

  app.post(
    '/me/notifications/read',
    {
      schema: {
        tags: ['people'],
        body: Type.Object({ ids: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 500 }) }),
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      await repo.markNotificationsRead(ctx.database, principal.id, request.body.ids);
      return reply.code(204).send();
    },
  );
};
