import type { FastifyRequest } from 'fastify';
import { verifyTokenOfKind, type AgentClaims } from '@octopus/auth';
import { ctiRoutes, HttpError } from '@octopus/contracts';
import type { RulesOutcome } from '../../engine/engine';
import type { CtiApp, HttpContext } from './context';

/** Roles that may read and change the routing rules. */
const STAFF_ROLES: ReadonlySet<string> = new Set(['supervisor', 'admin']);

/** One rules decision for the api's audit chain (`POST /internal/audit` through the outbox). Never personal data in `reason`. */
export function auditRules(ctx: HttpContext, claims: AgentClaims | null, action: string, outcome: 'allowed' | 'refused', reason: string): void {
  ctx.audit?.audit({ at: new Date().toISOString(), agentId: claims?.sub ?? null, sessionId: claims?.sid ?? null, userId: null, callId: null, action, outcome, reason: reason.slice(0, 500) });
}

/**
 * The Bearer agent token of a supervisor or admin whose session is still active: 401 without a valid token
 * or with a revoked/expired session, 403 for another role, 503 when the api cannot say whether the session
 * is active. Refusals are audited as `action`.
 */
export async function staffOf(ctx: HttpContext, request: FastifyRequest, action: string, subject = 'the routing rules'): Promise<AgentClaims> {
  const m = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  let claims: AgentClaims;
  try {
    if (!m) throw new Error('no token');
    claims = verifyTokenOfKind(m[1]!, 'agent', { secret: ctx.tokenSecret });
    if (typeof claims.sid !== 'string' || !claims.sid) throw new Error('no session');
  } catch {
    auditRules(ctx, null, action, 'refused', '401 unauthorized');
    throw new HttpError(401, 'unauthorized', 'send a supervisor or admin token as Authorization: Bearer <token>');
  }
  if (!STAFF_ROLES.has(claims.role)) {
    auditRules(ctx, claims, action, 'refused', `403 forbidden: role ${claims.role}`);
    throw new HttpError(403, 'forbidden', `only supervisors and admins may read or change ${subject}`);
  }
  let inactive: string[];
  try {
    inactive = await ctx.accounts.inactiveSessions([claims.sid]);
  } catch {
    throw new HttpError(503, 'directory_unavailable', 'cannot check the session now: retry');
  }
  if (inactive.includes(claims.sid)) {
    auditRules(ctx, claims, action, 'refused', '401 session no longer active');
    throw new HttpError(401, 'unauthorized', 'the session is no longer active');
  }
  return claims;
}

/** The engine's refusal as the one ErrorBody (400 names the rule in `field`), or its new version. */
function answer(outcome: RulesOutcome) {
  if (!outcome.ok) throw new HttpError(outcome.status, outcome.error, outcome.message, outcome.field);
  return { current: outcome.current };
}

/**
 * The routing rules for supervisors and admins (docs/api.md "Routing rules"): `GET /rules`, `PUT
 * /rules/groups/:group`, `POST /rules/rollback`. Bodies are checked against `@octopus/contracts`' schemas
 * (400 naming the field), then by the engine (unknown groups and agents, required pairs). Every change and
 * every refusal is audited with who made it (the api's audit chain, as the cti-server's other decisions).
 */
export function registerRulesRoutes(app: CtiApp, ctx: HttpContext): void {
  app.get(ctiRoutes.rules.url, { schema: ctiRoutes.rules.schema }, async (request) => {
    await staffOf(ctx, request, 'rules.read');
    return ctx.engine.rules();
  });

  app.put(ctiRoutes.putGroupRules.url, { schema: ctiRoutes.putGroupRules.schema }, async (request) => {
    const claims = await staffOf(ctx, request, 'rules.update');
    const { group } = request.params;
    const outcome = ctx.engine.updateGroupRules(group, request.body, claims.sub, request.query.ifVersion);
    if (!outcome.ok) {
      auditRules(ctx, claims, 'rules.update', 'refused', `group ${group}: ${outcome.status} ${outcome.message}`);
      return answer(outcome);
    }
    const change = outcome.current.change;
    const fields = change.action === 'update' ? change.fields.join(', ') || 'nothing' : '';
    auditRules(ctx, claims, 'rules.update', 'allowed', `group ${group}: version ${outcome.current.version}, changed ${fields}`);
    return answer(outcome);
  });

  app.post(ctiRoutes.rollbackRules.url, { schema: ctiRoutes.rollbackRules.schema }, async (request) => {
    const claims = await staffOf(ctx, request, 'rules.rollback');
    const outcome = ctx.engine.rollbackRules(request.body.version, claims.sub, request.query.ifVersion);
    if (!outcome.ok) {
      auditRules(ctx, claims, 'rules.rollback', 'refused', `to version ${request.body.version}: ${outcome.status} ${outcome.message}`);
      return answer(outcome);
    }
    auditRules(ctx, claims, 'rules.rollback', 'allowed', `to version ${request.body.version}: version ${outcome.current.version}`);
    return answer(outcome);
  });
}
