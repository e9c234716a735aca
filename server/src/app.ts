// buildApp(ctx): the Fastify application with every plugin and route registered; it does
// not listen. main.ts listens; tests use app.inject().
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, LogController } from 'fastify';
import type { AppContext } from './context.ts';
import { demoRoutes } from './demo/demo.routes.ts';
import { attachmentRoutes } from './domains/attachments/attachments.routes.ts';
import { caseRoutes } from './domains/cases/cases.routes.ts';
import { commitmentRoutes } from './domains/commitments/commitments.routes.ts';
import { escalationApiRoutes, escalationPublicRoutes } from './domains/commitments/escalation.routes.ts';
import { slaRoutes } from './domains/commitments/sla.routes.ts';
import { customerRoutes } from './domains/customers/customers.routes.ts';
import { imapRoutes } from './domains/email/imap.routes.ts';
import { inboundRoutes } from './domains/email/inbound.routes.ts';
import { messageHtmlRoutes } from './domains/email/message-html.routes.ts';
import { identityRoutes } from './domains/identity/identity.routes.ts';
import { kbPageRoutes } from './domains/kb/kb.page.ts';
import { kbRoutes } from './domains/kb/kb.routes.ts';
import { referralPageRoutes } from './domains/partners/partners.page.ts';
import { partnerRoutes } from './domains/partners/partners.routes.ts';
import { policyDocumentRoutes, policyPageRoutes } from './domains/policy/policy.routes.ts';
import { replycheckRoutes } from './domains/replycheck/replycheck.routes.ts';
import { scriptRoutes } from './domains/scripts/scripts.routes.ts';
import { settingsRoutes } from './domains/settings/settings.routes.ts';
import { AppError, ERROR_CATALOGUE, type ProblemDetails } from './errors.ts';
import { authPlugin } from './platform/auth.ts';
import { Problem } from './platform/http-schemas.ts';
import { opsRoutes } from './platform/ops.routes.ts';
import { WEB_DIST } from './platform/paths.ts';
import { streamRoutes } from './platform/stream.routes.ts';

/** Maps any error to a problem document; unknown errors become a logged 500 with no internals shown. */
function toProblem(error: FastifyError | AppError | Error): ProblemDetails {
  if (error instanceof AppError) return error.toProblem();
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const errors = fastifyError.validation.map((issue) => {
      const missing = (issue.params as { missingProperty?: string }).missingProperty;
      const extra = (issue.params as { additionalProperty?: string }).additionalProperty;
      const base = issue.instancePath || '';
      const field = missing ? `${base}/${missing}` : extra ? `${base}/${extra}` : base || '/';
      const message = extra ? 'is not a known field' : (issue.message ?? 'is not valid');
      return { field: `${fastifyError.validationContext ?? 'body'}${field}`, message };
    });
    return new AppError('validation-failed', errors.map((e) => `${e.field} ${e.message}`).join('; '), {
      errors,
    }).toProblem();
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
      return new AppError('payload-too-large').toProblem();
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported-media-type').toProblem();
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('validation-failed', fastifyError.message).toProblem();
  }
  if (fastifyError.statusCode === 429) return new AppError('rate-limited').toProblem();
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new AppError('validation-failed', fastifyError.message).toProblem();
  }
  return new AppError('internal').toProblem();
}

export async function buildApp(ctx: AppContext) {
  const app = Fastify({
    loggerInstance: ctx.log,
    // One line per request, written when it completes (below), instead of two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: true,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(problem.status).type('application/problem+json').send(problem);
  });

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  // Public server-rendered pages (escalation, referral answers) post plain HTML forms.
  await app.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
  await app.register(fastifyMultipart, { limits: { fileSize: ctx.config.uploadLimitBytes, files: 1, fields: 5 } });
  app.addSchema(Problem);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Heard API',
        version: '1',
        description: `Errors are application/problem+json with a stable \`code\`:\n\n${Object.entries(ERROR_CATALOGUE)
          .map(([code, entry]) => `- \`${code}\` (${entry.status}): ${entry.title}`)
          .join('\n')}`,
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token from `heard token create` or the admin UI',
          },
          session: { type: 'apiKey', in: 'cookie', name: 'heard_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  // The docs page's own routes are public.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config as object), public: true };
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  await app.register(authPlugin, { ctx });
  await app.register(opsRoutes, { ctx });
  await app.register(referralPageRoutes, { ctx });
  await app.register(policyPageRoutes, { ctx });
  await app.register(kbPageRoutes, { ctx });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      await api.register(identityRoutes, { ctx });
      await api.register(caseRoutes, { ctx });
      await api.register(customerRoutes, { ctx });
      await api.register(attachmentRoutes, { ctx });
      await api.register(inboundRoutes, { ctx });
      await api.register(messageHtmlRoutes, { ctx });
      await api.register(imapRoutes, { ctx });
      await api.register(settingsRoutes, { ctx });
      await api.register(replycheckRoutes, { ctx });
      await api.register(commitmentRoutes, { ctx });
      await api.register(escalationApiRoutes, { ctx });
      await api.register(partnerRoutes, { ctx });
      await api.register(scriptRoutes, { ctx });
      await api.register(policyDocumentRoutes, { ctx });
      await api.register(kbRoutes, { ctx });
      await api.register(slaRoutes, { ctx });
      await api.register(demoRoutes, { ctx });
      await api.register(streamRoutes, { ctx });
    },
    { prefix: '/api/v1' },
  );
  await app.register(escalationPublicRoutes, { ctx });

  const webBuilt = existsSync(join(WEB_DIST, 'index.html'));
  // Files are looked up per request (a rebuilt web app is served without a restart).
  if (webBuilt) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true, index: 'index.html' });
  app.setNotFoundHandler((request, reply) => {
    const isFileOrApi = request.url.startsWith('/api/') || request.url.startsWith('/assets/');
    if (isFileOrApi || request.method !== 'GET' || !webBuilt) {
      const problem = new AppError('not-found', `no route ${request.method} ${request.url.split('?')[0]}`).toProblem();
      return reply.code(404).type('application/problem+json').send(problem);
    }
    // Client-side routes of the single-page app.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
