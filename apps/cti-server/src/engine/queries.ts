// Read-only answers about the state: an agent's snapshot, the agent and group lists (and their
// changes for the hub's batches), a caller's status, a queue in serving order, counts and a digest.
import type { AgentSelf, AgentSummary, CallView, EndReason, GroupSummary } from '@octopus/contracts';
import { persistCounters } from './durability';
import type { CallPhase } from './model';
import { queuePosition } from './queue';
import { groupRules } from './rules-book';
import type { EngineState } from './state';
import { agentSelf, agentSummary, callView, groupSummary } from './views';

/** What a (re)connecting session of this agent gets: its state and every call it has a part in. @throws Rejection `not-found`. */
export function snapshotFor(s: EngineState, agentId: string): { agent: AgentSelf; calls: CallView[] } {
  const agent = s.agent(agentId);
  const calls: CallView[] = [];
  for (const id of agent.calls) {
    const call = s.calls.get(id);
    const leg = call?.legs.get(agentId);
    if (call && leg && leg.status !== 'ended') calls.push(callView(call, leg));
  }
  return { agent: agentSelf(agent), calls };
}

/** Every enabled agent, in roster order. */
export function agentList(s: EngineState): AgentSummary[] {
  const out: AgentSummary[] = [];
  for (const a of s.agents.values()) if (!a.disabled) out.push(agentSummary(a));
  return out;
}

/** Every group, in configuration order. */
export function groupList(s: EngineState): GroupSummary[] {
  return [...s.groups.values()].map((g) => groupSummary(g, groupRules(s, g.config.name).strategy));
}

/** Changes to the agent and group lists since the last call; each group changed gets a fresh rev (saved before it is sent). */
export function takeListChanges(s: EngineState): { agents: AgentSummary[]; groups: GroupSummary[] } {
  const agents = [...s.listAgents].map((a) => agentSummary(a));
  s.listAgents.clear();
  const groups: GroupSummary[] = [];
  for (const name of s.listGroups) {
    const g = s.groups.get(name);
    if (!g) continue;
    g.rev = ++s.rev;
    groups.push(groupSummary(g, groupRules(s, g.config.name).strategy));
  }
  s.listGroups.clear();
  if (groups.length > 0) persistCounters(s);
  return { agents, groups };
}

/** A call's status as the caller's side sees it (the simulator, the ingress): phase, 1-based queue position, agent. */
export interface CallStatus {
  callId: string;
  phase: CallPhase;
  queuePosition: number | null;
  skillGroup: string | null;
  agentId: string | null;
  endReason: EndReason | null;
  /** 1–5, once the caller rated. */
  rating: number | null;
}

/** The status of a live or recently ended call (`endedCallsKept`), or null. */
export function callStatus(s: EngineState, callId: string): CallStatus | null {
  const call = s.calls.get(callId) ?? s.ended.get(callId);
  if (!call) return null;
  return {
    callId: call.id,
    phase: call.phase,
    queuePosition: queuePosition(s, call),
    skillGroup: call.skillGroup,
    agentId: call.ownerId ?? call.lastAgentId,
    endReason: call.endReason,
    rating: call.rating,
  };
}

/** A group's queue in serving order (see `CtiEngine.queueOf`). */
export function queueOf(s: EngineState, groupName: string): Array<{ callId: string; priority: number; queueSeq: number; queuedAt: number }> {
  return (s.groups.get(groupName)?.queue ?? []).map((c) => ({ callId: c.id, priority: c.priority, queueSeq: c.queueSeq, queuedAt: c.queuedAt ?? 0 }));
}

/** Live calls, queued callers and connected agents. */
export function stats(s: EngineState): { liveCalls: number; queued: number; connectedAgents: number } {
  let queued = 0;
  for (const g of s.groups.values()) queued += g.queue.length;
  let connected = 0;
  for (const a of s.agents.values()) if (a.sessions > 0) connected++;
  return { liveCalls: s.calls.size, queued, connectedAgents: connected };
}

/** A digest of the whole state, for tests that prove a bad input changed nothing. */
export function digest(s: EngineState): string {
  const agents = [...s.agents.values()].map((a) => [a.id, a.state, a.chosen, a.nextState, a.sessions, [...a.calls]]);
  const calls = [...s.calls.values()].map((c) => [c.id, c.phase, c.rev, c.ownerId, c.held, [...c.legs.values()].map((l) => [l.agentId, l.status, l.role])]);
  return JSON.stringify({ rev: s.rev, agents, calls });
}
