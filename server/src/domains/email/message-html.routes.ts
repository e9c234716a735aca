import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { requirePrincipal } from '../../platform/auth.ts';
import { IdParams, literals, STANDARD_ERRORS } from '../../platform/http-schemas.ts';
import { frameCsp, messageDocument } from './sanitize.document.ts';

export const messageHtmlRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/messages/:id/html',
    {
      schema: {
        tags: ['cases'],
        summary: "A message's sanitized HTML as a document for a sandboxed iframe",
        params: IdParams,
        querystring: Type.Object({ images: Type.Optional(literals(['allow', 'block'] as const)) }),
        produces: ['text/html'],
        response: STANDARD_ERRORS,
      },
    },
    async (request, reply) => {
      const html = await messageDocument(ctx, requirePrincipal(request), request.params.id);
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', frameCsp(request.query.images === 'allow'))
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'private, no-store')
        .send(html);
    },
  );
};
