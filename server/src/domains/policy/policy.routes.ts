// Public: the policy and complaint procedure pages (`/policy`, `/complaints`) and the same
// documents as PDF (`/api/v1/policy-document`). No sign-in; only published configuration.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { literals, problemResponses } from '../../platform/http-schemas.ts';
import { readerLanguage } from '../../platform/public-page.ts';
import { LANGUAGES, type Language } from '../../platform/templates.ts';
import { renderPolicyHtml } from './policy.html.ts';
import { renderPolicyPdf } from './policy.pdf.ts';
import { buildPolicyDocument, POLICY_DOCUMENTS, type PolicyKind } from './policy.service.ts';

const PageQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 10 })) });

export const policyPageRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const page = (kind: PolicyKind) => async (request: FastifyRequest<{ Querystring: { lang?: string } }>) => {
    const language = await readerLanguage(ctx, request, request.query.lang);
    return renderPolicyHtml(await buildPolicyDocument(ctx.database, kind, language));
  };
  for (const kind of POLICY_DOCUMENTS) {
    app.get(
      `/${kind}`,
      { config: { public: true }, schema: { hide: true, querystring: PageQuery } },
      async (request, reply) => reply.type('text/html; charset=utf-8').send(await page(kind)(request)),
    );
  }
};

export const policyDocumentRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/policy-document',
    {
      config: { public: true },
      schema: {
        tags: ['policy'],
        summary: 'The service policy or complaint procedure as PDF or HTML, generated from the configuration',
        querystring: Type.Object({
          lang: Type.Optional(literals(LANGUAGES)),
          document: Type.Optional(literals(POLICY_DOCUMENTS)),
          format: Type.Optional(literals(['pdf', 'html'] as const)),
        }),
        response: { ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const language: Language = await readerLanguage(ctx, request, request.query.lang);
      const kind = request.query.document ?? 'policy';
      const document = await buildPolicyDocument(ctx.database, kind, language);
      if (request.query.format === 'html')
        return reply.type('text/html; charset=utf-8').send(renderPolicyHtml(document));
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${kind}-${language}.pdf"`)
        .send(await renderPolicyPdf(document));
    },
  );
};
