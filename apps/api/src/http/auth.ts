import type { FastifyRequest } from 'fastify';
import { TokenError, verifyTokenOfKind, type AgentClaims, type GrantClaims, type ServiceClaims } from '@octopus/auth';
import { API_GRANT_HEADER } from '@octopus/contracts';
import type { AppContext } from '../context';
import { sessionProblem, sessionWithAgent } from '../accounts/repository';
import { writeAudit } from '../audit/log';
import { HttpError } from './errors';

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

function tokenProblem(error: unknown, what: string): string {
  if (error instanceof TokenError) {
    switch (error.code) {
      case 'expired':
        return `${what} has expired`;
      case 'wrong-kind':
        return `${what} is of the wrong kind (${error.message})`;
      case 'bad-signature':
        return `${what} signature does not match`;
      default:
        return `${what} is malformed`;
    }
  }
  return `${what} is invalid`;
}

/** The route pattern (`GET /users/:userId`): names what was attempted without ids or query strings. */
export function routeAction(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? '(no route)'}`;
}

/** The signed-in agent of a request: the token's claims, with name, role and skill groups as the database has them now. */
export type RequestAgent = AgentClaims;

/**
 * The agent behind `Authorization: Bearer <agent token>`. The signature alone is not enough: the
 * token's session (`sid`) must exist, belong to that agent, and be active (not revoked, not idle- or
 * max-expired, account not disabled). Every refusal is audited (agent null when the token is not ours).
 * @throws HttpError 401 `unauthorized` (missing, malformed, forged, expired, wrong kind) or
 *   401 `session_ended` (the session is unknown, revoked, expired or its account disabled).
 */
export async function requireAgent(ctx: AppContext, request: FastifyRequest): Promise<RequestAgent> {
  const refuse = async (code: string, message: string, agentId: string | null, sessionId: string | null): Promise<never> => {
    await writeAudit(ctx.db, ctx.auditKey, { agentId, sessionId, action: routeAction(request), outcome: 'refused', via: 'agent-token', reason: message }, ctx.now());
    throw new HttpError(401, code, message);
  };
  const token = bearer(request);
  if (!token) return refuse('unauthorized', 'missing Authorization: Bearer <token>', null, null);
  let claims: AgentClaims;
  try {
    claims = verifyTokenOfKind(token, 'agent', { secret: ctx.tokenSecret, now: ctx.now });
  } catch (error) {
    return refuse('unauthorized', tokenProblem(error, 'agent token'), null, null);
  }
  if (typeof claims.sid !== 'string' || typeof claims.sub !== 'string') {
    return refuse('unauthorized', 'agent token names no session', null, null);
  }
  const session = await sessionWithAgent(ctx.db, claims.sid);
  const problem = session && session.agent_id !== claims.sub ? 'the session belongs to another agent' : sessionProblem(session, ctx.now());
  if (problem || !session) {
    // The agent id is only trusted when a session of that agent exists.
    const known = session?.agent_id === claims.sub;
    return refuse('session_ended', `agent session is not active: ${problem ?? 'no such session'}`, known ? claims.sub : null, known ? claims.sid : null);
  }
  return { ...claims, name: session.name, role: session.role, skillGroups: session.skill_groups };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the `agentToken` hook; null on routes without it. */
    agent: RequestAgent | null;
    /** Set by the `serviceToken` hook; null on routes without it. */
    service: ServiceClaims | null;
  }
}

/**
 * Route hook (`preValidation`): the request's agent (`requireAgent`), read by handlers with `agentOf`.
 * Runs before the route's schema validation, so an unauthenticated request is a 401 whatever its input.
 */
export const agentToken =
  (ctx: AppContext) =>
  async (request: FastifyRequest): Promise<void> => {
    request.agent = await requireAgent(ctx, request);
  };

/** Route hook (`preValidation`): the cti-server's service token (`requireService`), read with `serviceOf`. */
export const serviceToken =
  (ctx: AppContext) =>
  async (request: FastifyRequest): Promise<void> => {
    request.service = await requireService(ctx, request);
  };

/** The agent the `agentToken` hook found. @throws Error when the route has no such hook (a programming error). */
export function agentOf(request: FastifyRequest): RequestAgent {
  if (!request.agent) throw new Error(`${routeAction(request)}: route has no agentToken hook`);
  return request.agent;
}

/** The service the `serviceToken` hook found. @throws Error when the route has no such hook. */
export function serviceOf(request: FastifyRequest): ServiceClaims {
  if (!request.service) throw new Error(`${routeAction(request)}: route has no serviceToken hook`);
  return request.service;
}

/** The cti-server behind `Authorization: Bearer <service token>`. @throws HttpError 401 `unauthorized`. */
export async function requireService(ctx: AppContext, request: FastifyRequest): Promise<ServiceClaims> {
  const token = bearer(request);
  let problem: string;
  if (!token) problem = 'missing Authorization: Bearer <token>';
  else {
    try {
      return verifyTokenOfKind(token, 'service', { secret: ctx.tokenSecret, now: ctx.now });
    } catch (error) {
      problem = tokenProblem(error, 'service token');
    }
  }
  await writeAudit(ctx.db, ctx.auditKey, { agentId: null, action: routeAction(request), outcome: 'refused', via: 'service-token', reason: problem }, ctx.now());
  throw new HttpError(401, 'unauthorized', problem);
}

export type GrantResult = { ok: true; claims: GrantClaims } | { ok: false; problem: string } | null;

/** The per-call grant from `X-Octopus-Grant`, or why it cannot be used; null when absent. */
export function readGrant(ctx: AppContext, request: FastifyRequest): GrantResult {
  const raw = request.headers[API_GRANT_HEADER];
  if (raw === undefined || raw === '') return null;
  if (typeof raw !== 'string') return { ok: false, problem: 'send exactly one X-Octopus-Grant header' };
  try {
    return { ok: true, claims: verifyTokenOfKind(raw, 'grant', { secret: ctx.tokenSecret, now: ctx.now }) };
  } catch (error) {
    return { ok: false, problem: tokenProblem(error, 'the call grant') };
  }
}
