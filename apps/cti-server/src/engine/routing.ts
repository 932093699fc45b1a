// Skill-group routing: queueing callers (priority, wait limit, overflow), picking an agent
// (longest idle or round robin), offering the call (ringing the agent's leg) and moving it on when the
// offer goes unanswered.
import type { CallRole } from '@octopus/contracts';
import { issueGrant } from './grants';
import { endCall, endLeg } from './lifecycle';
import { newLeg, reject, type Agent, type Call, type Group, type Leg } from './model';
import { insertInQueue, removeFromQueue } from './queue';
import type { EngineState } from './state';

/**
 * Puts a caller in a group's queue. `front`: a returning caller (missed, rejected, transferred to the
 * group, its agent lost), served before new callers; among callers of one priority, first come first
 * served. `keepWait`: the wait clock keeps running from when the caller first queued in this group, so
 * the overflow fires at the group's limit whatever happened in between (a timer for the remaining wait).
 */
export function enqueue(s: EngineState, call: Call, groupName: string, options: { front: boolean; keepWait: boolean }): void {
  const group = s.groups.get(groupName) ?? s.groups.get(s.defaultGroup);
  if (!group) {
    endCall(s, call, 'no-group');
    return;
  }
  const now = s.clock.now();
  call.phase = 'queued';
  if (!options.keepWait || call.queuedAt === null || call.skillGroup !== group.config.name) {
    call.queuedAt = now;
    call.queueSeq = ++s.queueSeq;
  }
  call.skillGroup = group.config.name;
  // The report's queue time and IVR outcome: the first queue only (overflows and requeues keep them).
  call.firstQueuedAt ??= now;
  if (call.direction === 'inbound') call.ivrOutcome ??= 'queued';
  call.priority = options.front ? 1 : 0;
  s.clock.clearTimeout(call.queueTimer);
  call.queueTimer = null;
  if (group.config.maxWaitMs !== null) {
    const remaining = call.queuedAt + group.config.maxWaitMs - now;
    if (remaining > 0) armQueueTimer(s, call, group, remaining);
  }
  insertInQueue(group, call);
  s.routeGroups.add(group.config.name);
  s.listGroups.add(group.config.name);
  s.markCall(call);
  // Its wait is already over (it rang past the limit): it overflows now.
  if (group.config.maxWaitMs !== null && call.queueTimer === null) queueTimedOut(s, call, group);
}

/** The caller's wait limit in `group` falls due in `delayMs`. */
export function armQueueTimer(s: EngineState, call: Call, group: Group, delayMs: number): void {
  call.queueTimer = s.after(delayMs, () => queueTimedOut(s, call, group));
}

/** The caller waited the group's limit: overflow to the next group (at most 3 hops), else voicemail or a callback request. */
export function queueTimedOut(s: EngineState, call: Call, group: Group): void {
  call.queueTimer = null;
  if (call.phase !== 'queued' || call.skillGroup !== group.config.name) return;
  const overflow = group.config.overflow;
  if (!overflow) return;
  removeFromQueue(s, call);
  const now = s.clock.now();
  if (overflow.kind === 'group' && call.overflowHops < 3 && s.groups.has(overflow.group)) {
    call.overflowHops++;
    call.declined.clear();
    call.transfers.push({ from: group.config.name, to: overflow.group, kind: 'overflow', at: now });
    enqueue(s, call, overflow.group, { front: false, keepWait: false });
  } else {
    endCall(s, call, overflow.kind === 'callback' ? 'callback-requested' : 'voicemail');
  }
}

/** An agent a colleague may transfer to or consult. @throws Rejection `not-found`, `invalid-command` (self), `agent-unavailable`. */
export function routableTarget(s: EngineState, from: Agent, agentId: string): Agent {
  const other = s.agents.get(agentId);
  if (!other) reject('not-found', `no agent ${agentId}`);
  if (other === from) reject('invalid-command', 'cannot target yourself');
  if (!s.isRoutable(other)) reject('agent-unavailable', `agent ${agentId} is ${other.sessions ? other.state : 'not connected'}`);
  return other;
}

/** Longest-idle (or next in rotation) routable member of a group passing `accept`. */
export function pickAgent(s: EngineState, group: Group, accept: (agent: Agent) => boolean): Agent | null {
  const members = group.members;
  if (group.config.routing === 'round-robin') {
    const n = members.length;
    for (let k = 1; k <= n; k++) {
      const i = (group.rrCursor + k + n) % n;
      const a = members[i]!;
      if (s.isRoutable(a) && accept(a)) {
        group.rrCursor = i;
        return a;
      }
    }
    return null;
  }
  let best: Agent | null = null;
  for (const a of members) if (s.isRoutable(a) && accept(a) && (!best || a.idleSince < best.idleSince)) best = a;
  return best;
}

/** The routable member who let this caller go longest ago (or null). */
function pickDeclined(s: EngineState, group: Group, call: Call): Agent | null {
  let best: Agent | null = null;
  let bestSeq = Infinity;
  for (const a of group.members) {
    const seq = call.declined.get(a.id);
    if (seq !== undefined && seq < bestSeq && s.isRoutable(a)) {
      best = a;
      bestSeq = seq;
    }
  }
  return best;
}

/** Offers the group's callers, in serving order, to its routable members until one of the two runs out. */
export function serveQueue(s: EngineState, groupName: string): void {
  const group = s.groups.get(groupName);
  if (!group || group.queue.length === 0) return;
  for (const call of [...group.queue]) {
    // Agents who let this caller go are offered it again only when nobody else is free; callers
    // behind it wait their turn (never served before it).
    const agent = pickAgent(s, group, (a) => !call.declined.has(a.id)) ?? pickDeclined(s, group, call);
    if (!agent) break; // nobody routable at all
    removeFromQueue(s, call);
    s.clock.clearTimeout(call.queueTimer);
    call.queueTimer = null;
    if (s.recordDispatchSamples && call.queuedAt !== null) s.dispatchSamples.push(s.clock.now() - call.queuedAt);
    call.phase = 'ringing';
    const leg = offer(s, call, agent, 'owner', s.ringTimeoutMs);
    issueGrant(s, call, leg);
    s.markCall(call);
  }
}

/**
 * Offers the call to an agent: a new leg in `legRole` rings its phone for `timeoutMs`, and the agent is
 * reserved (state `ringing`) so routing in the same step does not pick it again. The agent's sessions
 * get the call's view (state `ringing`) when the step commits: one whole view per step, after it is saved.
 */
export function offer(s: EngineState, call: Call, agent: Agent, legRole: CallRole, timeoutMs: number): Leg {
  const now = s.clock.now();
  const leg = newLeg(agent.id, legRole, now, now + timeoutMs);
  if (legRole === 'owner') call.firstOfferedAt ??= now;
  armRing(s, call, leg, agent, timeoutMs);
  call.legs.set(agent.id, leg);
  agent.calls.add(call.id);
  if (agent.state !== 'ringing') {
    agent.state = 'ringing';
    agent.stateSince = now;
  }
  s.markAgent(agent);
  return leg;
}

/** (Re)arms a ringing leg's timeout: an outbound call ends `no-answer`, an inbound offer moves on. */
export function armRing(s: EngineState, call: Call, leg: Leg, agent: Agent, delayMs: number): void {
  s.clock.clearTimeout(leg.ringTimer);
  leg.ringTimer = s.after(Math.max(0, delayMs), () => {
    leg.ringTimer = null;
    if (leg.status !== 'ringing' || call.legs.get(agent.id) !== leg) return;
    if (call.direction === 'outbound' && leg.role === 'owner') endCall(s, call, 'no-answer');
    // A ring the agent could not hear (its connection died or went silent) is not a missed call.
    else offerUnanswered(s, call, leg, leg.connectionLost || agent.sessions === 0 || agent.stale ? 'agent-lost' : 'missed');
  });
}

/** An offer ended unanswered (timeout, reject, or the agent vanished): move the call on. */
export function offerUnanswered(s: EngineState, call: Call, leg: Leg, reason: 'missed' | 'rejected' | 'agent-lost'): void {
  const agent = s.agent(leg.agentId);
  endLeg(s, call, leg, reason, false);
  // A ring the agent could not hear (agent-lost) is not theirs to answer for in the report.
  if (leg.role === 'owner' && reason !== 'agent-lost') (call.missedRings ??= []).push({ agentId: agent.id, at: s.clock.now(), reason });
  if (reason === 'missed') {
    // An agent who lets a call ring out is probably away: stop offering calls until they come back.
    agent.chosen = s.missedState;
    agent.reason = 'missed';
    s.notify(agent.id, 'missed', 'missed a call', call.id);
  }
  if (leg.role === 'owner') {
    call.declined.set(agent.id, ++s.declineSeq);
    enqueue(s, call, call.skillGroup ?? s.defaultGroup, { front: true, keepWait: true });
  } else if (leg.role === 'transfer-target') {
    call.transfer = null;
    s.notify(call.ownerId, 'transfer-failed', `agent ${agent.id} did not take the transfer (${reason})`, call.id);
  } else if (leg.role === 'consult-target') {
    call.consult = null;
    s.notify(call.ownerId, 'consult-failed', `agent ${agent.id} did not answer the consultation (${reason})`, call.id);
  }
  s.markCall(call);
}
