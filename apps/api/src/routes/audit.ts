import type { FastifyRequest } from 'fastify';
import { apiRoutes, SUPERVISING_ROLES } from '@octopus/contracts';
import type { AppContext } from '../context';
import { AUDIT_COLUMNS, auditFieldsFromRow, type AuditRow } from '../audit/chain';
import { writeAudit } from '../audit/log';
import { agentOf, agentToken } from '../http/auth';
import { HttpError } from '../http/errors';
import type { ApiApp } from '../http/types';

/** `GET /audit-log`: supervisors and admins read the log, newest first; agents are refused (and that is logged too). */
export function registerAuditRoutes(app: ApiApp, ctx: AppContext): void {
  // The role is checked (and a refusal logged) before the query is validated.
  const supervising = async (request: FastifyRequest): Promise<void> => {
    const agent = agentOf(request);
    if (!SUPERVISING_ROLES.includes(agent.role)) {
      const message = 'the audit log is for supervisors and admins';
      await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, action: 'audit-log.read', outcome: 'refused', via: 'role', reason: message }, ctx.now());
      throw new HttpError(403, 'forbidden', message);
    }
  };
  app.get(apiRoutes.auditLog.url, { schema: apiRoutes.auditLog.schema, preValidation: [agentToken(ctx), supervising] }, async (request) => {
    const agent = agentOf(request);
    const query = request.query;
    const rows = await ctx.db.query<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log
       WHERE ($1::text IS NULL OR user_id = $1) AND ($2::text IS NULL OR agent_id = $2) AND ($3::text IS NULL OR outcome = $3)
         AND ($4::timestamptz IS NULL OR at >= $4) AND ($5::timestamptz IS NULL OR at < $5) AND ($6::bigint IS NULL OR seq < $6)
       ORDER BY audit_log.seq DESC LIMIT $7`,
      [query.userId ?? null, query.agentId ?? null, query.outcome ?? null, query.from ?? null, query.to ?? null, query.before ?? null, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const filters = Object.entries({ userId: query.userId, agentId: query.agentId, outcome: query.outcome, from: query.from, to: query.to })
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
    await writeAudit(
      ctx.db,
      ctx.auditKey,
      { agentId: agent.sub, sessionId: agent.sid, userId: query.userId ?? null, action: 'audit-log.read', outcome: 'allowed', via: 'role', reason: filters.length ? `filtered by ${filters.join(', ')}` : null },
      ctx.now(),
    );
    return {
      entries: page.map((row) => {
        const f = auditFieldsFromRow(row);
        return { seq: f.seq, at: f.at, agentId: f.agentId, sessionId: f.sessionId, userId: f.userId, callId: f.callId, ticketId: f.ticketId, action: f.action, outcome: f.outcome, via: f.via, reason: f.reason };
      }),
      nextBefore: rows.length > query.limit ? (page.at(-1) ? Number(page.at(-1)?.seq) : null) : null,
    };
  });
}
