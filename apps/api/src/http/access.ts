import type { FastifyRequest } from 'fastify';
import type { GrantClaims } from '@octopus/auth';
import { API_TICKET_HEADER, type AccessInfo } from '@octopus/contracts';
import { toIso, type Queryable } from '@octopus/db';
import type { AppContext } from '../context';
import { writeAudit } from '../audit/log';
import { HttpError } from './errors';
import { readGrant, type RequestAgent } from './auth';

/** The decision for one request about one customer. */
export interface Access extends AccessInfo {
  agentId: string;
  sessionId: string;
  userId: string;
}

/**
 * When the cti-server reported the end of this agent's leg of the call (`grant_revocations`): a grant
 * issued at or before the leg's end is refused from `notAfter` on. A grant issued later (the agent
 * rejoined the call) is not affected.
 */
export async function grantEnded(db: Queryable, grant: GrantClaims, now: number): Promise<boolean> {
  const rows = await db.query<{ leg_ended_at: unknown; not_after: unknown }>(
    'SELECT leg_ended_at, not_after FROM grant_revocations WHERE call_id = $1 AND agent_id = $2',
    [grant.callId, grant.agentId],
  );
  const row = rows[0];
  if (!row) return false;
  return grant.iat * 1000 <= Date.parse(toIso(row.leg_ended_at)) && now >= Date.parse(toIso(row.not_after));
}

/**
 * The access policy (enforced here, never in the UI). An agent may see a customer's data
 *  1. with a valid grant for a call they handle: grant.agentId = the agent, grant.userId = the customer,
 *     not ended with the agent's leg of the call; level 'verified' → full data, 'unverified' (identified)
 *     → masked data and no finance data; or
 *  2. through an open ticket of that customer assigned to them, at most at the level the ticket was
 *     created with (`access_level`: verified → full, unverified → masked, none → nothing).
 * Anything else is 403 (`grant_ended` when the grant ended, else `no_access`) with the reason, and the
 * refusal is audited under `action`.
 */
export async function accessUser(
  ctx: AppContext,
  request: FastifyRequest,
  agent: RequestAgent,
  userId: string,
  action: string,
  /** `auditRefusal: false`: the caller decides and audits what a refusal becomes (a narrower answer). */
  options: { auditRefusal?: boolean } = {},
): Promise<Access> {
  const grant = readGrant(ctx, request);
  let problem: string;
  let code = 'no_access';
  let callId: string | null = null;
  if (grant === null) {
    problem = 'no call grant (X-Octopus-Grant) for this customer and no open ticket of theirs assigned to you';
  } else if (!grant.ok) {
    problem = grant.problem;
  } else if (grant.claims.agentId !== agent.sub) {
    problem = 'the call grant was issued to another agent';
  } else if (grant.claims.userId !== userId) {
    problem = 'the call grant is for another customer';
  } else if (await grantEnded(ctx.db, grant.claims, ctx.now())) {
    code = 'grant_ended';
    callId = grant.claims.callId;
    problem = 'the call grant ended with your part of the call (after-call work is over)';
  } else {
    const verified = grant.claims.level === 'verified';
    return {
      agentId: agent.sub,
      sessionId: agent.sid,
      userId,
      via: 'grant',
      level: grant.claims.level,
      masked: !verified,
      callId: grant.claims.callId,
      ticketId: null,
    };
  }
  const ticket = await assignedTicket(ctx.db, request, agent.sub, userId);
  if (ticket) {
    const verified = ticket.access_level === 'verified';
    return {
      agentId: agent.sub,
      sessionId: agent.sid,
      userId,
      via: 'ticket',
      level: verified ? 'verified' : 'unverified',
      masked: !verified,
      callId: null,
      ticketId: ticket.id,
    };
  }
  const message = `no access to this customer: ${problem}`;
  if (options.auditRefusal !== false) await writeAudit(
    ctx.db,
    ctx.auditKey,
    { agentId: agent.sub, sessionId: agent.sid, userId, callId, action, outcome: 'refused', via: grant?.ok ? 'grant' : null, reason: message },
    ctx.now(),
  );
  throw new HttpError(403, code, message);
}

/** The open ticket of `userId` assigned to the agent that gives the most access ('none' tickets give none). */
async function assignedTicket(
  db: Queryable,
  request: FastifyRequest,
  agentId: string,
  userId: string,
): Promise<{ id: string; access_level: 'verified' | 'unverified' } | null> {
  const named = request.headers[API_TICKET_HEADER];
  const rows = await db.query<{ id: string; access_level: 'verified' | 'unverified' }>(
    `SELECT id, access_level FROM tickets
     WHERE user_id = $1 AND assignee_agent_id = $2 AND status <> 'closed' AND access_level <> 'none' AND ($3::text IS NULL OR id = $3)
     ORDER BY (access_level = 'verified') DESC, updated_at DESC LIMIT 1`,
    [userId, agentId, typeof named === 'string' && named !== '' ? named : null],
  );
  return rows[0] ?? null;
}

/** Finance data (consignment payouts, loans) only for verified access. */
export function requireVerified(access: Access, what: string): void {
  if (access.masked) {
    throw new HttpError(
      403,
      'verification_required',
      `the caller is not verified: ${what} is withheld until the caller's identity is verified`,
    );
  }
}

/** Audits an access decision that was allowed (masked or not) or, with `refusedReason`, refused after all. */
export function auditAccess(ctx: AppContext, db: Queryable, access: Access, action: string, reason?: string | null, refused = false): Promise<void> {
  return writeAudit(
    db,
    ctx.auditKey,
    {
      agentId: access.agentId,
      sessionId: access.sessionId,
      userId: access.userId,
      callId: access.callId,
      ticketId: access.ticketId,
      action,
      outcome: refused ? 'refused' : access.masked ? 'masked' : 'allowed',
      via: access.via,
      reason: reason ?? null,
    },
    ctx.now(),
  );
}

export function accessInfo(access: Access): AccessInfo {
  return { via: access.via, level: access.level, masked: access.masked, callId: access.callId, ticketId: access.ticketId };
}
