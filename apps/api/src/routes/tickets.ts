import {
  apiRoutes,
  type TicketComment,
  type TicketDetail,
  type TicketHistoryEntry,
  type TicketSummary,
} from '@octopus/contracts';
import type { AppContext } from '../context';
import { toIso } from '@octopus/db';
import { accessInfo, accessUser, auditAccess, type Access } from '../http/access';
import { agentOf, agentToken, type RequestAgent } from '../http/auth';
import { writeAudit } from '../audit/log';
import { SUPERVISING_ROLES } from '@octopus/contracts';
import { HttpError, notFound } from '../http/errors';
import type { ApiApp } from '../http/types';
import { maskName, maskPhone } from '../mask';
import type { FastifyRequest } from 'fastify';


interface TicketRow {
  id: string;
  user_id: string;
  order_id: string | null;
  call_id: string | null;
  recording_ref: string | null;
  category: TicketSummary['category'];
  title: string;
  description: string;
  status: TicketSummary['status'];
  priority: TicketSummary['priority'];
  assignee_agent_id: string | null;
  created_by_agent_id: string | null;
  created_at: unknown;
  updated_at: unknown;
}

function ticketSummary(row: TicketRow): TicketSummary {
  return {
    ticketId: row.id,
    userId: row.user_id,
    title: row.title,
    category: row.category,
    status: row.status,
    priority: row.priority,
    assigneeAgentId: row.assignee_agent_id,
    callId: row.call_id,
    orderId: row.order_id,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function registerTicketRoutes(app: ApiApp, ctx: AppContext): void {
  const preValidation = agentToken(ctx);
  const loadTicket = async (ticketId: string): Promise<TicketRow> => {
    const rows = await ctx.db.query<TicketRow>('SELECT * FROM tickets WHERE id = $1', [ticketId]);
    if (!rows[0]) throw notFound('ticket');
    return rows[0];
  };

  /** A ticket is reachable through its customer: the call grant, or (this or another) open ticket assigned to the agent. */
  const ticketAccess = (request: FastifyRequest, agent: RequestAgent, ticket: TicketRow, action: string): Promise<Access> =>
    accessUser(ctx, request, agent, ticket.user_id, action);

  const detail = async (ticket: TicketRow, access: Access): Promise<TicketDetail> => {
    const history = await ctx.db.query<{
      id: number; at: unknown; actor_agent_id: string | null; action: TicketHistoryEntry['action'];
      from_status: TicketHistoryEntry['fromStatus']; to_status: TicketHistoryEntry['toStatus']; note: string | null;
    }>('SELECT * FROM ticket_history WHERE ticket_id = $1 ORDER BY at, id', [ticket.id]);
    const comments = await ctx.db.query<{ id: number; at: unknown; author_agent_id: string; body: string }>(
      'SELECT * FROM ticket_comments WHERE ticket_id = $1 ORDER BY at, id',
      [ticket.id],
    );
    const customer = await ctx.db.query<{ name: string; phone: string | null }>(
      `SELECT u.name, (SELECT p.phone FROM user_phones p WHERE p.user_id = u.id ORDER BY p.is_primary DESC, p.phone LIMIT 1) AS phone
       FROM users u WHERE u.id = $1`,
      [ticket.user_id],
    );
    const c = customer[0] ?? { name: '', phone: null };
    return {
      ...ticketSummary(ticket),
      description: ticket.description,
      recordingRef: ticket.recording_ref,
      createdByAgentId: ticket.created_by_agent_id,
      customer: {
        name: access.masked ? maskName(c.name) : c.name,
        phone: c.phone === null ? null : access.masked ? maskPhone(c.phone) : c.phone,
      },
      history: history.map((h) => ({
        id: h.id, at: toIso(h.at), actorAgentId: h.actor_agent_id, action: h.action, fromStatus: h.from_status, toStatus: h.to_status, note: h.note,
      })),
      comments: comments.map((x): TicketComment => ({ id: x.id, at: toIso(x.at), authorAgentId: x.author_agent_id, body: x.body })),
      access: accessInfo(access),
    };
  };

  app.get(apiRoutes.assignedTickets.url, { schema: apiRoutes.assignedTickets.schema, preValidation }, async (request) => {
    const agent = agentOf(request);
    const rows = await ctx.db.query<TicketRow>(
      "SELECT * FROM tickets WHERE assignee_agent_id = $1 AND status <> 'closed' ORDER BY updated_at DESC, id DESC LIMIT 100",
      [agent.sub],
    );
    await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, action: 'tickets.assigned', outcome: 'allowed', via: 'own-tickets', reason: `${rows.length} tickets` }, ctx.now());
    return { tickets: rows.map(ticketSummary) };
  });

  app.get(apiRoutes.listTickets.url, { schema: apiRoutes.listTickets.schema, preValidation }, async (request) => {
    const agent = agentOf(request);
    const { userId } = request.params;
    const query = request.query;
    const access = await accessUser(ctx, request, agent, userId, 'tickets.list');
    const rows = await ctx.db.query<TicketRow>(
      'SELECT * FROM tickets WHERE user_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY created_at DESC, id DESC',
      [userId, query.status ?? null],
    );
    await auditAccess(ctx, ctx.db, access, 'tickets.list');
    return { tickets: rows.map(ticketSummary), access: accessInfo(access) };
  });

  app.get(apiRoutes.getTicket.url, { schema: apiRoutes.getTicket.schema, preValidation }, async (request) => {
    const agent = agentOf(request);
    const { ticketId } = request.params;
    const ticket = await loadTicket(ticketId);
    const access = await ticketAccess(request, agent, ticket, 'tickets.detail');
    await auditAccess(ctx, ctx.db, { ...access, ticketId }, 'tickets.detail');
    return detail(ticket, access);
  });

  app.post(apiRoutes.createTicket.url, { schema: apiRoutes.createTicket.schema, preValidation }, async (request, reply) => {
    const agent = agentOf(request);
    const body = request.body;
    const access = await accessUser(ctx, request, agent, body.userId, 'tickets.create');
    const refuse = async (status: number, code: string, message: string, field?: string): Promise<never> => {
      await auditAccess(ctx, ctx.db, access, 'tickets.create', message, true);
      throw new HttpError(status, code, message, field);
    };
    if (access.via !== 'grant' || access.callId !== body.callId) {
      await refuse(403, 'no_access', 'a ticket is opened from a call: send the grant of this call (X-Octopus-Grant) with body.callId = its call id');
    }
    if (body.assigneeAgentId !== null) {
      // The assignee will see this customer through the ticket: a real, enabled account, and only a
      // supervisor hands work (and with it access) to someone else.
      const assignee = await ctx.db.query('SELECT 1 FROM agents WHERE id = $1 AND NOT disabled', [body.assigneeAgentId]);
      if (assignee.length === 0) {
        await refuse(400, 'bad_request', 'body.assigneeAgentId: no enabled agent has this id', 'body.assigneeAgentId');
      }
      if (body.assigneeAgentId !== agent.sub && !SUPERVISING_ROLES.includes(agent.role)) {
        await refuse(403, 'forbidden', 'only a supervisor or admin assigns a ticket to someone else (body.assigneeAgentId)', 'body.assigneeAgentId');
      }
    }
    const users = await ctx.db.query('SELECT 1 FROM users WHERE id = $1', [body.userId]);
    if (users.length === 0) throw notFound('user');
    if (body.orderId !== null) {
      const orders = await ctx.db.query('SELECT 1 FROM orders WHERE id = $1 AND user_id = $2', [body.orderId, body.userId]);
      if (orders.length === 0) throw new HttpError(400, 'bad_request', "body.orderId: no such order of this customer", 'body.orderId');
    }
    const now = new Date(ctx.now()).toISOString();
    // Ticket, its "created" (and "assigned") history rows and the audit row: all or nothing.
    const ticket = await ctx.db.transaction(async (tx) => {
      const rows = await tx.query<TicketRow>(
        `INSERT INTO tickets (id, user_id, order_id, call_id, recording_ref, category, title, description, status, priority,
           assignee_agent_id, created_by_agent_id, created_at, updated_at, access_level)
         VALUES ('TK' || lpad(nextval('ticket_seq')::text, 8, '0'), $1, $2, $3, $4, $5, $6, $7, 'open', $8, $9, $10, $11, $11, $12)
         RETURNING *`,
        [
          body.userId, body.orderId, body.callId, body.recordingRef ?? `recording:${body.callId}`, body.category, body.title,
          body.description, body.priority, body.assigneeAgentId, agent.sub, now,
          // What the creator's grant allowed is all the ticket will ever allow.
          access.level,
        ],
      );
      const created = rows[0] as TicketRow;
      await tx.query(
        "INSERT INTO ticket_history (ticket_id, at, actor_agent_id, action, from_status, to_status, note) VALUES ($1, $2, $3, 'created', NULL, 'open', NULL)",
        [created.id, now, agent.sub],
      );
      if (body.assigneeAgentId !== null) {
        await tx.query(
          "INSERT INTO ticket_history (ticket_id, at, actor_agent_id, action, from_status, to_status, note) VALUES ($1, $2, $3, 'assigned', NULL, NULL, $4)",
          [created.id, now, agent.sub, `assigned to ${body.assigneeAgentId}`],
        );
      }
      await auditAccess(ctx, tx, { ...access, ticketId: created.id }, 'tickets.create');
      return created;
    });
    reply.code(201);
    return detail(ticket, access);
  });

  app.patch(apiRoutes.updateTicketStatus.url, { schema: apiRoutes.updateTicketStatus.schema, preValidation }, async (request) => {
    const agent = agentOf(request);
    const { ticketId } = request.params;
    const body = request.body;
    const ticket = await loadTicket(ticketId);
    const access = await ticketAccess(request, agent, ticket, 'tickets.status');
    const now = new Date(ctx.now()).toISOString();
    const updated = await ctx.db.transaction(async (tx) => {
      // Re-read under a row lock so two agents changing the status cannot both pass the check.
      const current = (await tx.query<TicketRow>('SELECT * FROM tickets WHERE id = $1 FOR UPDATE', [ticketId]))[0] as TicketRow;
      if (current.status === 'closed') throw new HttpError(409, 'conflict', 'the ticket is closed and cannot change status');
      if (current.status === body.status) throw new HttpError(409, 'conflict', `the ticket is already ${body.status}`);
      const rows = await tx.query<TicketRow>('UPDATE tickets SET status = $1, updated_at = $2 WHERE id = $3 RETURNING *', [body.status, now, ticketId]);
      await tx.query(
        "INSERT INTO ticket_history (ticket_id, at, actor_agent_id, action, from_status, to_status, note) VALUES ($1, $2, $3, 'status_changed', $4, $5, $6)",
        [ticketId, now, agent.sub, current.status, body.status, body.note],
      );
      await auditAccess(ctx, tx, { ...access, ticketId }, 'tickets.status');
      return rows[0] as TicketRow;
    });
    return detail(updated, access);
  });

  app.post(apiRoutes.addTicketComment.url, { schema: apiRoutes.addTicketComment.schema, preValidation }, async (request, reply) => {
    const agent = agentOf(request);
    const { ticketId } = request.params;
    const body = request.body;
    const ticket = await loadTicket(ticketId);
    const access = await ticketAccess(request, agent, ticket, 'tickets.comment');
    const now = new Date(ctx.now()).toISOString();
    const updated = await ctx.db.transaction(async (tx) => {
      await tx.query('INSERT INTO ticket_comments (ticket_id, at, author_agent_id, body) VALUES ($1, $2, $3, $4)', [ticketId, now, agent.sub, body.body]);
      await tx.query(
        "INSERT INTO ticket_history (ticket_id, at, actor_agent_id, action, from_status, to_status, note) VALUES ($1, $2, $3, 'commented', NULL, NULL, NULL)",
        [ticketId, now, agent.sub],
      );
      await auditAccess(ctx, tx, { ...access, ticketId }, 'tickets.comment');
      return (await tx.query<TicketRow>('UPDATE tickets SET updated_at = $1 WHERE id = $2 RETURNING *', [now, ticketId]))[0] as TicketRow;
    });
    reply.code(201);
    return detail(updated, access);
  });
}
