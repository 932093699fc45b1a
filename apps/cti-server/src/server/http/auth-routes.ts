import type { FastifyReply, FastifyRequest } from 'fastify';
import { verifyTokenOfKind, type AgentClaims } from '@octopus/auth';
import { ctiRoutes, errorBody, HttpError, internalLoginRequestSchema } from '@octopus/contracts';
import type { AuthAnswer } from '../../engine/ports';
import { agentVoiceConfig } from '../../voice/voice';
import type { CtiApp, HttpContext } from './context';

/** The api's answer as is: status, body and `Retry-After` (login throttling). */
function relay(reply: FastifyReply, answer: AuthAnswer): FastifyReply {
  if (answer.retryAfter) void reply.header('retry-after', answer.retryAfter);
  return reply.code(answer.status).send(answer.body);
}

/** The Bearer agent token of a request, checked for signature and expiry (the session is the directory's to judge); 401 otherwise. */
export function bearerAgent(request: FastifyRequest, secret: string): AgentClaims {
  const m = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
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

/** The bearer agent; a 401 (no valid token: agent unknown) is audited before it is answered. */
function auditedBearer(ctx: HttpContext, request: FastifyRequest, action: string): AgentClaims {
  try {
    return bearerAgent(request, ctx.tokenSecret);
  } catch (error) {
    if (error instanceof HttpError) auditAuthRefusal(ctx, action, null, null, `${error.statusCode} ${error.code}: ${error.message}`);
    throw error;
  }
}

function errorCodeOf(answer: AuthAnswer): string {
  const error = (answer.body as { error?: unknown } | null)?.error;
  return typeof error === 'string' ? error.slice(0, 64) : 'error';
}

/** `/auth/*` (the agent's login point; the api holds accounts and sessions) and `/voice/config`. */
export function registerAuthRoutes(app: CtiApp, ctx: HttpContext): void {
  app.post(ctiRoutes.login.url, { schema: ctiRoutes.login.schema }, async (request, reply) => {
    const login = internalLoginRequestSchema.safeParse({ ...request.body, client: (request.raw.socket.remoteAddress ?? 'unknown').slice(0, 64) });
    // A malformed agent id cannot name an account: the same answer as a wrong password.
    if (!login.success) return reply.code(401).send(errorBody('invalid_credentials', 'wrong agent id or password'));
    const answer = await ctx.accounts.login(login.data);
    if (answer.status === 200) await ctx.afterLogin((answer.body as { agent?: unknown }).agent).catch(() => undefined);
    return relay(reply, answer);
  });

  app.post(ctiRoutes.refresh.url, { schema: ctiRoutes.refresh.schema }, async (request, reply) => {
    const claims = auditedBearer(ctx, request, 'session-refresh');
    const answer = await ctx.accounts.refresh(claims.sid);
    if (answer.status >= 400) auditAuthRefusal(ctx, 'session-refresh', claims.sub, claims.sid, `${answer.status} ${errorCodeOf(answer)}`);
    return relay(reply, answer);
  });

  app.post(ctiRoutes.logout.url, { schema: ctiRoutes.logout.schema }, async (request, reply) => {
    const claims = auditedBearer(ctx, request, 'session-logout');
    const answer = await ctx.accounts.logout(claims.sid);
    // Closed here too, not only at the next check: logout takes effect at once.
    if (answer.status < 300) ctx.endSession(claims.sid);
    else auditAuthRefusal(ctx, 'session-logout', claims.sub, claims.sid, `${answer.status} ${errorCodeOf(answer)}`);
    return relay(reply, answer);
  });

  // The agent's own SIP credentials (derived, never stored): only with a valid agent token.
  app.get(ctiRoutes.voiceConfig.url, { schema: ctiRoutes.voiceConfig.schema }, async (request) => {
    const claims = bearerAgent(request, ctx.tokenSecret);
    return ctx.voice ? agentVoiceConfig(ctx.voice.settings, claims.sub) : { enabled: false as const };
  });
}
