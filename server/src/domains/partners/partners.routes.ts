import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { authorize } from '../../platform/auth.ts';
import { IdParams, ListOf, problemResponses, STANDARD_ERRORS } from '../../platform/http-schemas.ts';
import { canPartners, type PartnerAction } from './partners.policy.ts';
import { refuseCase, suggestPartner } from './partners.refusals.ts';
import * as schemas from './partners.schemas.ts';
import * as partners from './partners.service.ts';

export const partnerRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['partners'];
  const may = (request: FastifyRequest, action: PartnerAction) =>
    authorize(request, canPartners, action, `you may not ${action} partners and referrals`);

  app.post(
    '/partners',
    {
      schema: {
        tags,
        summary: 'Add a partner to the directory',
        body: schemas.NewPartnerBody,
        response: { 201: schemas.PartnerSchema, ...STANDARD_ERRORS },
      },
    },
    async (request, reply) => {
      may(request, 'write');
      return reply.code(201).send(await partners.createPartner(ctx, request.body));
    },
  );

  app.get(
    '/partners',
    {
      schema: {
        tags,
        summary: 'The partner directory by name, with referral outcomes',
        querystring: schemas.PartnerListQuery,
        response: { 200: ListOf(schemas.PartnerSchema), ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      may(request, 'read');
      return partners.listPartners(ctx, request.query);
    },
  );

  app.get(
    '/partners/:id',
    { schema: { tags, params: IdParams, response: { 200: schemas.PartnerSchema, ...STANDARD_ERRORS } } },
    async (request) => {
      may(request, 'read');
      return partners.getPartner(ctx, request.params.id);
    },
  );

  app.patch(
    '/partners/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: schemas.PartnerPatchBody,
        response: { 200: schemas.PartnerSchema, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      may(request, 'write');
      return partners.updatePartner(ctx, request.params.id, request.body);
    },
  );

  app.post(
    '/cases/:id/refusal',
    {
      schema: {
        tags: ['cases', ...tags],
        summary: 'Refuse a case helpfully: records reason and cause, returns a draft reply (not sent)',
        params: IdParams,
        body: schemas.RefusalBody,
        response: { 201: schemas.RefusalResult, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const principal = may(request, 'refuse');
      return reply.code(201).send(await refuseCase(ctx, principal, request.params.id, request.body));
    },
  );

  app.get(
    '/cases/:id/partner-suggestion',
    {
      schema: {
        tags: ['cases', ...tags],
        summary: 'The partner a refusal of this case would propose',
        params: IdParams,
        response: {
          200: Type.Object({ partner: Type.Union([schemas.PartnerSchema, Type.Null()]) }),
          ...STANDARD_ERRORS,
        },
      },
    },
    async (request) => suggestPartner(ctx, may(request, 'refuse'), request.params.id),
  );

  app.get(
    '/referrals',
    {
      schema: {
        tags,
        summary: 'Referrals, newest first, with the customer’s answers',
        querystring: schemas.ReferralListQuery,
        response: { 200: ListOf(schemas.ReferralSchema), ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      may(request, 'read');
      return partners.listReferrals(ctx, request.query);
    },
  );

  app.post(
    '/referrals',
    {
      schema: {
        tags,
        summary: 'Record a customer a partner referred to us (incoming)',
        body: schemas.IncomingReferralBody,
        response: { 201: schemas.ReferralSchema, ...STANDARD_ERRORS },
      },
    },
    async (request, reply) => {
      const principal = may(request, 'record-referral');
      return reply.code(201).send(await partners.recordIncomingReferral(ctx, principal, request.body));
    },
  );

  app.get(
    '/referral-settings',
    { schema: { tags, response: { 200: schemas.ReferralSettingsSchema, ...STANDARD_ERRORS } } },
    async (request) => {
      may(request, 'read');
      return partners.referralSettings(ctx.database);
    },
  );

  app.patch(
    '/referral-settings',
    {
      schema: {
        tags,
        summary: 'After how many days customers are asked about a referral',
        body: schemas.ReferralSettingsSchema,
        response: { 200: schemas.ReferralSettingsSchema, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      may(request, 'configure');
      return partners.updateReferralSettings(ctx, request.body);
    },
  );
};
