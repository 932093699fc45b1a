// An agent's state: the one it chose (`setState`, applied after its calls when busy) and the
// effective one derived from its legs (talking, ringing, wrap-up) at the end of every step.
import type { AgentState, SelectableAgentState } from '@octopus/contracts';
import { assertMayEndWrapUp, endWrapUp } from './lifecycle';
import type { Agent, Call, Leg } from './model';
import type { EngineState } from './state';

/**
 * `setState`: while the agent has a ringing or talking leg the state is applied when the call and its
 * wrap-up are over; otherwise now, ending after-call work. Going offline is logging out.
 * @throws Rejection `disposition-required` when wrap-up still waits for a required code (not for `offline`).
 */
export function chooseState(s: EngineState, agent: Agent, state: SelectableAgentState): void {
  let busy = false;
  const wrapping: Array<[Call, Leg]> = [];
  for (const id of agent.calls) {
    const call = s.calls.get(id);
    const leg = call?.legs.get(agent.id);
    if (!call || !leg) continue;
    if (leg.status === 'ringing' || leg.status === 'active') busy = true;
    else if (leg.status === 'wrap-up') wrapping.push([call, leg]);
  }
  if (busy) {
    agent.nextState = state === agent.chosen ? null : state;
  } else {
    // Logging out always ends after-call work (a shift ends); any other state waits for a required code.
    if (state !== 'offline') for (const [, leg] of wrapping) assertMayEndWrapUp(leg);
    for (const [call, leg] of wrapping) endWrapUp(s, call, leg);
    agent.chosen = state;
    agent.nextState = null;
    agent.reason = null;
    // Going offline is logging out: the next connection is a fresh login and starts idle.
    if (state === 'offline') agent.loggedIn = false;
  }
  s.markAgent(agent);
}

/** Derives the agent's effective state from its legs; a routable agent's groups are served again. */
export function recomputeAgent(s: EngineState, agent: Agent): void {
  let active = false;
  let ringing = false;
  let wrapDeadline: number | null = null;
  for (const id of agent.calls) {
    const leg = s.calls.get(id)?.legs.get(agent.id);
    if (!leg) continue;
    if (leg.status === 'active') active = true;
    else if (leg.status === 'ringing') ringing = true;
    else if (leg.status === 'wrap-up') wrapDeadline = Math.max(wrapDeadline ?? 0, leg.wrapUpDeadline ?? 0);
  }
  if (!active && !ringing && wrapDeadline === null && agent.nextState) {
    agent.chosen = agent.nextState;
    agent.nextState = null;
    agent.reason = null;
    s.dirtyAgents.add(agent);
  }
  if (!active && !ringing && wrapDeadline === null) s.clock.clearTimeout(agent.wrapUpTimer);
  const state: AgentState = active ? 'talking' : ringing ? 'ringing' : wrapDeadline !== null ? 'wrap-up' : agent.loggedIn ? agent.chosen : 'offline';
  if (agent.wrapUpDeadline !== wrapDeadline) {
    agent.wrapUpDeadline = wrapDeadline;
    s.dirtyAgents.add(agent);
  }
  if (state !== agent.state) {
    agent.state = state;
    agent.stateSince = s.clock.now();
    if (state === 'idle') agent.idleSince = agent.stateSince;
    s.dirtyAgents.add(agent);
  }
  // Anything may have made this agent available (state, reconnect): let its queues try it.
  if (s.isRoutable(agent)) for (const g of agent.skillGroups) s.routeGroups.add(g);
}
