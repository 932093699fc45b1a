// Skill-group routing under the group's rules (rules-book.ts): admitting callers (hours, capacity),
// queueing them (priority, wait limit, overflow, callback), picking an agent (sticky agent, longest idle,
// round robin, skill level), offering the call (ringing the agent's leg) and moving it on when the
// offer goes unanswered.
import type { CallerMessage, CallRole, QueueExit } from '@octopus/contracts';
import { issueGrant } from './grants';
import { endCall, endLeg } from './lifecycle';
import { newLeg, reject, type Agent, type Call, type Group, type Leg } from './model';
import { insertInQueue, removeFromQueue } from './queue';
import { groupRules, isOpen, queuePriority, skillLevel, stickyChoice, waitingCallers } from './rules-book';
import type { EngineState } from './state';

/**
 * Puts a caller in a group's queue. `front`: a returning caller (missed, rejected, transferred to the
 * group, its agent lost), served before new callers of its customer priority; among callers of one
 * priority, first come first served. `keepWait`: the wait clock keeps running from when the caller first
 * queued in this group, so the overflow fires at the group's limit whatever happened in between (a timer
 * for the remaining wait). `admit`: a new arrival (from the IVR or an overflow) the group's rules may turn
 * away — outside business hours (`outOfHours`) or with the queue at `capacity` (`onFull`).
 */
export function enqueue(s: EngineState, call: Call, groupName: string, options: { front: boolean; keepWait: boolean; admit?: boolean }): void {
  const group = s.groups.get(groupName) ?? s.groups.get(s.defaultGroup);
  if (!group) {
    endCall(s, call, 'no-group');
    return;
  }
  const rules = groupRules(s, group.config.name);
  const now = s.clock.now();
  if (options.admit && call.direction === 'inbound') {
    call.skillGroup = group.config.name;
    if (rules.businessHours && !isOpen(rules.businessHours, now)) return exitQueue(s, call, group, rules.businessHours.outOfHours);
    if (rules.capacity !== null && waitingCallers(group) >= rules.capacity) return exitQueue(s, call, group, rules.onFull ?? null);
  }
  call.phase = 'queued';
  if (!options.keepWait || call.queuedAt === null || call.skillGroup !== group.config.name) {
    call.queuedAt = now;
    call.queueSeq = ++s.queueSeq;
    s.tally.offered(group.config.name, now);
  }
  call.skillGroup = group.config.name;
  // The report's queue time and IVR outcome: the first queue only (overflows and requeues keep them).
  call.firstQueuedAt ??= now;
  if (call.direction === 'inbound') call.ivrOutcome ??= 'queued';
  call.priority = queuePriority(rules, call.customerLevel, options.front);
  s.clock.clearTimeout(call.queueTimer);
  call.queueTimer = null;
  const limit = waitLimit(s, call, group);
  if (limit !== null) {
    const remaining = call.queuedAt + limit - now;
    if (remaining > 0) armQueueTimer(s, call, group, remaining);
  }
  insertInQueue(group, call);
  s.routeGroups.add(group.config.name);
  s.listGroups.add(group.config.name);
  s.markCall(call);
  // Its wait is already over (it rang past the limit): it overflows now.
  if (limit !== null && call.queueTimer === null) queueTimedOut(s, call, group);
}

/** How long this caller may wait in the group (ms), or null: the group's `maxWaitMs` with an `onMaxWait`; none for a callback task. */
export function waitLimit(s: EngineState, call: Call, group: Group): number | null {
  if (call.callbackOf) return null;
  const rules = groupRules(s, group.config.name);
  return rules.onMaxWait ? rules.maxWaitMs : null;
}

/** The caller's wait limit in `group` falls due in `delayMs`. */
export function armQueueTimer(s: EngineState, call: Call, group: Group, delayMs: number): void {
  call.queueTimer = s.after(delayMs, () => queueTimedOut(s, call, group));
}

/** The caller waited the group's limit: its `onMaxWait` applies (another group, a callback, voicemail, closed). */
export function queueTimedOut(s: EngineState, call: Call, group: Group): void {
  call.queueTimer = null;
  if (call.phase !== 'queued' || call.skillGroup !== group.config.name) return;
  const exit = groupRules(s, group.config.name).onMaxWait;
  if (!exit) return;
  removeFromQueue(s, call);
  // The supervisor board's 'overflowed': callers whose wait reached the group's limit.
  s.tally.overflowed(group.config.name, s.clock.now());
  exitQueue(s, call, group, exit);
}

/** Played when a group turns a caller away without a message of its own. */
const CLOSED_MESSAGE: CallerMessage = { 'zh-CN': '抱歉，现在无法接通，请稍后再拨。', 'en-US': 'Sorry, we cannot take your call now. Please call again later.' };

/**
 * The group does not take the caller (`call` is not in its queue): overflow to another group (at most 3 hops
 * per call, then voicemail), a callback task, voicemail, or the closed message. Without an exit: closed.
 */
function exitQueue(s: EngineState, call: Call, group: Group, exit: QueueExit | null): void {
  const now = s.clock.now();
  if (exit?.kind === 'overflow' && call.overflowHops < 3 && exit.group !== group.config.name && s.groups.has(exit.group)) {
    call.overflowHops++;
    call.declined.clear();
    call.transfers.push({ from: group.config.name, to: exit.group, kind: 'overflow', at: now });
    enqueue(s, call, exit.group, { front: false, keepWait: false, admit: true });
  } else if (exit?.kind === 'callback') {
    endCall(s, call, 'callback-requested');
    queueCallback(s, call, group);
  } else if (!exit || exit.kind === 'closed') {
    call.announcement = exit?.message ?? CLOSED_MESSAGE;
    endCall(s, call, 'closed');
  } else {
    endCall(s, call, 'voicemail');
  }
}

/**
 * A callback task for an inbound caller the group could not take: an outbound call to the caller's number,
 * queued in the group (no wait limit, no capacity) and dialled for its next free agent (`serveQueue`).
 */
function queueCallback(s: EngineState, from: Call, group: Group): void {
  if (from.direction !== 'inbound' || from.callbackOf) return;
  const task = s.newCall('outbound', from.number, s.clock.now());
  task.callbackOf = from.id;
  task.province = from.province;
  task.city = from.city;
  task.userId = from.userId;
  task.customerName = from.customerName;
  task.customerLevel = from.customerLevel ?? null;
  task.numberUserId = from.numberUserId;
  task.verificationStatus = 'unverified';
  task.callerId = group.config.callerId;
  task.skillGroup = group.config.name;
  s.calls.set(task.id, task);
  enqueue(s, task, group.config.name, { front: false, keepWait: false });
}

/** An agent a colleague may transfer to or consult. @throws Rejection `not-found`, `invalid-command` (self), `agent-unavailable`. */
export function routableTarget(s: EngineState, from: Agent, agentId: string): Agent {
  const other = s.agents.get(agentId);
  if (!other) reject('not-found', `no agent ${agentId}`);
  if (other === from) reject('invalid-command', 'cannot target yourself');
  if (!s.isRoutable(other)) reject('agent-unavailable', `agent ${agentId} is ${other.sessions ? other.state : 'not connected'}`);
  return other;
}

/**
 * The routable member of a group passing `accept` its strategy picks: the longest idle, the next in rotation
 * (`round-robin`), or the highest skill level, longest idle among equals (`skill-level`).
 */
export function pickAgent(s: EngineState, group: Group, accept: (agent: Agent) => boolean): Agent | null {
  const members = group.members;
  const rules = groupRules(s, group.config.name);
  if (rules.strategy === 'round-robin') {
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
  const level = (a: Agent) => (rules.strategy === 'skill-level' ? skillLevel(rules, a.id) : 0);
  let best: Agent | null = null;
  for (const a of members) {
    if (!s.isRoutable(a) || !accept(a)) continue;
    if (!best || level(a) > level(best) || (level(a) === level(best) && a.idleSince < best.idleSince)) best = a;
  }
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
  const rules = groupRules(s, groupName);
  const now = s.clock.now();
  for (const call of [...group.queue]) {
    // A caller waiting for its sticky agent lets the callers behind it be served meanwhile.
    const sticky = stickyChoice(s, group, call, rules, now);
    if (sticky && 'wait' in sticky) {
      armStickyWait(s, call, group, sticky.wait - now);
      continue;
    }
    // Agents who let this caller go are offered it again only when nobody else is free; callers
    // behind it wait their turn (never served before it).
    const agent = sticky?.agent ?? pickAgent(s, group, (a) => !call.declined.has(a.id)) ?? pickDeclined(s, group, call);
    if (!agent) break; // nobody routable at all
    removeFromQueue(s, call);
    s.clock.clearTimeout(call.queueTimer);
    call.queueTimer = null;
    if (s.recordDispatchSamples && call.queuedAt !== null) s.dispatchSamples.push(now - call.queuedAt);
    call.phase = 'ringing';
    if (call.callbackOf) {
      dialCallback(s, call, agent);
      continue;
    }
    const leg = offer(s, call, agent, 'owner', rules.ringTimeoutMs);
    issueGrant(s, call, leg);
    s.markCall(call);
  }
}

/** Serves the group again when a caller's wait for its sticky agent ends (one timer per caller). */
function armStickyWait(s: EngineState, call: Call, group: Group, delayMs: number): void {
  if (s.stickyWaits.has(call.id)) return;
  s.stickyWaits.add(call.id);
  s.after(delayMs, () => {
    s.stickyWaits.delete(call.id);
    s.routeGroups.add(group.config.name);
  });
}

/** A callback task picked an agent: it becomes the agent's outbound call to the customer (the network dials it). */
function dialCallback(s: EngineState, call: Call, agent: Agent): void {
  call.ownerId = agent.id;
  call.lastAgentId = agent.id;
  const leg = offer(s, call, agent, 'owner', s.outboundTimeoutMs);
  if (call.userId) issueGrant(s, call, leg);
  s.markCall(call);
  s.network.dialOut(call.id, call.number);
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
    s.tally.missedRing(agent.id, s.clock.now());
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
