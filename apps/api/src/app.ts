import Fastify, { type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import type { ApiErrorBody, ApiHealthResponse } from '@octopus/contracts';
import type { AppContext } from './context';
import { HttpError } from './http/errors';
import { registerCallRecordRoutes } from './routes/call-records';
import { registerCustomerRoutes } from './routes/customers';
import { registerInternalRoutes } from './routes/internal';
import { registerTicketRoutes } from './routes/tickets';

/** Browser origins allowed by default: the shell (3000) and the remotes (3001–3004). */
export const DEFAULT_CORS_ORIGINS: readonly string[] = [3000, 3001, 3002, 3003, 3004].flatMap((port) => [
  `http://localhost:${port}`,
  `http://127.0.0.1:${port}`,
]);

export interface CreateAppOptions extends AppContext {
  corsOrigins?: readonly string[];
  logger?: boolean;
}

export async function createApp(options: CreateAppOptions): Promise<FastifyInstance> {
  const ctx: AppContext = { db: options.db, tokenSecret: options.tokenSecret, now: options.now };
  // Requests are small JSON; 64 KB bounds hostile payloads well above the largest valid one.
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 64 * 1024 });
  const origins = new Set(options.corsOrigins ?? DEFAULT_CORS_ORIGINS);
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin === undefined || origins.has(origin)),
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Octopus-Grant', 'X-Octopus-Ticket'],
    maxAge: 600,
  });

  // Some clients send `content-type: application/json` with no body (DELETE, bodiless PUT): treat it as
  // no body instead of Fastify's "empty JSON body" 400; otherwise the default (prototype-safe) parser.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, raw, done) => {
    const body = typeof raw === 'string' ? raw : raw.toString('utf8');
    if (body.trim() === '') {
      done(null, undefined);
      return;
    }
    jsonParser(request, body, done);
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError) {
      const body: ApiErrorBody = { error: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
      return reply.code(error.statusCode).send(body);
    }
    const status = typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: bad JSON, body too large, unsupported media type.
      const body: ApiErrorBody = { error: status === 413 ? 'payload_too_large' : 'bad_request', message: (error as Error).message };
      return reply.code(status).send(body);
    }
    // Logged even with the request logger off: a 500 must never vanish silently.
    console.error(`api: ${request.method} ${request.url.split('?')[0] ?? ''} failed:`, error);
    const body: ApiErrorBody = { error: 'internal', message: 'internal error' };
    return reply.code(500).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ApiErrorBody = { error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0] ?? ''}` };
    return reply.code(404).send(body);
  });

  app.get('/health', async (): Promise<ApiHealthResponse> => {
    const rows = await ctx.db.query<{ users: number }>('SELECT count(*)::int AS users FROM users');
    return { status: 'ok', database: ctx.db.kind, users: rows[0]?.users ?? 0 };
  });

  registerInternalRoutes(app, ctx);
  registerCallRecordRoutes(app, ctx);
  registerCustomerRoutes(app, ctx);
  registerTicketRoutes(app, ctx);
  return app;
}
