// Agents' sessions: connecting, disconnecting (reconnect grace), liveness, and losing an agent who
// does not come back.
import { cancelPending, endCall, endConsult, endLeg, leaveConference } from './lifecycle';
import { activeAgentLegs, type Agent, type Call, type Leg } from './model';
import { enqueue, offerUnanswered } from './routing';
import type { EngineState } from './state';

/** A connection of the agent opened: a fresh login starts idle, a reconnect within the grace period keeps everything. */
export function agentConnected(s: EngineState, agent: Agent): void {
  agent.sessions++;
  agent.stale = false;
  s.clock.clearTimeout(agent.graceTimer);
  agent.graceTimer = null;
  agent.graceDeadline = null;
  if (!agent.loggedIn) {
    agent.loggedIn = true;
    agent.chosen = 'idle';
    agent.nextState = null;
    agent.reason = null;
  }
  s.markAgent(agent);
}

/** A connection closed; the last one starts the reconnect grace period of a logged-in agent. */
export function agentDisconnected(s: EngineState, agent: Agent): void {
  agent.sessions = Math.max(0, agent.sessions - 1);
  s.markAgent(agent);
  if (agent.sessions === 0) markRingsLost(s, agent);
  if (agent.sessions > 0 || !agent.loggedIn) return;
  armGrace(s, agent, s.clock.now() + s.reconnectGraceMs);
}

/** The reconnect grace period ends at `deadline` (engine clock, ms). */
export function armGrace(s: EngineState, agent: Agent, deadline: number): void {
  s.clock.clearTimeout(agent.graceTimer);
  agent.graceDeadline = deadline;
  agent.graceTimer = s.after(Math.max(0, deadline - s.clock.now()), () => graceExpired(s, agent));
}

/** Liveness from the hub (see `CtiEngine.agentReachable`). */
export function agentReachable(s: EngineState, agent: Agent, reachable: boolean): void {
  if (agent.stale === !reachable) return;
  agent.stale = !reachable;
  if (!reachable) markRingsLost(s, agent);
  s.markAgent(agent);
}

/** The agent cannot hear its phone: a ring it lets go now is not counted as missed. */
function markRingsLost(s: EngineState, agent: Agent): void {
  for (const id of agent.calls) {
    const leg = s.calls.get(id)?.legs.get(agent.id);
    if (leg?.status === 'ringing') leg.connectionLost = true;
  }
}

/** The agent did not come back: its offers move on, its callers are requeued, it is logged out. */
function graceExpired(s: EngineState, agent: Agent): void {
  agent.graceTimer = null;
  agent.graceDeadline = null;
  if (agent.sessions > 0) return;
  s.log(`agent ${agent.id} did not come back within ${s.reconnectGraceMs} ms: offline`);
  for (const callId of [...agent.calls]) {
    const call = s.calls.get(callId);
    const leg = call?.legs.get(agent.id);
    if (!call || !leg || leg.status === 'ended') continue;
    if (leg.status === 'ringing') offerUnanswered(s, call, leg, 'agent-lost');
    else if (leg.status === 'wrap-up') endLeg(s, call, leg, leg.endReason ?? 'agent-lost', false);
    else loseActiveLeg(s, call, leg);
  }
  agent.loggedIn = false;
  agent.chosen = 'offline';
  agent.nextState = null;
  agent.reason = 'disconnected';
  s.markAgent(agent);
}

/** An agent vanished while connected to a caller: the caller goes back to the front of the queue. */
function loseActiveLeg(s: EngineState, call: Call, leg: Leg): void {
  if (leg.role === 'consult-target') {
    endConsult(s, call, 'consult-ended');
    return;
  }
  const others = activeAgentLegs(call).filter((l) => l !== leg);
  if (leg.role === 'conference' || (leg.role === 'owner' && others.length > 0)) {
    leaveConference(s, call, leg, 'agent-lost', false);
    return;
  }
  cancelPending(s, call);
  endLeg(s, call, leg, 'agent-lost', false);
  call.ownerId = null;
  s.setHeld(call, false);
  const group = call.skillGroup ?? s.defaultGroup;
  call.transfers.push({ from: leg.agentId, to: group, kind: 'requeue', at: s.clock.now() });
  if (call.direction === 'outbound') endCall(s, call, 'agent-lost');
  else enqueue(s, call, group, { front: true, keepWait: false });
}
