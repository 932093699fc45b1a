// The caller's side of a call, as the network reports it: hang-up, the callee answering an outbound
// call, a rating keyed in the survey or after an invitation.
import { endCall } from './lifecycle';
import type { EngineState } from './state';
import { callRecord } from './views';

/** The caller (or an outbound callee) hung up. False for an unknown or ended call. */
export function callerHangup(s: EngineState, callId: string): boolean {
  const call = s.calls.get(callId);
  if (!call || call.phase === 'ended') return false;
  const reason =
    call.phase === 'ivr'
      ? 'abandoned-ivr'
      : call.phase === 'queued' || (call.phase === 'ringing' && call.direction === 'inbound')
        ? 'abandoned'
        : call.direction === 'outbound'
          ? call.phase === 'ringing'
            ? 'callee-rejected'
            : 'callee-hangup'
          : 'caller-hangup';
  // Said aloud: otherwise a ringing or held call just vanishes from the agent's screen.
  if (call.direction === 'inbound') {
    for (const leg of call.legs.values()) {
      if (leg.status === 'ringing') s.notify(leg.agentId, 'caller-hangup-ringing', 'the caller hung up while the call was ringing', call.id);
    }
    if (call.held && call.ownerId) s.notify(call.ownerId, 'caller-hangup-held', 'the caller hung up while on hold', call.id);
  }
  if (reason === 'abandoned' && call.skillGroup) s.tally.abandoned(call.skillGroup, s.clock.now());
  // Hanging up after a self-service answer is the caller's "that was all": resolved in the IVR.
  if (call.phase === 'ivr' && call.direction === 'inbound') call.ivrOutcome ??= call.ivrSession?.answered ? 'self-service' : 'hung-up';
  endCall(s, call, reason);
  return true;
}

/** The callee of a ringing outbound call answered: the call connects and its record is written. */
export function calleeAnswered(s: EngineState, callId: string): boolean {
  const call = s.calls.get(callId);
  if (!call || call.direction !== 'outbound' || call.phase !== 'ringing') return false;
  const leg = call.ownerId ? call.legs.get(call.ownerId) : undefined;
  if (!leg || leg.status !== 'ringing') return false;
  s.clock.clearTimeout(leg.ringTimer);
  leg.ringTimer = null;
  leg.status = 'active';
  leg.ringDeadline = null;
  call.phase = 'connected';
  call.connectedAt = s.clock.now();
  s.markCall(call);
  // The record exists from the moment the call connects, so the agent's notes can be saved during it.
  s.records.put(callRecord(call));
  return true;
}

/** The caller pressed a rating 1–5 (survey IVR or rating invitation); false when not asked or already rated. */
export function callerRated(s: EngineState, callId: string, rating: number): boolean {
  const call = s.calls.get(callId) ?? s.ended.get(callId);
  if (!call || rating < 1 || rating > 5 || call.rating !== null) return false;
  if (call.phase !== 'survey' && !call.ratingInvited) return false;
  call.rating = Math.round(rating);
  s.markCall(call);
  if (call.lastAgentId) s.notify(call.lastAgentId, 'rating', `caller rated ${call.rating}`, call.id);
  if (call.phase === 'survey') endCall(s, call, 'survey-complete');
  else if (call.phase === 'ended') s.records.put(callRecord(call));
  return true;
}
