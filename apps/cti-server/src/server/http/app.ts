import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctiRoutes, errorBody, HttpError } from '@octopus/contracts';
import { errorSummary } from '../../log';
import { registerAuthRoutes } from './auth-routes';
import { acceptJsonBodies, MAX_BODY_BYTES } from './body';
import type { CtiApp, HttpContext } from './context';
import { guardIngress, registerIngressRoutes, registerVoiceIngressRoutes } from './ingress-routes';
import { registerIvrRoutes } from './ivr-routes';
import { registerRulesRoutes } from './rules-routes';
import { registerSimRoutes } from './sim-routes';
import { registerSupervisorRoutes } from './supervisor-routes';
import { registerWsRoute } from './ws-route';

export type { CtiApp, HttpContext } from './context';

import { OPENAPI_PATH } from '@octopus/contracts';

export { OPENAPI_PATH };

/**
 * Security headers for every answer: this server serves JSON only, so nothing may run, load or frame
 * it (CSP `default-src 'none'; frame-ancestors 'none'`), no MIME sniffing, no referrer. HSTS belongs to
 * the TLS terminator of a deployment (plain HTTP on localhost in demo).
 */
const SECURITY_HEADERS = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  referrerPolicy: { policy: 'no-referrer' as const },
  crossOriginResourcePolicy: { policy: 'same-origin' as const },
  xFrameOptions: { action: 'deny' as const },
  strictTransportSecurity: false,
};

/** The same headers, written by hand where Fastify answers before any hook runs (an undecodable url). */
const RAW_SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none';frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

/** Maximum WebSocket message (bytes): the largest client frame is a command with a note. */
const MAX_FRAME_BYTES = 64 * 1024;

/**
 * The cti-server's HTTP and WebSocket side as a Fastify instance (not listening), in the api's idiom
 * (ADR 0011): routes only route, their zod schemas (`ctiRoutes` of @octopus/contracts) sit in route
 * options through the zod type provider and are served as OpenAPI at `GET /openapi.json`; every error
 * answers `ErrorBody`; CORS (@fastify/cors) for the allowed origins with `Retry-After` exposed;
 * security headers (@fastify/helmet) and `Cache-Control: no-store` on every answer; the agents'
 * WebSocket at `GET /ws` (@fastify/websocket).
 */
export async function createCtiHttpApp(ctx: HttpContext): Promise<CtiApp> {
  const log = ctx.log ?? (() => undefined);
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    keepAliveTimeout: 5000,
    // close() cuts kept-alive connections instead of waiting for them.
    forceCloseConnections: true,
    // Only the routes declared: no HEAD twin of each GET.
    exposeHeadRoutes: false,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    // A path Fastify cannot decode (`/sim/calls/%FF`) never reaches the hooks: answered in our shape here.
    frameworkErrors: (error, _request, rawReply) => {
      const reply = rawReply as unknown as FastifyReply;
      const body = error.code === 'FST_ERR_BAD_URL' ? errorBody('invalid_text', 'params: must be valid UTF-8', 'params') : errorBody('bad_request', 'bad request');
      void reply.code(400).headers(RAW_SECURITY_HEADERS).send(body);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // Answers are written as they are (the response schemas type and document them; they are no filter).
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  await app.register(swagger, {
    openapi: { openapi: '3.0.3', info: { title: 'Octopus cti-server', version: '1' } },
    transform: jsonSchemaTransform,
  });
  await app.register(helmet, SECURITY_HEADERS);
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin === undefined || ctx.corsOrigins(origin)),
    methods: ['GET', 'POST', 'PUT', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization'],
    exposedHeaders: ['retry-after'],
    maxAge: 600,
    // Any OPTIONS is answered 204 (a preflight without Access-Control-Request-Method included).
    strictPreflight: false,
  });
  await app.register(websocket, { options: { maxPayload: MAX_FRAME_BYTES } });
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('cache-control', 'no-store');
    // Only `/ws` upgrades; an upgrade to any other path is 404, as a plain request there would be.
    if (request.headers.upgrade && request.routeOptions.url !== '/ws') throw new HttpError(404, 'not_found', 'not found');
  });
  acceptJsonBodies(app);
  guardIngress(app, ctx);

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError) return reply.code(error.statusCode).send(error.body());
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => `${v.instancePath.slice(1).replaceAll('/', '.')}: ${v.message}`);
      const field = error.validation[0]?.instancePath.slice(1).replaceAll('/', '.');
      return reply.code(400).send(errorBody('bad_request', issues.join('; '), field || undefined));
    }
    const status = (error as { statusCode?: unknown }).statusCode;
    if (status === 413) return reply.code(413).send(errorBody('body_too_large', 'body too large'));
    if (status === 415) return reply.code(415).send(errorBody('unsupported_media_type', 'send the body as application/json'));
    if (typeof status === 'number' && status >= 400 && status < 500) return reply.code(status).send(errorBody('bad_request', 'bad request'));
    // No message or stack: they may quote request data. Method, route pattern and error class only.
    log(`500 on ${request.method} ${request.routeOptions.url ?? '(no route)'}: ${errorSummary(error)}`);
    return reply.code(500).send(errorBody('internal', 'internal error'));
  });
  app.setNotFoundHandler((request, reply) => {
    // A preflight from an origin CORS does not allow: answered, without any Access-Control-Allow-* header.
    if (request.method === 'OPTIONS') return reply.code(204).send();
    return reply.code(404).send(errorBody('not_found', 'not found'));
  });

  app.get(ctiRoutes.health.url, { schema: ctiRoutes.health.schema }, async () => ctx.health() as { status: 'ok'; service: 'cti-server'; mode: string; uptimeSeconds: number; sessions: number });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
  registerAuthRoutes(app, ctx);
  registerRulesRoutes(app, ctx);
  registerIvrRoutes(app, ctx);
  registerSupervisorRoutes(app, ctx);
  if (ctx.simulator) registerSimRoutes(app, ctx, ctx.simulator);
  if (ctx.ingress && ctx.ingressToken) {
    registerIngressRoutes(app, ctx, ctx.ingress);
    if (ctx.voice) registerVoiceIngressRoutes(app, ctx.voice, ctx.ingress, log);
  }
  registerWsRoute(app, ctx);
  return app;
}
