// Authentication for every request: a session cookie (web app; unsafe methods must carry
// the session's CSRF token in `x-csrf-token`) or a bearer API token (integrations). Routes
// declare `config.public` to skip it; everything else requires a principal.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../context.ts';
import { principalFromApiToken, principalFromSession } from '../domains/identity/identity.service.ts';
import { AppError } from '../errors.ts';
import type { Principal } from './principal.ts';

export const SESSION_COOKIE = 'heard_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** No authentication needed (health, docs, login, public pages). */
    public?: boolean;
  }
}

/** The principal, if the domain policy allows it this action; 403 otherwise. Routes call this before touching data. */
export function authorize<Action>(
  request: FastifyRequest,
  can: (principal: Principal, action: Action) => boolean,
  action: Action,
  detail?: string,
): Principal {
  const principal = requirePrincipal(request);
  if (!can(principal, action)) throw new AppError('forbidden', detail);
  return principal;
}

/** The signed-in principal; routes call this after the auth hook has run. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated');
  return request.principal;
}

export const authPlugin = fp(async (app: FastifyInstance, { ctx }: { ctx: AppContext }) => {
  app.decorateRequest('principal', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.principal = (await principalFromApiToken(ctx, header.slice(7).trim())) ?? null;
      if (!request.principal) throw new AppError('unauthenticated', 'the API token is unknown or revoked');
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      const session = await principalFromSession(ctx, cookie);
      if (session) {
        request.principal = session.principal;
        request.csrfToken = session.csrfToken;
        const isPublic = request.routeOptions.config.public === true;
        if (!SAFE_METHODS.has(request.method) && !isPublic && request.headers['x-csrf-token'] !== session.csrfToken) {
          throw new AppError('csrf-failed');
        }
      }
    }
    if (!request.principal && !request.routeOptions.config.public && request.url.startsWith('/api/')) {
      throw new AppError('unauthenticated');
    }
  });
});
