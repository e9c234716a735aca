// Operations endpoints (public): liveness, readiness (database reachable), Prometheus metrics.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { pendingJobs } from './jobs.ts';

export const opsRoutes = fp(async (app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'heard_' });
  const duration = new Histogram({
    name: 'heard_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'heard_jobs_pending',
    help: 'Jobs recorded and not yet done (outbox, pg-boss and row queues such as email.ingest), by queue',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      const pending = ctx.jobs ? await ctx.jobs.pending() : await pendingJobs(ctx.database);
      for (const [queue, count] of pending) this.set({ queue }, count);
    },
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async () => {
    try {
      await ctx.database.executeSql('SELECT 1', []);
    } catch {
      throw new AppError('unavailable', 'the database is not reachable');
    }
    return { status: 'ready', database: ctx.database.kind };
  });
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
    reply.header('content-type', registry.contentType).send(await registry.metrics()),
  );
});
