import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  apiCallIdSchema,
  callRecordUpsertSchema,
  internalAuditEventsSchema,
  internalIdentityVerifyRequestSchema,
  type CallRecordUpsertResponse,
  type InternalIdentityVerifyResponse,
  type InternalUserByPhoneResponse,
  type InternalWrapUpPolicy,
} from '@octopus/contracts';
import type { AppContext } from '../context';
import type { Queryable } from '@octopus/db';
import { writeAudit } from '../audit/log';
import { applyRecordDisposition, wrapUpPolicy } from '../dispositions/repository';
import { requireService } from '../http/auth';
import { HttpError, parse } from '../http/errors';

/** Keypad input → canonical: trailing `#` dropped, `*` read as X, upper case. */
export function normaliseIdentityInput(input: string): string {
  return input.replace(/#$/, '').replace(/\*/g, 'X').toUpperCase();
}

/** Caller ids may carry the country code (+86 / 86); numbers are stored as 11 national digits. */
export function nationalNumber(phone: string): string {
  const match = /^\+?86(1\d{10})$/.exec(phone);
  return match?.[1] ?? phone;
}

export async function ownerOfPhone(db: Queryable, rawPhone: string): Promise<{ userId: string; name: string } | null> {
  const phone = nationalNumber(rawPhone);
  const rows = await db.query<{ user_id: string; name: string }>(
    'SELECT p.user_id, u.name FROM user_phones p JOIN users u ON u.id = p.user_id WHERE p.phone = $1',
    [phone],
  );
  return rows[0] ? { userId: rows[0].user_id, name: rows[0].name } : null;
}

export async function phoneBelongsTo(db: Queryable, phone: string, userId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM user_phones WHERE phone = $1 AND user_id = $2', [phone, userId]);
  return rows.length > 0;
}

export async function idSuffixMatches(db: Queryable, userId: string, suffix: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM users WHERE id = $1 AND right(id_number, $2) = $3', [userId, suffix.length, suffix]);
  return rows.length > 0;
}

/**
 * The IVR's identity check. Identification is not verification: only what the caller proves raises
 * the level to `verified`.
 * - 11 digits = a registered phone. Keyed from that same phone (the calling number): verified for its
 *   account. Keyed from another number: the account is only *identified* (status failed, level
 *   identified, its userId) and the IVR asks for the ID suffix next, with that userId.
 * - 4–6 characters = the ID number's suffix of the calling number's account, or of `userId` when the
 *   previous step identified one: verified when it matches.
 * With `userId`, a keyed phone verifies only when it is that account's and the calling number.
 */
export async function verifyIdentity(
  db: Queryable,
  request: { callerPhone: string; input: string; userId?: string | undefined },
): Promise<InternalIdentityVerifyResponse> {
  const input = normaliseIdentityInput(request.input);
  const caller = nationalNumber(request.callerPhone);
  if (/^\d{11}$/.test(input)) {
    const failed: InternalIdentityVerifyResponse = { status: 'failed', method: 'ivr-phone', userId: null, level: 'none' };
    const owner = await ownerOfPhone(db, input);
    if (!owner || (request.userId !== undefined && owner.userId !== request.userId)) return failed;
    if (input === caller) return { status: 'verified', method: 'ivr-phone', userId: owner.userId, level: 'verified' };
    return { status: 'failed', method: 'ivr-phone', userId: owner.userId, level: 'identified' };
  }
  const failed: InternalIdentityVerifyResponse = { status: 'failed', method: 'ivr-id-suffix', userId: null, level: 'none' };
  if (!/^\d{3,5}[\dX]$/.test(input)) return failed;
  const subject = request.userId ?? (await ownerOfPhone(db, caller))?.userId;
  if (!subject) return failed;
  return (await idSuffixMatches(db, subject, input)) ? { status: 'verified', method: 'ivr-id-suffix', userId: subject, level: 'verified' } : failed;
}

const phoneParams = z.object({ phone: z.string().min(3, 'must be a phone number').max(20).regex(/^\+?\d+$/, 'must be digits') });
const callParams = z.object({ callId: apiCallIdSchema });

/** Service-to-service endpoints for the cti-server (service token). */
export function registerInternalRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/internal/users/by-phone/:phone', async (request): Promise<InternalUserByPhoneResponse> => {
    const service = await requireService(ctx, request);
    const { phone } = parse(phoneParams, request.params, 'params');
    const owner = await ownerOfPhone(ctx.db, phone);
    await writeAudit(ctx.db, ctx.auditKey, { agentId: `service:${service.sub}`, userId: owner?.userId ?? null, action: 'internal.user-by-phone', outcome: owner ? 'allowed' : 'refused', via: 'service', reason: owner ? null : 'not found' }, ctx.now());
    if (!owner) throw new HttpError(404, 'not_found', 'no user has this phone number');
    return owner;
  });

  app.post('/internal/identity/verify', async (request): Promise<InternalIdentityVerifyResponse> => {
    const service = await requireService(ctx, request);
    const body = parse(internalIdentityVerifyRequestSchema, request.body, 'body');
    const result = await verifyIdentity(ctx.db, body);
    await writeAudit(ctx.db, ctx.auditKey, { agentId: `service:${service.sub}`, userId: result.userId ?? body.userId ?? null, action: 'identity.verify', outcome: 'masked', via: 'ivr', reason: `${result.method}:${result.status}:${result.level}` }, ctx.now());
    return result;
  });

  /**
   * Access decisions the cti-server made (binds, rejected proofs, socket refusals …), sent through its
   * durable outbox: appended in order, in one transaction, to the same chain, with via `cti-server`
   * and the time the cti-server decided. Repeats of an outbox retry are appended again (the log is a
   * record of what was reported).
   */
  app.post('/internal/audit', async (request, reply) => {
    await requireService(ctx, request);
    const { events } = parse(internalAuditEventsSchema, request.body, 'body');
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

  /** `GET /internal/wrap-up-policy`: per group, whether after-call work needs a wrap-up code, and the active codes. */
  app.get('/internal/wrap-up-policy', async (request): Promise<InternalWrapUpPolicy> => {
    await requireService(ctx, request);
    return wrapUpPolicy(ctx.db);
  });

  app.put('/internal/call-records/:callId', async (request, reply): Promise<CallRecordUpsertResponse> => {
    await requireService(ctx, request);
    const { callId } = parse(callParams, request.params, 'params');
    const body = parse(callRecordUpsertSchema, request.body, 'body');
    if (body.callId !== callId) throw new HttpError(400, 'bad_request', 'body.callId: must equal the callId in the path', 'body.callId');
    // Idempotent upsert. The agent's note and the agent's deletion are never overwritten.
    const rows = await ctx.db.query<{ created: boolean }>(
      `INSERT INTO call_records (call_id, agent_id, direction, number, province, city, skill_group, key_track, verification_status,
         verification_method, user_id, connected_at, ended_at, transfers, rating, end_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15, $16)
       ON CONFLICT (call_id) DO UPDATE SET
         agent_id = EXCLUDED.agent_id, direction = EXCLUDED.direction, number = EXCLUDED.number, province = EXCLUDED.province,
         city = EXCLUDED.city, skill_group = EXCLUDED.skill_group, key_track = EXCLUDED.key_track,
         verification_status = EXCLUDED.verification_status, verification_method = EXCLUDED.verification_method,
         user_id = EXCLUDED.user_id, connected_at = EXCLUDED.connected_at, ended_at = EXCLUDED.ended_at,
         transfers = EXCLUDED.transfers, rating = EXCLUDED.rating, end_reason = EXCLUDED.end_reason, updated_at = now()
       RETURNING (xmax = 0) AS created`,
      [
        callId, body.agentId, body.direction, body.number, body.province, body.city, body.skillGroup, body.keyTrack,
        body.verificationStatus, body.verificationMethod, body.userId, body.connectedAt, body.endedAt,
        JSON.stringify(body.transfers), body.rating, body.endReason,
      ],
    );
    const created = rows[0]?.created === true;
    // The agent's wrap-up code (chosen through the cti-server): kept only when valid and newer than the record's.
    if (body.disposition && body.dispositionAt) await applyRecordDisposition(ctx.db, callId, body.disposition, body.dispositionAt);
    reply.code(created ? 201 : 200);
    return { callId, created };
  });
}
