// POST /api/v1/admin/demo: what `heard demo` does, for a running server (the CLI cannot
// open an embedded database the server holds).
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { canIdentity } from '../domains/identity/identity.policy.ts';
import { AppError } from '../errors.ts';
import { authorize } from '../platform/auth.ts';
import { problemResponses } from '../platform/http-schemas.ts';
import { DEMO_CASE_COUNT, DEMO_USERS, hasNoCases, loadDemo } from './demo.ts';

export const demoRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/admin/demo',
    {
      schema: {
        tags: ['settings'],
        summary: 'Load the demo company, staff and cases into a desk that has no cases yet',
        response: {
          201: Type.Object({ cases: Type.Integer(), users: Type.Integer() }),
          ...problemResponses(401, 403, 409),
        },
      },
    },
    async (request, reply) => {
      authorize(request, canIdentity, 'manage-settings');
      if (!(await hasNoCases(ctx)))
        throw new AppError('conflict', 'demo data is only loaded into a desk without cases');
      await loadDemo(ctx);
      return reply.code(201).send({ cases: DEMO_CASE_COUNT, users: DEMO_USERS.length });
    },
  );
};
