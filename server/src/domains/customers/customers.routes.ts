import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { forbidden, notFound } from '../../errors.ts';
import { requirePrincipal } from '../../platform/auth.ts';
import { IdParams, ListOf, STANDARD_ERRORS } from '../../platform/http-schemas.ts';
import { isStaff } from '../../platform/principal.ts';
import { CaseSchema } from '../cases/cases.schemas.ts';
import { listCases } from '../cases/cases.service.ts';
import { customersRepository as repo } from './customers.repository.ts';

const CustomerSchema = Type.Object({
  id: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  email: Type.String(),
  otherEmails: Type.Array(Type.String()),
  phone: Type.Union([Type.String(), Type.Null()]),
  locale: Type.Union([Type.String(), Type.Null()]),
  country: Type.Union([Type.String(), Type.Null()]),
  organization: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
});

export const customerRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['customers'];
  const staffOnly = (request: Parameters<typeof requirePrincipal>[0]) => {
    const principal = requirePrincipal(request);
    if (!isStaff(principal)) throw forbidden('customer records are for the service desk');
    return principal;
  };

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
