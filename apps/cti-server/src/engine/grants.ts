// Per-call customer grants: issued to the agents who handle a call (through the `GrantSigner` port),
// their end reported to the api when the leg ends.
import { GRANT_AFTER_LEG_MAX_MS } from '@octopus/contracts';
import type { Call, Leg } from './model';
import type { EngineState } from './state';

/** Signs a grant for the leg's agent on the call's customer (none while the call has no customer). */
export function issueGrant(s: EngineState, call: Call, leg: Leg): void {
  // After the leg ended (wrap-up included) no new grant: it would outlive the grant end sent to the api.
  if (leg.status === 'wrap-up' || leg.status === 'ended') return;
  if (!call.userId) {
    leg.grant = null;
    return;
  }
  leg.granted = true;
  leg.grant = s.grants.sign({
    callId: call.id,
    agentId: leg.agentId,
    userId: call.userId,
    level: call.verificationStatus === 'verified' ? 'verified' : 'unverified',
    // On an outbound call the agent chose the number: nobody proved possession of it.
    callerNumber: call.direction === 'inbound' ? call.number : null,
  });
}

/**
 * The consulted agent's grant: the call's customer at the call's level (what the consulting agent has),
 * issued when the consultation is answered and ended with the consultation leg (`reportGrantEnd`:
 * refused by the api from then on). The issue is audited here; every use of it, by the api.
 */
export function issueConsultGrant(s: EngineState, call: Call, leg: Leg): void {
  issueGrant(s, call, leg);
  if (!leg.grant || !call.userId) return;
  s.audit.audit({
    at: new Date().toISOString(),
    agentId: leg.agentId,
    sessionId: null,
    userId: call.userId,
    callId: call.id,
    action: 'grant-consult',
    outcome: call.verificationStatus === 'verified' ? 'allowed' : 'masked',
    reason: `consulted by agent ${call.ownerId ?? '(none)'}: ${call.verificationStatus === 'verified' ? 'verified' : 'unverified'} level, ends with the consultation`,
  });
}

/**
 * Tells the api that this leg's grant ends: at the end of its wrap-up (at most
 * `GRANT_AFTER_LEG_MAX_MS` after the leg), or now for a leg without wrap-up (missed, rejected,
 * transfer target, consultation) and when wrap-up ends early. Wall-clock times: the api checks
 * grants against its own clock. `now` is the engine clock (ms).
 */
export function reportGrantEnd(s: EngineState, call: Call, leg: Leg, now: number): void {
  if (!leg.granted || leg.endedWall === null || leg.endedAt === null) return;
  const legEndedAt = leg.endedWall;
  // Durations on the engine clock, anchored at the wall-clock end of the leg.
  const after = leg.status === 'wrap-up' && leg.wrapUpDeadline !== null ? leg.wrapUpDeadline - leg.endedAt : now - leg.endedAt;
  const notAfter = legEndedAt + Math.min(Math.max(0, after), GRANT_AFTER_LEG_MAX_MS);
  if (leg.grantEndSent !== null && leg.grantEndSent <= notAfter) return;
  leg.grantEndSent = notAfter;
  s.grantsEnded.grantEnded({ callId: call.id, agentId: leg.agentId, legEndedAt, notAfter });
}
