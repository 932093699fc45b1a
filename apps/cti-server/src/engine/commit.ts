// The end of every step: settle (derive agents' states, serve the queues that may route), then commit —
// stamp a fresh rev on everything that changed, retire ended legs and calls, save, and only then emit.
import type { CtiEvent } from '@octopus/contracts';
import { recomputeAgent } from './agent-state';
import { persist } from './durability';
import type { CallControlView, Group } from './model';
import { serveQueue } from './routing';
import type { EngineState } from './state';
import { agentSelf, callView, controlView } from './views';

/** Derives each touched agent's effective state and serves the queues, until nothing more moves (at most 1000 rounds). */
function settle(s: EngineState): void {
  for (let round = 0; round < 1000; round++) {
    const agents = [...s.recompute];
    s.recompute.clear();
    for (const a of agents) recomputeAgent(s, a);
    if (s.routeGroups.size === 0) {
      if (s.recompute.size === 0) break;
      continue;
    }
    // Serve the group whose head caller has waited longest first.
    const groups = [...s.routeGroups]
      .map((n) => s.groups.get(n))
      .filter((g): g is Group => !!g && g.queue.length > 0)
      .sort((a, b) => (a.queue[0]!.queuedAt ?? 0) - (b.queue[0]!.queuedAt ?? 0));
    s.routeGroups.clear();
    for (const g of groups) serveQueue(s, g.config.name);
  }
}

/**
 * Commits one step (`EngineState.run` calls it when the outermost step returns). Each party of a changed
 * call gets one whole `call` view, each changed agent one `agent` event, then the step's notices — after
 * the step is saved, so a client never holds a rev a restarted server lacks.
 */
export function commitStep(s: EngineState): void {
  settle(s);
  const sends: Array<{ agentId: string; event: CtiEvent }> = [];
  const calls = [...s.dirtyCalls];
  s.dirtyCalls.clear();
  const controls: CallControlView[] = [];
  for (const call of calls) {
    call.rev = ++s.rev;
    if (s.callObserver) controls.push(controlView(call));
    for (const leg of [...call.legs.values()]) {
      sends.push({ agentId: leg.agentId, event: { type: 'call', call: callView(call, leg) } });
      if (leg.status === 'ended') {
        call.legs.delete(leg.agentId);
        s.agents.get(leg.agentId)?.calls.delete(call.id);
      }
    }
    if (call.phase === 'ended' && call.legs.size === 0 && s.calls.has(call.id)) {
      s.calls.delete(call.id);
      s.ended.set(call.id, call);
      if (s.ended.size > s.endedCallsKept) {
        const oldest = s.ended.keys().next().value!;
        s.ended.delete(oldest);
        s.evicted.push(oldest);
      }
    }
  }
  const agents = [...s.dirtyAgents];
  s.dirtyAgents.clear();
  for (const agent of agents) {
    agent.rev = ++s.rev;
    s.listAgents.add(agent);
    for (const g of agent.skillGroups) s.listGroups.add(g);
    sends.push({ agentId: agent.id, event: { type: 'agent', agent: agentSelf(agent) } });
  }
  for (const n of s.pendingNotices.splice(0)) sends.push(n);
  if (s.store && (calls.length > 0 || agents.length > 0 || s.evicted.length > 0)) persist(s, calls, agents);
  for (const send of sends) s.output.toAgent(send.agentId, send.event);
  if (s.callObserver) for (const c of controls) s.callObserver(c);
}
