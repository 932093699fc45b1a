import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifyTokenOfKind, type AgentClaims } from '@octopus/auth';
import { findInvalidText, internalLoginRequestSchema, loginRequestSchema, simCallRequestSchema } from '@octopus/contracts';
import helmet from 'helmet';
import type { CtiEngine } from '../engine/engine';
import type { AccountDirectory, AuditSink, AuthAnswer } from '../engine/ports';
import { errorSummary } from '../log';
import type { CallIngress } from '../ingress/ingress';
import type { Simulator } from '../sim/simulator';
import { agentVoiceConfig, type VoiceBridge, type VoiceSettings } from '../voice/voice';
import { z } from 'zod';

export interface HttpContext {
  engine: CtiEngine;
  simulator: Simulator | null;
  /** The call ingress; its HTTP routes answer only when `ingressToken` is set. */
  ingress?: CallIngress;
  /** Bearer token of the PBX / vendor platform on `/ingress/*`; null disables the HTTP ingress (404). */
  ingressToken?: string | null;
  /** The SIP side of the ingress (Kamailio), when the deployment has voice; null = voice off. */
  voice?: { bridge: VoiceBridge; settings: VoiceSettings } | null;
  accounts: AccountDirectory;
  tokenSecret: string;
  /** Allowed browser origins (CORS; the same list checks the WebSocket upgrade). */
  corsOrigins: (origin: string) => boolean;
  /** A login succeeded with this account (`LoginResponse.agent`): the roster may have changed. */
  afterLogin: (agent: unknown) => Promise<void>;
  /** A session was logged out: close its sockets. */
  endSession: (sid: string) => void;
  /** Refresh and logout refusals go here (the api's audit chain). */
  audit?: AuditSink;
  health: () => Record<string, unknown>;
  log?: (message: string) => void;
}

const MAX_BODY = 64 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * Security headers for every answer (helmet): this server serves JSON only, so nothing may run, load
 * or frame it (CSP `default-src 'none'; frame-ancestors 'none'`), no MIME sniffing, no referrer.
 */
const securityHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  xFrameOptions: { action: 'deny' },
  // Plain HTTP on localhost in demo; HSTS belongs to the TLS terminator of a deployment.
  strictTransportSecurity: false,
});

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a JSON body. Only `application/json` is accepted (415 otherwise): a browser cannot send that
 * cross-origin without a CORS preflight, which only the allowed origins pass. Invalid UTF-8 and strings
 * with NUL, other control characters or lone surrogates are 400 `invalid_text` naming the field.
 */
function readJson(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    return Promise.reject(new HttpError(415, 'unsupported_media_type', 'send the body as application/json'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'body_too_large', 'body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      let text: string;
      try {
        text = utf8.decode(Buffer.concat(chunks));
      } catch {
        return reject(new HttpError(400, 'invalid_text', 'the body is not valid UTF-8', '(body)'));
      }
      if (!text.trim()) return resolve({});
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return reject(new HttpError(400, 'bad_json', 'body is not JSON'));
      }
      const invalid = findInvalidText(value);
      if (invalid) return reject(new HttpError(400, 'invalid_text', `${invalid.field} ${invalid.problem}`, invalid.field));
      resolve(value);
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), 'cache-control': 'no-store', ...headers });
  res.end(text);
}

function relay(res: ServerResponse, answer: AuthAnswer): void {
  send(res, answer.status, answer.body, answer.retryAfter ? { 'retry-after': answer.retryAfter } : {});
}

/** The Bearer agent token of a request, checked for signature and expiry (the session is the directory's to judge). */
function bearerAgent(req: IncomingMessage, secret: string): AgentClaims {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw new HttpError(401, 'unauthorized', 'send the agent token as Authorization: Bearer <token>');
  try {
    const claims = verifyTokenOfKind(m[1]!, 'agent', { secret });
    if (typeof claims.sid !== 'string' || !claims.sid) throw new Error('no session');
    return claims;
  } catch {
    throw new HttpError(401, 'unauthorized', 'the agent token is not valid');
  }
}

/** A refresh or logout refused (here or by the api), for the api's audit chain. */
function auditAuthRefusal(ctx: HttpContext, action: string, agentId: string | null, sid: string | null, reason: string): void {
  ctx.audit?.audit({ at: new Date().toISOString(), agentId, sessionId: sid, userId: null, callId: null, action, outcome: 'refused', reason: reason.slice(0, 200) });
}

/** Runs `check`; a 401 it throws (no valid token: agent unknown) is audited before it is answered. */
function audited<T>(ctx: HttpContext, action: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof HttpError) auditAuthRefusal(ctx, action, null, null, `${error.status} ${error.code}: ${error.message}`);
    throw error;
  }
}

function errorCodeOf(answer: AuthAnswer): string {
  const error = (answer.body as { error?: unknown } | null)?.error;
  return typeof error === 'string' ? error.slice(0, 64) : 'error';
}

/** An inbound call reported by the network: the simulator's request without the simulated rating. */
const ingressCallSchema = simCallRequestSchema.omit({ rating: true });
const ingressDtmfSchema = z.object({ digits: z.string().regex(/^[0-9*#]{1,32}$/) });
// Printable ASCII without quote or backslash (they would break Kamailio's RPC call); no spaces.
const sipToken = z.string().regex(/^[!#-[\]-~]{1,128}$/);
const sipDialogSchema = z.object({ sipCallId: sipToken, fromTag: sipToken, toTag: sipToken });

/** The PBX's bearer token, compared in constant time; 401 otherwise. */
function checkIngressToken(req: IncomingMessage, token: string): void {
  const given = Buffer.from((req.headers.authorization ?? '').replace(/^Bearer\s+/i, ''));
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new HttpError(401, 'unauthorized', 'a valid ingress token is required');
}

/** The route pattern of a path, for logs (ids never appear in them). */
function routeOf(method: string, p: string): string {
  if (p.startsWith('/ingress/calls/')) return `${method} /ingress/calls/:callId${/\/(hangup|answer|dtmf)$/.exec(p)?.[0] ?? ''}`;
  if (p.startsWith('/sim/calls/')) return `${method} /sim/calls/:callId${p.endsWith('/hangup') ? '/hangup' : ''}`;
  return `${method} ${p.length > 40 ? `${p.slice(0, 40)}…` : p}`;
}

/** Plain `node:http` routing: a handful of JSON endpoints does not need a framework. */
export function createHttpHandler(ctx: HttpContext): (req: IncomingMessage, res: ServerResponse) => void {
  const log = ctx.log ?? (() => undefined);
  return (req, res) => {
    securityHeaders(req, res, () => {
      handle(ctx, req, res).catch((error: unknown) => {
        if (error instanceof HttpError) {
          send(res, error.status, { error: error.code, message: error.message, ...(error.field !== undefined && { field: error.field }) });
          return;
        }
        // No message or stack: they may quote request data. Method, route and error class only.
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        log(`500 on ${routeOf(req.method ?? 'GET', path)}: ${errorSummary(error)}`);
        if (!res.headersSent) send(res, 500, { error: 'internal', message: 'internal error' });
      });
    });
  };
}

async function handle(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const origin = req.headers.origin;
  if (origin && ctx.corsOrigins(origin)) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'Origin');
    res.setHeader('access-control-allow-headers', 'content-type, authorization');
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-expose-headers', 'retry-after');
    res.setHeader('access-control-max-age', '600');
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') {
    res.writeHead(204);
    res.end();
    return;
  }
  const p = url.pathname.replace(/\/+$/, '') || '/';
  // Every POST carries a JSON body (an empty `{}` at least), so no cross-site form or beacon can act.
  const body = method === 'POST' ? await readJson(req) : undefined;

  if (p === '/health' && method === 'GET') return send(res, 200, ctx.health());

  if (p === '/auth/login' && method === 'POST') {
    const parsed = loginRequestSchema.safeParse(body);
    if (!parsed.success) throw new HttpError(400, 'bad_request', 'agentId and password are required', parsed.error.issues[0]?.path.join('.') || undefined);
    const request = internalLoginRequestSchema.safeParse({ ...parsed.data, client: (req.socket.remoteAddress ?? 'unknown').slice(0, 64) });
    // A malformed agent id cannot name an account: the same answer as a wrong password.
    if (!request.success) return send(res, 401, { error: 'invalid_credentials', message: 'wrong agent id or password' });
    const answer = await ctx.accounts.login(request.data);
    if (answer.status === 200) await ctx.afterLogin((answer.body as { agent?: unknown }).agent).catch(() => undefined);
    return relay(res, answer);
  }
  if (p === '/auth/refresh' && method === 'POST') {
    const claims = audited(ctx, 'session-refresh', () => bearerAgent(req, ctx.tokenSecret));
    const answer = await ctx.accounts.refresh(claims.sid);
    if (answer.status >= 400) auditAuthRefusal(ctx, 'session-refresh', claims.sub, claims.sid, `${answer.status} ${errorCodeOf(answer)}`);
    return relay(res, answer);
  }
  if (p === '/auth/logout' && method === 'POST') {
    const claims = audited(ctx, 'session-logout', () => bearerAgent(req, ctx.tokenSecret));
    const answer = await ctx.accounts.logout(claims.sid);
    // Closed here too, not only at the next check: logout takes effect at once.
    if (answer.status < 300) ctx.endSession(claims.sid);
    else auditAuthRefusal(ctx, 'session-logout', claims.sub, claims.sid, `${answer.status} ${errorCodeOf(answer)}`);
    return relay(res, answer);
  }

  if (p === '/voice/config' && method === 'GET') {
    // The agent's own SIP credentials (derived, never stored): only with a valid agent token.
    const claims = bearerAgent(req, ctx.tokenSecret);
    if (!ctx.voice) return send(res, 200, { enabled: false });
    return send(res, 200, agentVoiceConfig(ctx.voice.settings, claims.sub));
  }

  if (p.startsWith('/ingress/voice/')) return voiceIngressRoute(ctx, req, res, p, method, body);
  if (p.startsWith('/ingress/')) return ingressRoute(ctx, req, res, p, method, body);

  if (p.startsWith('/sim/')) {
    // The simulator does not exist in production mode.
    const sim = ctx.simulator;
    if (!sim) throw new HttpError(404, 'not_found', 'not found');
    if (p === '/sim/calls' && method === 'POST') {
      const parsed = simCallRequestSchema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new HttpError(400, 'bad_request', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), issue?.path.join('.') || undefined);
      }
      if (parsed.data.skillGroup && !ctx.engine.hasGroup(parsed.data.skillGroup)) throw new HttpError(400, 'bad_request', `unknown skill group ${parsed.data.skillGroup}`, 'skillGroup');
      return send(res, 200, { callId: sim.createCall(parsed.data) });
    }
    const m = /^\/sim\/calls\/([^/]{1,64})(\/hangup)?$/.exec(p);
    if (m) {
      const callId = decodeURIComponent(m[1]!);
      if (m[2] && method === 'POST') {
        const status = ctx.engine.callStatus(callId);
        if (!status) throw new HttpError(404, 'not_found', 'no such call');
        const hungUp = sim.hangup(callId);
        return send(res, 200, { callId, hungUp });
      }
      if (!m[2] && method === 'GET') {
        const status = ctx.engine.callStatus(callId);
        if (!status) throw new HttpError(404, 'not_found', 'no such call');
        return send(res, 200, status);
      }
    }
  }
  throw new HttpError(404, 'not_found', 'not found');
}

/**
 * The SIP side of the ingress (docs/protocol.md §13a), asked by Kamailio for each INVITE it holds:
 * `GET …/ring?wait=<s>&skip=<agentId>` long-polls for the agent to ring (text/plain `ring <agentId>`,
 * `wait` or `end`, so the SIP proxy needs no JSON parser); `POST …/dialog` reports the confirmed dialog.
 */
async function voiceIngressRoute(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, p: string, method: string, body: unknown): Promise<void> {
  if (!ctx.ingress || !ctx.ingressToken || !ctx.voice) throw new HttpError(404, 'not_found', 'not found');
  checkIngressToken(req, ctx.ingressToken);
  const m = /^\/ingress\/voice\/calls\/([A-Za-z0-9_.:-]{1,64})\/(ring|dialog)$/.exec(p);
  if (m && m[2] === 'ring' && method === 'GET') {
    const q = new URL(req.url ?? '/', 'http://localhost').searchParams;
    // At most 25 s per poll: below Kamailio's HTTP timeout (30 s, deploy/voice/kamailio.cfg).
    const waitMs = Math.min(Math.max(Number(q.get('wait') ?? 0) || 0, 0), 25) * 1000;
    const skip = new Set((q.get('skip') ?? '').split(',').filter(Boolean));
    let gone = false;
    req.on('close', () => (gone = true));
    const decision = await ctx.voice.bridge.ring(m[1]!, waitMs, skip);
    if (gone) return;
    const text = decision.kind === 'ring' ? `ring ${decision.agentId}` : decision.kind;
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end(text);
    return;
  }
  if (m && m[2] === 'dialog' && method === 'POST') {
    const parsed = sipDialogSchema.safeParse(body);
    if (!parsed.success) throw new HttpError(400, 'bad_request', 'sipCallId, fromTag and toTag are SIP tokens', parsed.error.issues[0]?.path.join('.') || undefined);
    return send(res, 200, { callId: m[1], done: ctx.voice.bridge.dialogConfirmed(m[1]!, parsed.data) });
  }
  throw new HttpError(404, 'not_found', 'not found');
}

/**
 * The call ingress over HTTP (docs/protocol.md §13): a PBX or vendor platform reports calls and their
 * events, and follows `GET /ingress/events` (Server-Sent Events) for the call control Octopus decides.
 */
function ingressRoute(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, p: string, method: string, body: unknown): void {
  const ingress = ctx.ingress;
  if (!ingress || !ctx.ingressToken) throw new HttpError(404, 'not_found', 'not found');
  checkIngressToken(req, ctx.ingressToken);
  if (p === '/ingress/calls' && method === 'POST') {
    const parsed = ingressCallSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HttpError(400, 'bad_request', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), issue?.path.join('.') || undefined);
    }
    if (parsed.data.skillGroup && !ctx.engine.hasGroup(parsed.data.skillGroup)) throw new HttpError(400, 'bad_request', `unknown skill group ${parsed.data.skillGroup}`, 'skillGroup');
    return send(res, 200, { callId: ingress.inbound(parsed.data) });
  }
  if (p === '/ingress/events' && method === 'GET') {
    const last = Number(req.headers['last-event-id'] ?? new URL(req.url ?? '/', 'http://localhost').searchParams.get('after') ?? ingress.lastSeq);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': octopus call ingress\n\n');
    const unsubscribe = ingress.subscribe((event) => res.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`), Number.isFinite(last) ? last : ingress.lastSeq);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    keepAlive.unref();
    res.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
    return;
  }
  const m = /^\/ingress\/calls\/([^/]{1,64})\/(hangup|answer|dtmf)$/.exec(p);
  if (m && method === 'POST') {
    const callId = decodeURIComponent(m[1]!);
    if (!ctx.engine.callStatus(callId)) throw new HttpError(404, 'not_found', 'no such call');
    if (m[2] === 'hangup') return send(res, 200, { callId, done: ingress.hangup(callId) });
    if (m[2] === 'answer') return send(res, 200, { callId, done: ingress.answered(callId) });
    const parsed = ingressDtmfSchema.safeParse(body);
    if (!parsed.success) throw new HttpError(400, 'bad_request', 'digits: 1–32 of 0-9 * #', 'digits');
    return send(res, 200, { callId, done: ingress.dtmf(callId, parsed.data.digits) });
  }
  const status = /^\/ingress\/calls\/([^/]{1,64})$/.exec(p);
  if (status && method === 'GET') {
    const found = ctx.engine.callStatus(decodeURIComponent(status[1]!));
    if (!found) throw new HttpError(404, 'not_found', 'no such call');
    return send(res, 200, found);
  }
  throw new HttpError(404, 'not_found', 'not found');
}
