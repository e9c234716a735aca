import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { requirePrincipal } from '../../platform/auth.ts';
import { IdParams, literals, problemResponses, STANDARD_ERRORS } from '../../platform/http-schemas.ts';
import { CaseSchema } from '../cases/cases.schemas.ts';
import { proposeCommitment, STEP_KINDS, setCommitment } from './commitments.service.ts';

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

  app.put(
    '/cases/:id/commitment',
    {
      schema: {
        tags: ['commitments'],
        summary: 'Set what happens next on the case, by when, with whom',
        params: IdParams,
        body: Type.Object(
          {
            nextStep: Type.String({ minLength: 1, maxLength: 2000 }),
            dueAt: Type.Optional(Type.String({ format: 'date-time' })),
            ownerId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
            waitingOn: literals(['us', 'customer', 'third-party'] as const),
            reason: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: CaseSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => setCommitment(ctx, requirePrincipal(request), request.params.id, request.body),
  );
};
