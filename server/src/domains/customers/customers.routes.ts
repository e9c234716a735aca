import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { authorize } from '../../platform/auth.ts';
import { IdParams, ListOf, literals, problemResponses, STANDARD_ERRORS } from '../../platform/http-schemas.ts';
import { isStaff } from '../../platform/principal.ts';
import { LANGUAGES } from '../../platform/templates.ts';
import { CaseSchema } from '../cases/cases.schemas.ts';
import { listCases } from '../cases/cases.service.ts';
import { CUSTOMER_TIERS } from '../commitments/sla.ts';
import { organizationsRepository, customersRepository as repo } from './customers.repository.ts';
import { updateCustomer } from './customers.service.ts';

const CustomerSchema = Type.Object({
  id: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  email: Type.String(),
  otherEmails: Type.Array(Type.String()),
  phone: Type.Union([Type.String(), Type.Null()]),
  locale: Type.Union([Type.String(), Type.Null()]),
  country: Type.Union([Type.String(), Type.Null()]),
  tier: Type.String(),
  organization: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
});

export const customerRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['customers'];
  const staffOnly = (request: FastifyRequest) =>
    authorize(request, isStaff, undefined, 'customer records are for the service desk');

  app.get(
    '/customers',
    {
      schema: {
        tags,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: { 200: ListOf(CustomerSchema), ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      staffOnly(request);
      return {
        items: await repo.search(ctx.database, request.query.q?.trim() ?? '', request.query.limit ?? 25),
        nextCursor: null,
      };
    },
  );

  app.patch(
    '/customers/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()])),
            phone: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
            locale: Type.Optional(Type.Union([literals(LANGUAGES), Type.Null()])),
            country: Type.Optional(Type.Union([Type.String({ pattern: '^[A-Z]{2}$' }), Type.Null()])),
            otherEmails: Type.Optional(Type.Array(Type.String({ format: 'email', maxLength: 254 }), { maxItems: 20 })),
            organizationId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
            tier: Type.Optional(literals(CUSTOMER_TIERS)),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: CustomerSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      staffOnly(request);
      return updateCustomer(ctx, request.params.id, request.body);
    },
  );

  const OrganizationSchema = Type.Object({
    id: Type.String(),
    name: Type.String(),
    domain: Type.Union([Type.String(), Type.Null()]),
  });

  app.get(
    '/organizations',
    {
      schema: {
        tags,
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) }),
        response: { 200: ListOf(OrganizationSchema), ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      staffOnly(request);
      return {
        items: await organizationsRepository.search(ctx.database, request.query.q?.trim() ?? ''),
        nextCursor: null,
      };
    },
  );

  app.post(
    '/organizations',
    {
      schema: {
        tags,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            domain: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: OrganizationSchema, ...STANDARD_ERRORS },
      },
    },
    async (request, reply) => {
      staffOnly(request);
      const created = await organizationsRepository.insert(ctx.database, {
        name: request.body.name.trim(),
        domain: request.body.domain?.trim().toLowerCase() || null,
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/customers/:id',
    {
      schema: {
        tags,
        params: IdParams,
        response: {
          200: Type.Intersect([CustomerSchema, Type.Object({ cases: Type.Array(CaseSchema) })]),
          ...STANDARD_ERRORS,
        },
      },
    },
    async (request) => {
      const principal = staffOnly(request);
      const customer = await repo.byId(ctx.database, request.params.id);
      if (!customer) throw notFound('customer');
      const cases = await listCases(ctx, principal, { customerEmail: customer.email, status: 'any', limit: 100 });
      return { ...customer, cases: cases.items };
    },
  );
};
