import { apiServiceRoutes as routes } from '@octopus/contracts';
import type { AppContext } from '../context';
import { writeAudit } from '../audit/log';
import { upsertCallRecord } from '../call-records/repository';
import { applyRecordDisposition, wrapUpPolicy } from '../dispositions/repository';
import { serviceOf, serviceToken } from '../http/auth';
import { HttpError } from '../http/errors';
import type { ApiApp } from '../http/types';
import { verifyIdentity } from '../identity/ivr';
import { ownerOfPhone } from '../identity/repository';
import { selfServiceAnswer, verifiedCaller } from '../ivr/self-service';

/** Service-to-service endpoints for the cti-server (service token). */
export function registerInternalRoutes(app: ApiApp, ctx: AppContext): void {
  const preValidation = serviceToken(ctx);

  app.get(routes.userByPhone.url, { schema: routes.userByPhone.schema, preValidation }, async (request) => {
    const service = serviceOf(request);
    const { phone } = request.params;
    const owner = await ownerOfPhone(ctx.db, phone);
    await writeAudit(ctx.db, ctx.auditKey, { agentId: `service:${service.sub}`, userId: owner?.userId ?? null, action: 'internal.user-by-phone', outcome: owner ? 'allowed' : 'refused', via: 'service', reason: owner ? null : 'not found' }, ctx.now());
    if (!owner) throw new HttpError(404, 'not_found', 'no user has this phone number');
    return owner;
  });

  app.post(routes.ivrVerifyIdentity.url, { schema: routes.ivrVerifyIdentity.schema, preValidation }, async (request) => {
    const service = serviceOf(request);
    const body = request.body;
    const result = await verifyIdentity(ctx.db, body);
    await writeAudit(ctx.db, ctx.auditKey, { agentId: `service:${service.sub}`, userId: result.userId ?? body.userId ?? null, action: 'identity.verify', outcome: 'masked', via: 'ivr', reason: `${result.method}:${result.status}:${result.level}` }, ctx.now());
    return result;
  });

  /**
   * The IVR's self-service answer: only for a caller whose keyed identity verifies here and now (403
   * `not_verified` otherwise). Audited with the customer, the question, never the keyed digits.
   */
  app.post(routes.ivrSelfService.url, { schema: routes.ivrSelfService.schema, preValidation }, async (request) => {
    const service = serviceOf(request);
    const body = request.body;
    const userId = await verifiedCaller(ctx.db, body);
    if (!userId) {
      await writeAudit(ctx.db, ctx.auditKey, { agentId: `service:${service.sub}`, userId: null, action: 'ivr.self-service', outcome: 'refused', via: 'ivr', reason: `${body.service}: not verified` }, ctx.now());
      throw new HttpError(403, 'not_verified', 'self-service answers only a caller whose identity verifies');
    }
    const answer = await selfServiceAnswer(ctx.db, userId, body, ctx.now());
    await writeAudit(ctx.db, ctx.auditKey, { agentId: `service:${service.sub}`, userId, action: 'ivr.self-service', outcome: 'allowed', via: 'ivr', reason: `${body.service}: ${answer.found ? 'answered' : 'nothing found'}` }, ctx.now());
    return answer;
  });

  /**
   * Access decisions the cti-server made (binds, rejected proofs, socket refusals …), sent through its
   * durable outbox: appended in order, in one transaction, to the same chain, with via `cti-server`
   * and the time the cti-server decided. Repeats of an outbox retry are appended again (the log is a
   * record of what was reported).
   */
  app.post(routes.appendAudit.url, { schema: routes.appendAudit.schema, preValidation }, async (request, reply) => {
    const { events } = request.body;
    await writeAudit(
      ctx.db,
      ctx.auditKey,
      events.map((e) => ({
        at: Date.parse(e.at),
        agentId: e.agentId,
        sessionId: e.sessionId,
        userId: e.userId,
        callId: e.callId,
        action: e.action,
        outcome: e.outcome,
        via: 'cti-server',
        reason: e.reason,
      })),
      ctx.now(),
    );
    reply.code(204);
  });

  /** Per group, whether after-call work needs a wrap-up code, and the active codes (fetched with the roster). */
  app.get(routes.wrapUpPolicy.url, { schema: routes.wrapUpPolicy.schema, preValidation }, async () => wrapUpPolicy(ctx.db));

  app.put(routes.upsertCallRecord.url, { schema: routes.upsertCallRecord.schema, preValidation }, async (request, reply) => {
    const { callId } = request.params;
    const body = request.body;
    if (body.callId !== callId) throw new HttpError(400, 'bad_request', 'body.callId: must equal the callId in the path', 'body.callId');
    // Idempotent upsert. The agent's note and the agent's deletion are never overwritten.
    const created = await upsertCallRecord(ctx.db, body);
    // The agent's wrap-up code (chosen through the cti-server): kept only when valid and newer than the record's.
    if (body.disposition && body.dispositionAt) await applyRecordDisposition(ctx.db, callId, body.disposition, body.dispositionAt);
    reply.code(created ? 201 : 200);
    return { callId, created };
  });
}
