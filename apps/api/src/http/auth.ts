import type { FastifyRequest } from 'fastify';
import { TokenError, verifyTokenOfKind, type AgentClaims, type GrantClaims, type ServiceClaims } from '@octopus/auth';
import { API_GRANT_HEADER } from '@octopus/contracts';
import type { AppContext } from '../context';
import { HttpError } from './errors';

function bearer(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) throw new HttpError(401, 'unauthorized', 'missing Authorization: Bearer <token>');
  return match[1];
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

export function requireAgent(ctx: AppContext, request: FastifyRequest): AgentClaims {
  const token = bearer(request);
  try {
    return verifyTokenOfKind(token, 'agent', { secret: ctx.tokenSecret, now: ctx.now });
  } catch (error) {
    throw new HttpError(401, 'unauthorized', tokenProblem(error, 'agent token'));
  }
}

export function requireService(ctx: AppContext, request: FastifyRequest): ServiceClaims {
  const token = bearer(request);
  try {
    return verifyTokenOfKind(token, 'service', { secret: ctx.tokenSecret, now: ctx.now });
  } catch (error) {
    throw new HttpError(401, 'unauthorized', tokenProblem(error, 'service token'));
  }
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
