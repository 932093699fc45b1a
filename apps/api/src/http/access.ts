import type { FastifyRequest } from 'fastify';
import type { AgentClaims } from '@octopus/auth';
import { API_TICKET_HEADER, type AccessInfo } from '@octopus/contracts';
import type { AppContext } from '../context';
import type { Queryable } from '@octopus/db';
import { HttpError } from './errors';
import { readGrant } from './auth';

/** The decision for one request about one customer. */
export interface Access extends AccessInfo {
  agentId: string;
  userId: string;
}

/**
 * The access policy (enforced here, never in the UI). An agent may see a customer's data
 *  1. with a valid grant for a call they handle: grant.agentId = the agent, grant.userId = the customer;
 *     level 'verified' → full data, 'unverified' → masked data and no finance data; or
 *  2. through a ticket of that customer assigned to them and not closed → full data.
 * Anything else is 403 with the reason.
 */
export async function accessUser(ctx: AppContext, request: FastifyRequest, agent: AgentClaims, userId: string): Promise<Access> {
  const grant = readGrant(ctx, request);
  let problem: string;
  if (grant === null) {
    problem = 'no call grant (X-Octopus-Grant) for this customer and no open ticket of theirs assigned to you';
  } else if (!grant.ok) {
    problem = grant.problem;
  } else if (grant.claims.agentId !== agent.sub) {
    problem = 'the call grant was issued to another agent';
  } else if (grant.claims.userId !== userId) {
    problem = 'the call grant is for another customer';
  } else {
    const verified = grant.claims.level === 'verified';
    return {
      agentId: agent.sub,
      userId,
      via: 'grant',
      level: grant.claims.level,
      masked: !verified,
      callId: grant.claims.callId,
      ticketId: null,
    };
  }
  const ticketId = await assignedTicket(ctx.db, request, agent.sub, userId);
  if (ticketId) {
    return { agentId: agent.sub, userId, via: 'ticket', level: 'verified', masked: false, callId: null, ticketId };
  }
  throw new HttpError(403, 'no_access', `no access to this customer: ${problem}`);
}

async function assignedTicket(db: Queryable, request: FastifyRequest, agentId: string, userId: string): Promise<string | null> {
  const named = request.headers[API_TICKET_HEADER];
  const rows =
    typeof named === 'string' && named !== ''
      ? await db.query<{ id: string }>(
          "SELECT id FROM tickets WHERE id = $1 AND user_id = $2 AND assignee_agent_id = $3 AND status <> 'closed'",
          [named, userId, agentId],
        )
      : await db.query<{ id: string }>(
          "SELECT id FROM tickets WHERE user_id = $1 AND assignee_agent_id = $2 AND status <> 'closed' ORDER BY updated_at DESC LIMIT 1",
          [userId, agentId],
        );
  return rows[0]?.id ?? null;
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

export interface AuditEntry {
  agentId: string;
  userId: string | null;
  callId?: string | null;
  ticketId?: string | null;
  action: string;
  masked: boolean;
  via?: string | null;
  detail?: string | null;
}

/** Every read of personal data leaves a row; a failed audit write fails the request (fail closed). */
export async function audit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    'INSERT INTO audit_log (agent_id, user_id, call_id, ticket_id, action, masked, via, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [entry.agentId, entry.userId, entry.callId ?? null, entry.ticketId ?? null, entry.action, entry.masked, entry.via ?? null, entry.detail ?? null],
  );
}

export function auditAccess(db: Queryable, access: Access, action: string, detail?: string): Promise<void> {
  return audit(db, {
    agentId: access.agentId,
    userId: access.userId,
    callId: access.callId,
    ticketId: access.ticketId,
    action,
    masked: access.masked,
    via: access.via,
    detail: detail ?? null,
  });
}

export function accessInfo(access: Access): AccessInfo {
  return { via: access.via, level: access.level, masked: access.masked, callId: access.callId, ticketId: access.ticketId };
}
