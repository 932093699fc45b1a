import { hashPassword, signToken, verifyPassword, type AgentClaims } from '@octopus/auth';
import { AGENT_TOKEN_TTL_SECONDS, apiServiceRoutes as routes, GRANT_AFTER_LEG_MAX_MS, type LoginResponse, type MemberLevel } from '@octopus/contracts';
import { toIso } from '@octopus/db';
import type { AppContext } from '../context';
import {
  agentView,
  createSession,
  findAgent,
  inactiveSessions,
  listAgents,
  renewSession,
  revokeSession,
  sessionProblem,
  sessionWithAgent,
  type SessionWithAgent,
} from '../accounts/repository';
import { hashStrength } from '../accounts/seed';
import { LoginThrottle } from '../accounts/throttle';
import { writeAudit } from '../audit/log';
import { serviceOf, serviceToken } from '../http/auth';
import { HttpError, notFound } from '../http/errors';
import type { ApiApp } from '../http/types';

/**
 * Accounts and sessions for the cti-server (service token): the agent logs in at the cti-server,
 * which forwards here; this api checks the password, throttles, audits, keeps the session and signs
 * the agent token. Also the roster, the user check for binds, and grant ends.
 */
export function registerAccountRoutes(app: ApiApp, ctx: AppContext): void {
  const preValidation = serviceToken(ctx);
  const throttle = new LoginThrottle();
  // Unknown accounts still cost one hash check, so response time does not tell which ids exist.
  const dummyHash = hashPassword('not-a-real-account-password', hashStrength(ctx.mode));

  /** A LoginResponse for an active session: a fresh agent token that never outlives the session's maximum. */
  const issue = (session: SessionWithAgent): LoginResponse => {
    const now = ctx.now();
    const maxLeft = Math.floor((Date.parse(toIso(session.max_expires_at)) - now) / 1000);
    const ttlSeconds = Math.max(1, Math.min(AGENT_TOKEN_TTL_SECONDS, maxLeft));
    const token = signToken<AgentClaims>(
      { kind: 'agent', sub: session.agent_id, sid: session.id, name: session.name, role: session.role, skillGroups: session.skill_groups },
      { secret: ctx.tokenSecret, ttlSeconds, now: ctx.now },
    );
    const iat = Math.floor(now / 1000);
    return {
      token,
      expiresAt: (iat + ttlSeconds) * 1000,
      sessionId: session.id,
      agent: { id: session.agent_id, name: session.name, role: session.role, skillGroups: session.skill_groups },
    };
  };

  app.post(routes.login.url, { schema: routes.login.schema, preValidation }, async (request, reply) => {
    const service = serviceOf(request);
    const body = request.body;
    const actor = `service:${service.sub}`;
    const audit = (agentId: string | null, outcome: 'allowed' | 'refused', reason: string, sessionId: string | null = null): Promise<void> =>
      writeAudit(ctx.db, ctx.auditKey, { agentId, sessionId, action: 'auth.login', outcome, via: actor, reason: `${reason} (client ${body.client || 'unknown'})` }, ctx.now());

    const wait = await throttle.retryAfterSeconds(body.agentId, body.client);
    const account = await findAgent(ctx.db, body.agentId);
    if (wait > 0) {
      await audit(account ? account.id : null, 'refused', account ? 'throttled' : 'throttled (unknown account)');
      reply.header('retry-after', String(wait));
      throw new HttpError(429, 'login_throttled', `too many failed logins; try again in ${wait} s`);
    }
    const ok = await verifyPassword(account ? account.password_hash : await dummyHash, body.password);
    if (!account || !ok) {
      await throttle.failed(body.agentId, body.client);
      await audit(account ? account.id : null, 'refused', account ? 'wrong password' : 'unknown account');
      // One answer for an unknown id and a wrong password: the login says nothing about which ids exist.
      throw new HttpError(401, 'invalid_credentials', 'wrong agent id or password');
    }
    if (account.disabled) {
      await audit(account.id, 'refused', 'account disabled');
      throw new HttpError(403, 'account_disabled', 'this account is disabled');
    }
    await throttle.succeeded(account.id);
    const created = await createSession(ctx.db, account.id, body.client || null, ctx.now());
    const session = (await sessionWithAgent(ctx.db, created.id)) as SessionWithAgent;
    await audit(account.id, 'allowed', 'login', session.id);
    return issue(session);
  });

  app.post(routes.refresh.url, { schema: routes.refresh.schema, preValidation }, async (request) => {
    const service = serviceOf(request);
    const { sessionId } = request.body;
    const session = await sessionWithAgent(ctx.db, sessionId);
    const problem = sessionProblem(session, ctx.now());
    if (problem || !session) {
      await writeAudit(ctx.db, ctx.auditKey, { agentId: session?.agent_id ?? null, sessionId: session ? sessionId : null, action: 'auth.refresh', outcome: 'refused', via: `service:${service.sub}`, reason: problem }, ctx.now());
      throw new HttpError(401, 'session_ended', `agent session is not active: ${problem ?? 'no such session'}`);
    }
    await renewSession(ctx.db, sessionId, ctx.now());
    await writeAudit(ctx.db, ctx.auditKey, { agentId: session.agent_id, sessionId, action: 'auth.refresh', outcome: 'allowed', via: `service:${service.sub}` }, ctx.now());
    return issue(session);
  });

  app.post(routes.logout.url, { schema: routes.logout.schema, preValidation }, async (request, reply) => {
    const service = serviceOf(request);
    const { sessionId } = request.body;
    const session = await sessionWithAgent(ctx.db, sessionId);
    const revoked = await revokeSession(ctx.db, sessionId, 'logout', ctx.now());
    await writeAudit(
      ctx.db,
      ctx.auditKey,
      { agentId: session?.agent_id ?? null, sessionId: session ? sessionId : null, action: 'auth.logout', outcome: 'allowed', via: `service:${service.sub}`, reason: revoked ? 'session revoked' : 'session was not active' },
      ctx.now(),
    );
    // Idempotent: logging out an ended (or unknown) session is not an error.
    reply.code(204);
  });

  app.post(routes.checkSessions.url, { schema: routes.checkSessions.schema, preValidation }, async (request) => {
    const { sessionIds } = request.body;
    return { inactive: await inactiveSessions(ctx.db, sessionIds, ctx.now()) };
  });

  app.get(routes.agents.url, { schema: routes.agents.schema, preValidation }, async () => {
    return { agents: (await listAgents(ctx.db)).map(agentView) };
  });

  app.get(routes.userById.url, { schema: routes.userById.schema, preValidation }, async (request) => {
    const service = serviceOf(request);
    const { userId } = request.params;
    const rows = await ctx.db.query<{ id: string; name: string; level: MemberLevel }>('SELECT id, name, level FROM users WHERE id = $1', [userId]);
    await writeAudit(ctx.db, ctx.auditKey, { agentId: `service:${service.sub}`, userId, action: 'internal.user-by-id', outcome: rows[0] ? 'allowed' : 'refused', via: 'service', reason: rows[0] ? null : 'not found' }, ctx.now());
    if (!rows[0]) throw notFound('user');
    return { userId: rows[0].id, name: rows[0].name, level: rows[0].level };
  });

  app.post(routes.grantEnded.url, { schema: routes.grantEnded.schema, preValidation }, async (request, reply) => {
    const service = serviceOf(request);
    const body = request.body;
    // Never later than the longest after-call work allows.
    const notAfter = Math.min(body.notAfter, body.legEndedAt + GRANT_AFTER_LEG_MAX_MS);
    // Repeats (outbox retries, an early end of wrap-up) keep the earliest end and the latest leg end.
    await ctx.db.query(
      `INSERT INTO grant_revocations (call_id, agent_id, leg_ended_at, not_after, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (call_id, agent_id) DO UPDATE SET
         leg_ended_at = GREATEST(grant_revocations.leg_ended_at, EXCLUDED.leg_ended_at),
         not_after = LEAST(grant_revocations.not_after, EXCLUDED.not_after),
         updated_at = EXCLUDED.updated_at`,
      [body.callId, body.agentId, new Date(body.legEndedAt).toISOString(), new Date(notAfter).toISOString(), new Date(ctx.now()).toISOString()],
    );
    await writeAudit(ctx.db, ctx.auditKey, { agentId: body.agentId, callId: body.callId, action: 'grant.ended', outcome: 'allowed', via: `service:${service.sub}`, reason: `refused from ${new Date(notAfter).toISOString()}` }, ctx.now());
    reply.code(204);
  });
}
