// The roster (the api's agent accounts) and the wrap-up policy the engine routes with.
import type { InternalWrapUpPolicy } from '@octopus/contracts';
import type { AgentAccount } from './config';
import { newAgent, type Agent } from './model';
import type { EngineState, WrapUpRules } from './state';

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Applies the roster: new agents are added, names and skill groups updated, disabled ones (and, unless
 * `initial`, ones no longer listed) are not offered calls and leave the agent list. An agent is never
 * removed, so calls and legs that name it stay valid. At construction (`initial`) nothing is announced.
 */
export function applyRoster(s: EngineState, accounts: AgentAccount[], initial: boolean): void {
  const now = s.clock.now();
  const listed = new Set<string>();
  for (const a of accounts) {
    listed.add(a.id);
    s.roles.set(a.id, a.role ?? 'agent');
    const skillGroups = a.skillGroups.filter((g) => s.groups.has(g));
    let agent = s.agents.get(a.id);
    if (!agent) {
      agent = newAgent(a.id, a.name, !!a.disabled, now);
      s.agents.set(a.id, agent);
    } else if (agent.name === a.name && agent.disabled === !!a.disabled && sameList(agent.skillGroups, skillGroups)) continue;
    agent.name = a.name;
    agent.disabled = !!a.disabled;
    setMembership(s, agent, skillGroups);
    if (!initial) s.markAgent(agent);
  }
  if (initial) {
    s.listGroups.clear();
    return;
  }
  for (const agent of s.agents.values()) {
    if (listed.has(agent.id) || agent.disabled) continue;
    agent.disabled = true;
    s.markAgent(agent);
  }
}

function setMembership(s: EngineState, agent: Agent, skillGroups: string[]): void {
  for (const g of agent.skillGroups) {
    const group = s.groups.get(g);
    if (group) group.members = group.members.filter((m) => m !== agent);
    s.listGroups.add(g);
  }
  agent.skillGroups = skillGroups;
  for (const g of skillGroups) {
    s.groups.get(g)!.members.push(agent);
    s.listGroups.add(g);
  }
}

/** An agent the journal names but the roster does not (yet): kept for its calls, disabled until listed. */
export function placeholderAgent(s: EngineState, agentId: string): Agent {
  applyRoster(s, [{ id: agentId, name: agentId, skillGroups: [], disabled: true }], true);
  return s.agents.get(agentId)!;
}

/** The api's wrap-up policy as the engine looks it up (per skill group). */
export function wrapUpRules(policy: InternalWrapUpPolicy): WrapUpRules {
  return new Map(policy.groups.map((g) => [g.skillGroup, { required: g.required, codes: new Set(g.codes) }]));
}
