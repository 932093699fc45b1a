// What the supervisors see and do: the floor view (agents, queues, live calls) and the two supervisor commands (set an agent's state,
// offer a queued call to one agent), each audited.
import { maskPhone, SERVICE_LEVEL_SECONDS, type FloorView, type SelectableAgentState } from '@octopus/contracts';
import { chooseState } from './agent-state';
import { issueGrant } from './grants';
import { reject } from './model';
import { removeFromQueue } from './queue';
import { offer } from './routing';
import type { EngineState } from './state';
import { groupRules } from './rules-book';
import { groupSummary } from './views';

/** The floor now: enabled agents in roster order, groups in configuration order, live calls oldest first. */
export function floorView(s: EngineState): FloorView {
  const now = s.clock.now();
  const agents = [...s.agents.values()]
    .filter((a) => !a.disabled)
    .map((a) => {
      let callId: string | null = null;
      for (const id of a.calls) {
        const leg = s.calls.get(id)?.legs.get(a.id);
        if (leg && leg.status !== 'ended') {
          callId = id;
          if (leg.status !== 'wrap-up') break;
        }
      }
      return {
        id: a.id,
        name: a.name,
        role: s.roles.get(a.id) ?? 'agent',
        skillGroups: a.skillGroups.slice(),
        state: a.state,
        stateSince: a.stateSince,
        connected: a.sessions > 0,
        callId,
        missedToday: s.tally.missedOf(a.id, now),
      };
    });
  const queues = [...s.groups.values()].map((g) => {
    const summary = groupSummary(g, groupRules(s, g.config.name).strategy);
    const counts = s.tally.countsOf(g.config.name, now);
    const judged = counts.answered + counts.abandoned;
    return {
      name: summary.name,
      label: summary.label,
      ...(summary.labels ? { labels: summary.labels } : {}),
      waiting: summary.queued,
      oldestQueuedAt: summary.oldestQueuedAt,
      idleAgents: summary.idleAgents,
      onlineAgents: summary.onlineAgents,
      offeredToday: counts.offered,
      answeredToday: counts.answered,
      answeredInTimeToday: counts.answeredInTime,
      abandonedToday: counts.abandoned,
      overflowedToday: counts.overflowed,
      serviceLevel: judged === 0 ? null : counts.answeredInTime / judged,
    };
  });
  const calls: FloorView['calls'] = [];
  for (const call of s.calls.values()) {
    if (call.phase !== 'queued' && call.phase !== 'ringing' && call.phase !== 'connected') continue;
    let agentId = call.ownerId;
    if (call.phase === 'ringing') for (const leg of call.legs.values()) if (leg.status === 'ringing' && leg.role === 'owner') agentId = leg.agentId;
    calls.push({
      id: call.id,
      direction: call.direction,
      number: call.verificationStatus === 'verified' ? call.number : maskPhone(call.number),
      skillGroup: call.skillGroup,
      phase: call.phase,
      held: call.held,
      agentId: call.phase === 'queued' ? null : agentId,
      startedAt: call.createdAt,
      queuedAt: call.phase === 'queued' ? call.queuedAt : null,
      connectedAt: call.connectedAt,
      verification: { status: call.verificationStatus, method: call.verificationMethod },
    });
  }
  calls.sort((a, b) => a.startedAt - b.startedAt);
  return { at: now, serviceLevelSeconds: SERVICE_LEVEL_SECONDS, agents, queues, calls };
}

function auditSupervision(s: EngineState, supervisorId: string, callId: string | null, action: string, target: string): void {
  s.audit.audit({ at: new Date().toISOString(), agentId: supervisorId, sessionId: null, userId: null, callId, action, outcome: 'allowed', reason: target.slice(0, 500) });
}

/**
 * A supervisor sets `agentId`'s state, as if the agent had chosen it (during a call: after the call).
 * @throws Rejection `not-found` (unknown or disabled agent), `disposition-required` (its wrap-up waits for a code).
 */
export function superviseState(s: EngineState, supervisorId: string, agentId: string, state: SelectableAgentState): void {
  const agent = s.agents.get(agentId);
  if (!agent || agent.disabled) reject('not-found', `no agent ${agentId}`);
  chooseState(s, agent, state);
  s.recompute.add(agent);
  auditSupervision(s, supervisorId, null, 'supervisor-set-state', `agent ${agentId} → ${state}`);
}

/**
 * A supervisor offers a queued call to `agentId` now, ahead of the group's strategy: it rings there as
 * any offer does (and goes back to the front of its queue if unanswered).
 * @throws Rejection `not-found` (unknown call or agent), `invalid-state` (the call is not queued), `agent-unavailable` (not idle and connected).
 */
export function routeQueuedCall(s: EngineState, supervisorId: string, callId: string, agentId: string): void {
  const call = s.calls.get(callId);
  if (!call) reject('not-found', `no call ${callId}`);
  if (call.phase !== 'queued') reject('invalid-state', `the call is ${call.phase}, not queued`);
  const agent = s.agents.get(agentId);
  if (!agent || agent.disabled) reject('not-found', `no agent ${agentId}`);
  if (!s.isRoutable(agent)) reject('agent-unavailable', `agent ${agentId} is ${agent.sessions ? agent.state : 'not connected'}`);
  removeFromQueue(s, call);
  s.clock.clearTimeout(call.queueTimer);
  call.queueTimer = null;
  call.phase = 'ringing';
  const leg = offer(s, call, agent, 'owner', call.skillGroup ? groupRules(s, call.skillGroup).ringTimeoutMs : s.ringTimeoutMs);
  issueGrant(s, call, leg);
  s.markCall(call);
  auditSupervision(s, supervisorId, callId, 'supervisor-route-call', `call ${callId} → agent ${agentId}`);
}
