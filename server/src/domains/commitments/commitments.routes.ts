import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { requirePrincipal } from '../../platform/auth.ts';
import { literals, STANDARD_ERRORS } from '../../platform/http-schemas.ts';
import { proposeCommitment, STEP_KINDS } from './commitments.service.ts';

const ProposalSchema = Type.Object({
  kind: Type.String(),
  dueAt: Type.String(),
  basis: Type.Object({
    kind: literals(['history', 'policy'] as const),
    samples: Type.Integer(),
    percentile: Type.Number(),
    typicalMinutes: Type.Union([Type.Number(), Type.Null()]),
    promisedMinutes: Type.Number(),
    text: Type.String(),
    language: Type.String(),
  }),
});

export const commitmentRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/commitments/proposal',
    {
      schema: {
        tags: ['commitments'],
        summary: 'The honest due date for a case’s next step, and its basis in words',
        querystring: Type.Object(
          { caseId: Type.String({ format: 'uuid' }), kind: Type.Optional(literals(STEP_KINDS)) },
          { additionalProperties: false },
        ),
        response: { 200: ProposalSchema, ...STANDARD_ERRORS },
      },
    },
    async (request) =>
      proposeCommitment(ctx, requirePrincipal(request), request.query.caseId, request.query.kind ?? 'first-reply'),
  );
};
