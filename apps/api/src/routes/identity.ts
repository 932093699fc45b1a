import { signToken, type VerificationClaims } from '@octopus/auth';
import { apiRoutes, type AgentIdentityVerifyResponse } from '@octopus/contracts';
import type { AppContext } from '../context';
import { findCustomer } from '../customers/repository';
import { writeAudit } from '../audit/log';
import { grantEnded } from '../http/access';
import { agentOf, agentToken, readGrant } from '../http/auth';
import { HttpError, notFound } from '../http/errors';
import type { ApiApp } from '../http/types';
import { isCallingNumber, normaliseIdentityInput } from '../identity/identity';
import { VerifyLockout } from '../identity/lockout';
import { idSuffixMatches, phoneBelongsTo } from '../identity/repository';

/** Lifetime of the verification proof the api hands out (seconds). */
export const VERIFICATION_PROOF_TTL_SECONDS = 5 * 60;

/** The agent's identity check of the caller (`apiRoutes.verifyIdentity`), with the lockout. */
export function registerIdentityRoutes(app: ApiApp, ctx: AppContext): void {
  const lockout = new VerifyLockout();

  app.post(apiRoutes.verifyIdentity.url, { schema: apiRoutes.verifyIdentity.schema, preValidation: agentToken(ctx) }, async (request, reply) => {
    const agent = agentOf(request);
    const body = request.body;
    // Only the agent on the call checks its caller: a live grant of this agent for this customer (and call).
    const grant = readGrant(ctx, request);
    let refusal: { code: string; message: string } | null = null;
    if (grant === null) refusal = { code: 'no_access', message: 'the identity check needs the grant of your call with this customer (X-Octopus-Grant)' };
    else if (!grant.ok) refusal = { code: 'no_access', message: grant.problem };
    else if (grant.claims.agentId !== agent.sub) refusal = { code: 'no_access', message: 'the call grant was issued to another agent' };
    else if (grant.claims.userId !== body.userId) refusal = { code: 'no_access', message: 'the call grant is for another customer' };
    else if (body.callId !== null && grant.claims.callId !== body.callId) refusal = { code: 'no_access', message: 'the call grant is for another call' };
    else if (await grantEnded(ctx.db, grant.claims, ctx.now())) refusal = { code: 'grant_ended', message: 'the call grant ended with your part of the call' };
    if (refusal || !grant?.ok) {
      const r = refusal ?? { code: 'no_access', message: 'no call grant' };
      await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, userId: body.userId, callId: body.callId, action: 'identity.verify', outcome: 'refused', via: 'agent', reason: r.message }, ctx.now());
      throw new HttpError(403, r.code, `cannot check this caller: ${r.message}`);
    }
    const callId = grant.claims.callId;
    if (!(await findCustomer(ctx.db, body.userId))) throw notFound('user');
    const key = `${agent.sub}:${body.userId}`;
    const now = ctx.now();
    const retryAfter = lockout.retryAfterSeconds(key, now);
    if (retryAfter !== null) {
      reply.header('retry-after', String(retryAfter));
      await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, userId: body.userId, callId, action: 'identity.verify', outcome: 'refused', via: 'agent', reason: 'locked out: too many failed checks' }, now);
      throw new HttpError(429, 'too_many_attempts', 'too many failed verification attempts for this customer; try again later');
    }
    const input = normaliseIdentityInput(body.input);
    const check: AgentIdentityVerifyResponse['check'] = /^\d{11}$/.test(input) ? 'phone' : 'id-suffix';
    if (check === 'id-suffix' && !/^\d{3,5}[\dX]$/.test(input)) {
      throw new HttpError(400, 'bad_request', 'body.input: must be an 11-digit phone number or the last 4–6 characters of the ID number', 'body.input');
    }
    // A phone proves nothing the agent could not look up (search): it verifies only when it is the number
    // this inbound call comes FROM (possession proven by the network) and belongs to the account. An
    // outbound call (callerNumber null) or another number fails like a wrong answer (and counts for the lockout).
    const ok =
      check === 'phone'
        ? isCallingNumber(input, grant.claims.callerNumber) && (await phoneBelongsTo(ctx.db, input, body.userId))
        : await idSuffixMatches(ctx.db, body.userId, input);
    const attemptsLeft = lockout.record(key, ok, now);
    await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, userId: body.userId, callId, action: 'identity.verify', outcome: 'masked', via: 'agent', reason: `${check}:${ok ? 'verified' : 'failed'}` }, now);
    // The proof the cti-server requires before it raises this call to verified (bindCustomer.proof).
    const proof = ok
      ? signToken<VerificationClaims>(
          { kind: 'verification', callId, agentId: agent.sub, userId: body.userId, method: 'agent-confirm' },
          { secret: ctx.tokenSecret, ttlSeconds: VERIFICATION_PROOF_TTL_SECONDS, now: ctx.now },
        )
      : null;
    return { status: ok ? ('verified' as const) : ('failed' as const), method: 'agent-confirm' as const, check, userId: body.userId, attemptsLeft, proof };
  });
}
