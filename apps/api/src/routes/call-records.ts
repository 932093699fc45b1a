import { apiRoutes } from '@octopus/contracts';
import type { AppContext } from '../context';
import { agentOf, agentToken } from '../http/auth';
import { HttpError } from '../http/errors';
import type { ApiApp } from '../http/types';
import { callRecordFromRow } from '../rows';
import { writeAudit } from '../audit/log';
import type { RequestAgent } from '../http/auth';
import { listOwnRecords, recordOwnership, softDeleteOwn, updateOwnDisposition, updateOwnNote } from '../call-records/repository';
import { isActiveDisposition, listDispositions } from '../dispositions/repository';


/**
 * The agent's own call list: recent calls, notes, dispositions (wrap-up codes), delete. Only ever the
 * requesting agent's records. Also the wrap-up codes a skill group offers (`GET /dispositions`).
 */
export function registerCallRecordRoutes(app: ApiApp, ctx: AppContext): void {
  const preValidation = agentToken(ctx);
  app.get(
    apiRoutes.recentCallRecords.url,
    { schema: apiRoutes.recentCallRecords.schema, preValidation },
    async (request) => {
      const agent = agentOf(request);
      const rows = await listOwnRecords(ctx.db, agent.sub, request.query.limit);
      await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, action: 'call-records.list', outcome: 'allowed', via: 'own-records', reason: `${rows.length} records` }, ctx.now());
      return { records: rows.map(callRecordFromRow) };
    },
  );

  /** Why an agent cannot touch a record: 404 when there is none (or it was deleted), 403 when it is someone else's. */
  const ownedOrThrow = async (callId: string, agent: RequestAgent, action: string): Promise<void> => {
    const agentId = agent.sub;
    const row = await recordOwnership(ctx.db, callId);
    if (!row || row.deleted) throw new HttpError(404, 'not_found', 'call record not found');
    if (row.agent_id !== agentId) {
      const message = 'this call record belongs to another agent';
      await writeAudit(ctx.db, ctx.auditKey, { agentId, sessionId: agent.sid, callId, action, outcome: 'refused', via: 'own-records', reason: message }, ctx.now());
      throw new HttpError(403, 'forbidden', message);
    }
  };

  app.put(
    apiRoutes.saveCallNote.url,
    { schema: apiRoutes.saveCallNote.schema, preValidation },
    async (request) => {
      const agent = agentOf(request);
      const { callId } = request.params;
      const row = await updateOwnNote(ctx.db, agent.sub, callId, request.body.note);
      if (!row) {
        await ownedOrThrow(callId, agent, 'call-records.note');
        throw new HttpError(409, 'conflict', 'call record changed, try again');
      }
      await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, userId: row.user_id, callId, action: 'call-records.note', outcome: 'allowed', via: 'own-records' }, ctx.now());
      return { record: callRecordFromRow(row) };
    },
  );

  /**
   * `PUT /call-records/:callId/disposition` `{ code }`: the wrap-up code of the agent's own record, one of
   * the active codes of the record's skill group (400 `body.code` otherwise), or null to clear it.
   */
  app.put(
    apiRoutes.setCallDisposition.url,
    { schema: apiRoutes.setCallDisposition.schema, preValidation },
    async (request) => {
      const agent = agentOf(request);
      const { callId } = request.params;
      const { code } = request.body;
      await ownedOrThrow(callId, agent, 'call-records.disposition');
      const owned = await recordOwnership(ctx.db, callId);
      if (code !== null && !(owned?.skill_group && (await isActiveDisposition(ctx.db, owned.skill_group, code)))) {
        throw new HttpError(400, 'bad_request', `body.code: not a disposition of the skill group ${owned?.skill_group ?? '(none)'}`, 'body.code');
      }
      const row = await updateOwnDisposition(ctx.db, agent.sub, callId, code);
      if (!row) throw new HttpError(409, 'conflict', 'call record changed, try again');
      await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, userId: row.user_id, callId, action: 'call-records.disposition', outcome: 'allowed', via: 'own-records', reason: code }, ctx.now());
      return { record: callRecordFromRow(row) };
    },
  );

  app.delete(
    apiRoutes.deleteCallRecord.url,
    { schema: apiRoutes.deleteCallRecord.schema, preValidation },
    async (request, reply) => {
      const agent = agentOf(request);
      const { callId } = request.params;
      // Soft delete: gone from the agent's list, kept for the customer's service track and so a late
      // upsert from the cti-server cannot resurrect it.
      if (!(await softDeleteOwn(ctx.db, agent.sub, callId))) await ownedOrThrow(callId, agent, 'call-records.delete');
      await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, callId, action: 'call-records.delete', outcome: 'allowed', via: 'own-records' }, ctx.now());
      reply.code(204);
    },
  );

  /** `GET /dispositions?skillGroup=…` (any agent): the group's active wrap-up codes and whether one is required. No customer data. */
  app.get(
    apiRoutes.dispositions.url,
    { schema: apiRoutes.dispositions.schema, preValidation },
    async (request) => {
      return listDispositions(ctx.db, request.query.skillGroup);
    },
  );
}
