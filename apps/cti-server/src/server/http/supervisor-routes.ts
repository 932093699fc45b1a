import type { FastifyRequest } from 'fastify';
import type { AgentClaims } from '@octopus/auth';
import { ctiRoutes, HttpError, SUPERVISING_ROLES } from '@octopus/contracts';
import type { CommandOutcome } from '../../engine/engine';
import { bearerAgent } from './auth-routes';
import type { CtiApp, HttpContext } from './context';

/** The bearer must be a supervisor or an admin: 401 without a valid agent token, 403 (audited) for an agent. */
function supervisor(ctx: HttpContext, request: FastifyRequest, action: string): AgentClaims {
  const claims = bearerAgent(request, ctx.tokenSecret);
  if (!SUPERVISING_ROLES.includes(claims.role)) {
    ctx.audit?.audit({ at: new Date().toISOString(), agentId: claims.sub, sessionId: claims.sid, userId: null, callId: null, action, outcome: 'refused', reason: `role ${claims.role}` });
    throw new HttpError(403, 'forbidden', 'supervisors and admins only');
  }
  return claims;
}

/** A refused supervisor command: 404 for an unknown agent or call, else 409 with the engine's reason as the code. */
function done(outcome: CommandOutcome): { done: true } {
  if (outcome.ok) return { done: true };
  if (outcome.reason === 'not-found') throw new HttpError(404, 'not_found', outcome.message);
  throw new HttpError(409, outcome.reason.replaceAll('-', '_'), outcome.message);
}

/** `/supervisor/*`: the floor for the supervisor board, and its two commands (docs/protocol.md §15). */
export function registerSupervisorRoutes(app: CtiApp, ctx: HttpContext): void {
  app.get(ctiRoutes.supervisorFloor.url, { schema: ctiRoutes.supervisorFloor.schema }, async (request) => {
    supervisor(ctx, request, 'supervisor-floor');
    return ctx.engine.floor();
  });

  app.post(ctiRoutes.supervisorSetState.url, { schema: ctiRoutes.supervisorSetState.schema }, async (request) => {
    const claims = supervisor(ctx, request, 'supervisor-set-state');
    return done(ctx.engine.superviseState(claims.sub, request.params.agentId, request.body.state));
  });

  app.post(ctiRoutes.supervisorRoute.url, { schema: ctiRoutes.supervisorRoute.schema }, async (request) => {
    const claims = supervisor(ctx, request, 'supervisor-route-call');
    return done(ctx.engine.routeQueuedCall(claims.sub, request.params.callId, request.body.agentId));
  });
}
