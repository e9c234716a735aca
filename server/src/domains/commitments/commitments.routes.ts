import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { authorize, requirePrincipal } from '../../platform/auth.ts';
import { IdParams, literals, problemResponses, STANDARD_ERRORS } from '../../platform/http-schemas.ts';
import { CaseSchema, CommitmentBody } from '../cases/cases.schemas.ts';
import { canCommitments } from './commitments.policy.ts';
import {
  keptReport,
  proposeCommitment,
  STEP_KINDS,
  sendPolicy,
  setCommitment,
  updateSendPolicy,
} from './commitments.service.ts';

const SendPolicySchema = Type.Object(
  { missingCommitment: literals(['block', 'warn'] as const) },
  { additionalProperties: false },
);

const KeptFigures = Type.Object({
  kept: Type.Integer(),
  missed: Type.Integer(),
  superseded: Type.Integer(),
  /** kept / (kept + missed), or null when none came due. */
  keptShare: Type.Union([Type.Number(), Type.Null()]),
  /** How long before their date the kept ones were met (median, minutes). */
  medianEarlyMinutes: Type.Union([Type.Number(), Type.Null()]),
});
const KeptReportSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  total: KeptFigures,
  byKind: Type.Array(Type.Intersect([Type.Object({ kind: Type.String() }), KeptFigures])),
});

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
          { ...CommitmentBody.properties, notifyCustomer: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: CaseSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => setCommitment(ctx, requirePrincipal(request), request.params.id, request.body),
  );

  app.get(
    '/settings/send-policy',
    {
      schema: {
        tags: ['settings'],
        summary: 'What happens to a public reply that leaves the customer without a commitment',
        response: { 200: SendPolicySchema, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      authorize(request, canCommitments, 'read-settings');
      return sendPolicy(ctx.database);
    },
  );

  app.put(
    '/settings/send-policy',
    {
      schema: {
        tags: ['settings'],
        summary: 'Block (default) or only warn about replies without a commitment (supervisors)',
        body: SendPolicySchema,
        response: { 200: SendPolicySchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      authorize(request, canCommitments, 'manage-settings');
      return updateSendPolicy(ctx, request.body);
    },
  );

  app.get(
    '/reports/commitments',
    {
      schema: {
        tags: ['reports'],
        summary: 'Commitments kept and missed in a period, and how early the kept ones were met',
        querystring: Type.Object(
          { from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) },
          { additionalProperties: false },
        ),
        response: { 200: KeptReportSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      authorize(request, canCommitments, 'read-reports');
      return keptReport(ctx, new Date(request.query.from), new Date(request.query.to));
    },
  );
};
