import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  apiCallIdSchema,
  callRecordListQuerySchema,
  callRecordNoteRequestSchema,
  type CallRecordListResponse,
  type CallRecordResponse,
} from '@octopus/contracts';
import type { AppContext } from '../context';
import { requireAgent } from '../http/auth';
import { HttpError, parse } from '../http/errors';
import { callRecordFromRow, type CallRecordRow } from '../rows';
import { writeAudit } from '../audit/log';
import type { Agent } from '../http/auth';

const callParams = z.object({ callId: apiCallIdSchema });

/** The agent's own call list: recent calls, notes, delete. Only ever the requesting agent's records. */
export function registerCallRecordRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/call-records', async (request): Promise<CallRecordListResponse> => {
    const agent = await requireAgent(ctx, request);
    const { limit } = parse(callRecordListQuerySchema, request.query, 'query');
    const rows = await ctx.db.query<CallRecordRow>(
      `SELECT * FROM call_records WHERE agent_id = $1 AND deleted_at IS NULL
       ORDER BY COALESCE(connected_at, created_at) DESC, created_at DESC LIMIT $2`,
      [agent.sub, limit],
    );
    await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, action: 'call-records.list', outcome: 'allowed', via: 'own-records', reason: `${rows.length} records` }, ctx.now());
    return { records: rows.map(callRecordFromRow) };
  });

  /** Why an agent cannot touch a record: 404 when there is none (or it was deleted), 403 when it is someone else's. */
  const ownedOrThrow = async (callId: string, agent: Agent, action: string): Promise<void> => {
    const agentId = agent.sub;
    const rows = await ctx.db.query<{ agent_id: string | null; deleted: boolean }>(
      'SELECT agent_id, deleted_at IS NOT NULL AS deleted FROM call_records WHERE call_id = $1',
      [callId],
    );
    const row = rows[0];
    if (!row || row.deleted) throw new HttpError(404, 'not_found', 'call record not found');
    if (row.agent_id !== agentId) {
      const message = 'this call record belongs to another agent';
      await writeAudit(ctx.db, ctx.auditKey, { agentId, sessionId: agent.sid, callId, action, outcome: 'refused', via: 'own-records', reason: message }, ctx.now());
      throw new HttpError(403, 'forbidden', message);
    }
  };

  app.put('/call-records/:callId/note', async (request): Promise<CallRecordResponse> => {
    const agent = await requireAgent(ctx, request);
    const { callId } = parse(callParams, request.params, 'params');
    const body = parse(callRecordNoteRequestSchema, request.body, 'body');
    const { note } = body;
    const rows = await ctx.db.query<CallRecordRow>(
      `UPDATE call_records SET note = $1, note_updated_at = now(), updated_at = now()
       WHERE call_id = $2 AND agent_id = $3 AND deleted_at IS NULL RETURNING *`,
      [note, callId, agent.sub],
    );
    if (!rows[0]) {
      await ownedOrThrow(callId, agent, 'call-records.note');
      throw new HttpError(409, 'conflict', 'call record changed, try again');
    }
    await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, userId: rows[0].user_id, callId, action: 'call-records.note', outcome: 'allowed', via: 'own-records' }, ctx.now());
    return { record: callRecordFromRow(rows[0]) };
  });

  app.delete('/call-records/:callId', async (request, reply): Promise<void> => {
    const agent = await requireAgent(ctx, request);
    const { callId } = parse(callParams, request.params, 'params');
    // Soft delete: gone from the agent's list, kept for the customer's service track and so a late
    // upsert from the cti-server cannot resurrect it.
    const rows = await ctx.db.query(
      'UPDATE call_records SET deleted_at = now(), updated_at = now() WHERE call_id = $1 AND agent_id = $2 AND deleted_at IS NULL RETURNING call_id',
      [callId, agent.sub],
    );
    if (rows.length === 0) await ownedOrThrow(callId, agent, 'call-records.delete');
    await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, callId, action: 'call-records.delete', outcome: 'allowed', via: 'own-records' }, ctx.now());
    reply.code(204);
  });
}
