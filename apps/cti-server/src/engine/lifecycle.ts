// How legs and calls end: a leg into wrap-up (after-call work) or over, a consultation or transfer
// cancelled, an agent leaving a conference, the call over on every side.
import type { EndReason } from '@octopus/contracts';
import { issueGrant, reportGrantEnd } from './grants';
import { activeAgentLegs, awaitsDisposition, reject, type Agent, type Call, type Leg } from './model';
import { removeFromQueue } from './queue';
import { groupRules, rememberServed } from './rules-book';
import type { EngineState } from './state';
import { callRecord } from './views';

/**
 * Ends the agent's part of the call: into wrap-up when `wrapUp` (and the group's rules have a `wrapUpMs` > 0),
 * else over. A wrap-up leg owes a code when the group requires one and the leg is the record's agent's.
 */
export function endLeg(s: EngineState, call: Call, leg: Leg, reason: EndReason, wrapUp: boolean): void {
  s.clock.clearTimeout(leg.ringTimer);
  leg.ringTimer = null;
  leg.ringDeadline = null;
  const now = s.clock.now();
  leg.endedAt ??= now;
  leg.endedWall ??= Date.now();
  leg.endReason = reason;
  leg.muted = false;
  const agent = s.agent(leg.agentId);
  // The after-call work of the call's group's rules (the engine's default for a call without a group).
  const wrapUpMs = call.skillGroup ? groupRules(s, call.skillGroup).wrapUpMs : s.wrapUpMs;
  if (wrapUp && wrapUpMs > 0) {
    leg.status = 'wrap-up';
    leg.wrapUpDeadline = now + wrapUpMs;
    // Only the record's agent owes a code (a transferring agent's record is the next agent's).
    leg.dispositionRequired = call.lastAgentId === leg.agentId && call.skillGroup !== null && s.wrapUpRules.get(call.skillGroup)?.required === true;
    armWrapUp(s, agent, wrapUpMs);
  } else {
    leg.status = 'ended';
    leg.wrapUpDeadline = null;
  }
  reportGrantEnd(s, call, leg, now);
  s.markAgent(agent);
  s.markCall(call);
}

/** (Re)arms the agent's wrap-up timer to fire in `delayMs`. */
export function armWrapUp(s: EngineState, agent: Agent, delayMs: number): void {
  s.clock.clearTimeout(agent.wrapUpTimer);
  agent.wrapUpTimer = s.after(delayMs, () => wrapUpExpired(s, agent));
}

/** The wrap-up timer fired: every leg of the agent past its deadline ends (not one waiting for a required code). */
function wrapUpExpired(s: EngineState, agent: Agent): void {
  agent.wrapUpTimer = null;
  const now = s.clock.now();
  for (const id of [...agent.calls]) {
    const call = s.calls.get(id);
    const leg = call?.legs.get(agent.id);
    // A leg still waiting for a required wrap-up code stays in after-call work past its deadline.
    if (call && leg?.status === 'wrap-up' && (leg.wrapUpDeadline ?? 0) <= now && !awaitsDisposition(leg)) endWrapUp(s, call, leg);
  }
}

/** Ends a wrap-up leg (its after-call work is done). */
export function endWrapUp(s: EngineState, call: Call, leg: Leg): void {
  endLeg(s, call, leg, leg.endReason ?? 'wrap-up-done', false);
}

/** @throws Rejection `disposition-required` while the leg's after-call work waits for a required wrap-up code. */
export function assertMayEndWrapUp(leg: Leg): void {
  if (awaitsDisposition(leg)) reject('disposition-required', 'choose a wrap-up code first: this skill group requires one');
}

/** Ends the consultation (its colleague's leg) if one runs. */
export function endConsult(s: EngineState, call: Call, reason: EndReason): void {
  const consult = call.consult;
  if (!consult) return;
  call.consult = null;
  const leg = call.legs.get(consult.agentId);
  if (leg && leg.status !== 'ended') endLeg(s, call, leg, reason, false);
  s.markCall(call);
}

/** Cancels a ringing transfer and ends a consultation. */
export function cancelPending(s: EngineState, call: Call): void {
  if (call.transfer) {
    const t = call.legs.get(call.transfer.agentId);
    call.transfer = null;
    if (t && t.status !== 'ended') endLeg(s, call, t, 'transfer-cancelled', false);
  }
  endConsult(s, call, 'consult-ended');
}

/** One agent leaves a conference; when it owned the call, the next participant takes it over (with a grant). */
export function leaveConference(s: EngineState, call: Call, leg: Leg, reason: EndReason, wrapUp: boolean): void {
  const wasOwner = leg.role === 'owner';
  endLeg(s, call, leg, reason, wrapUp);
  if (wasOwner) {
    const next = activeAgentLegs(call)[0];
    if (next) {
      next.role = 'owner';
      call.ownerId = next.agentId;
      call.lastAgentId = next.agentId;
      issueGrant(s, call, next);
    }
  }
  s.markCall(call);
}

/** The call is over on every side: talking legs go to wrap-up, ringing ones end; the record is written. */
export function endCall(s: EngineState, call: Call, reason: EndReason): void {
  if (call.phase === 'ended') return;
  removeFromQueue(s, call);
  s.clock.clearTimeout(call.queueTimer);
  call.queueTimer = null;
  call.transfer = null;
  call.consult = null;
  s.setHeld(call, false);
  for (const leg of call.legs.values()) {
    if (leg.status === 'ringing') endLeg(s, call, leg, reason, false);
    else if (leg.status === 'active') endLeg(s, call, leg, reason, leg.role !== 'consult-target');
  }
  call.phase = 'ended';
  call.endedAt = s.clock.now();
  call.endReason = reason;
  rememberServed(s, call, call.endedAt);
  s.markCall(call);
  s.records.put(callRecord(call));
  s.network.callEnded(call.id);
}
