import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import { apiServiceRoutes, errorBody, type ErrorBody } from '@octopus/contracts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from './context';
import { HttpError } from './http/errors';
import { registerOpenApi } from './http/openapi';
import { jsonSerializerCompiler, zodValidatorCompiler } from './http/route-schema';
import type { ApiApp } from './http/types';
import { registerCallRecordRoutes } from './routes/call-records';
import { registerCustomerRoutes } from './routes/customers';
import { registerFinanceRoutes } from './routes/finance';
import { registerIdentityRoutes } from './routes/identity';
import { registerServiceTrackRoutes } from './routes/service-track';
import { registerCustomerPanelRoutes } from './routes/customer-panel';
import { registerInternalRoutes } from './routes/internal';
import { registerTicketRoutes } from './routes/tickets';
import { registerAccountRoutes } from './routes/accounts';
import { registerAuditRoutes } from './routes/audit';
import { registerTelemetryRoutes } from './routes/telemetry';
import { registerReportRoutes } from './routes/reports';
import { refuseInvalidText } from './http/text';
import { auditKeyFromSecret } from './audit/chain';

/** Browser origins allowed by default: the shell (3000) and the remotes (3001–3004). */
export const DEFAULT_CORS_ORIGINS: readonly string[] = [3000, 3001, 3002, 3003, 3004].flatMap((port) => [
  `http://localhost:${port}`,
  `http://127.0.0.1:${port}`,
]);

export interface CreateAppOptions extends Omit<AppContext, 'auditKey'> {
  corsOrigins?: readonly string[];
  logger?: boolean;
  /** Told of every route as it is registered (method and url pattern; HEAD routes included). */
  onRoute?: (route: { method: string; url: string }) => void;
}

/**
 * The api as a Fastify instance (not listening). Every route declares its zod schemas in route options
 * (`apiRoutes` / `apiServiceRoutes` of @octopus/contracts) through the zod type provider; the OpenAPI
 * document generated from them is served at `GET /openapi.json`. Every error answers `ErrorBody`.
 */
export async function createApp(options: CreateAppOptions): Promise<ApiApp> {
  const ctx: AppContext = { db: options.db, tokenSecret: options.tokenSecret, auditKey: auditKeyFromSecret(options.tokenSecret), now: options.now, mode: options.mode };
  // Requests are small JSON; 64 KB bounds hostile payloads well above the largest valid one.
  // The request log (API_LOG=1) names method and route pattern only: urls carry customer ids and phones.
  const app = Fastify({
    logger: options.logger ? { serializers: { req: (req: FastifyRequest) => ({ method: req.method, route: req.routeOptions.url ?? '(no route)' }) } } : false,
    bodyLimit: 64 * 1024,
    // A path Fastify cannot even decode (`/users/%FF`) never reaches the hooks: answer it in our shape,
    // with the same headers helmet gives every other response.
    frameworkErrors: (error, _request, rawReply) => {
      const reply = rawReply as unknown as FastifyReply;
      const bad = error.code === 'FST_ERR_BAD_URL';
      const body: ErrorBody = bad ? errorBody('invalid_text', 'params: must be valid UTF-8', 'params') : errorBody('bad_request', error.message);
      void reply
        .code(400)
        .headers({
          'content-security-policy': "default-src 'none';frame-ancestors 'none'",
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          'x-frame-options': 'DENY',
        })
        .send(body);
    },
  }).withTypeProvider<ZodTypeProvider>();
  // Route schemas are zod (contracts): validated by zod with our 400 naming the field; answers are
  // written with JSON.stringify (response schemas document them, they are not enforced at runtime).
  if (options.onRoute) {
    const tell = options.onRoute;
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) tell({ method, url: route.url });
    });
  }
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(jsonSerializerCompiler);
  app.decorateRequest('agent', null);
  app.decorateRequest('service', null);
  await registerOpenApi(app);
  // JSON only, never framed, never rendered: the strictest policy on every response (errors and 404s too).
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  const origins = new Set(options.corsOrigins ?? DEFAULT_CORS_ORIGINS);
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin === undefined || origins.has(origin)),
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Octopus-Grant', 'X-Octopus-Ticket'],
    maxAge: 600,
  });

  // Some clients send `content-type: application/json` with no body (DELETE, bodiless PUT): treat it as
  // no body instead of Fastify's "empty JSON body" 400; otherwise the default (prototype-safe) parser.
  // Bytes that are not UTF-8 are refused, not silently turned into U+FFFD.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  app.removeContentTypeParser('application/json');
  // JSON only: no text/plain bodies (the kind a cross-site form or beacon can send without a preflight).
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, raw, done) => {
    let body: string;
    try {
      body = typeof raw === 'string' ? raw : utf8.decode(raw);
    } catch {
      done(new HttpError(400, 'invalid_text', 'body: must be valid UTF-8', 'body'), undefined);
      return;
    }
    if (body.trim() === '') {
      done(null, undefined);
      return;
    }
    jsonParser(request, body, done);
  });

  // NUL, control characters and lone surrogates anywhere in the input: 400 naming the field. Checked
  // on the input as sent, before authentication (route preValidation hooks) and schema validation.
  app.addHook('onRequest', async (request) => {
    const field = invalidQueryField(request.url);
    if (field) throw new HttpError(400, 'invalid_text', `${field}: must be valid UTF-8`, field);
  });
  app.addHook('preValidation', async (request) => {
    refuseInvalidText(request.params, 'params');
    refuseInvalidText(request.query, 'query');
    refuseInvalidText(request.body, 'body');
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError) {
      return reply.code(error.statusCode).send(error.body());
    }
    const status = typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: bad JSON, body too large, unsupported media type.
      return reply.code(status).send(errorBody(status === 413 ? 'payload_too_large' : 'bad_request', (error as Error).message));
    }
    // Logged even with the request logger off: a 500 must never vanish silently. Only the route
    // pattern and the error's class and code: messages and urls may carry note text, names or ids.
    const code = (error as { code?: unknown }).code;
    console.error(
      `api: ${request.method} ${request.routeOptions.url ?? '(no route)'} failed: ${(error as Error).name ?? 'Error'}${typeof code === 'string' ? ` (${code})` : ''}`,
    );
    return reply.code(500).send(errorBody('internal', 'internal error'));
  });
  app.setNotFoundHandler((request, reply) => {
    return reply.code(404).send(errorBody('not_found', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`));
  });

  app.get(apiServiceRoutes.health.url, { schema: apiServiceRoutes.health.schema }, async () => {
    const rows = await ctx.db.query<{ users: number }>('SELECT count(*)::int AS users FROM users');
    return { status: 'ok' as const, database: ctx.db.kind, users: rows[0]?.users ?? 0 };
  });

  registerInternalRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerTelemetryRoutes(app, ctx);
  registerReportRoutes(app, ctx);
  registerCallRecordRoutes(app, ctx);
  registerCustomerRoutes(app, ctx);
  registerFinanceRoutes(app, ctx);
  registerServiceTrackRoutes(app, ctx);
  registerIdentityRoutes(app, ctx);
  registerCustomerPanelRoutes(app, ctx);
  registerTicketRoutes(app, ctx);
  return app;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Percent-decodes `text` to bytes; null when the escapes are not UTF-8. */
function decodesAsUtf8(text: string): boolean {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '+') bytes.push(0x20);
    else bytes.push(...Buffer.from(c, 'utf8'));
  }
  try {
    strictUtf8.decode(Uint8Array.from(bytes));
    return true;
  } catch {
    return false;
  }
}

/** `query.<name>` (or `params`) of the first part of a raw url whose percent-escapes are not UTF-8; null if all are. */
function invalidQueryField(url: string): string | null {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (!decodesAsUtf8(path)) return 'params';
  if (q === -1) return null;
  for (const part of url.slice(q + 1).split('&')) {
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    const keyOk = decodesAsUtf8(key);
    if (!keyOk || !decodesAsUtf8(eq === -1 ? '' : part.slice(eq + 1))) return keyOk ? `query.${safeDecode(key)}` : 'query';
  }
  return null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
