// GET /api/v1/stream: Server-Sent Events telling the web app which cases changed, filtered
// by what the user may see; the app refetches through the API (which enforces policy).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { canSeeCase } from '../domains/cases/cases.policy.ts';
import { forbidden } from '../errors.ts';
import { requirePrincipal } from './auth.ts';
import { isStaff } from './principal.ts';

const HEARTBEAT_MS = 25_000;

export async function streamRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const open = new Set<() => void>();
  // Graceful shutdown waits for in-flight requests: end the endless ones first.
  app.addHook('preClose', async () => {
    for (const close of open) close();
  });
  app.get(
    '/stream',
    { schema: { tags: ['realtime'], summary: 'Server-Sent Events of case changes' } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (!isStaff(principal)) throw forbidden('the live stream is for the service desk');
      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      out.write('retry: 3000\n\n');
      const unsubscribe = ctx.changes.subscribe((change) => {
        if (canSeeCase(principal, { team_id: change.teamId, owner_id: change.ownerId, customer_email: '' })) {
          out.write(`event: case\ndata: ${JSON.stringify({ caseId: change.caseId })}\n\n`);
        }
      });
      const heartbeat = setInterval(() => out.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(close);
        out.end();
      };
      open.add(close);
      request.raw.once('close', close);
    },
  );
}
