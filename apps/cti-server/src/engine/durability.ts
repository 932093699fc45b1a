// The engine's state across restarts: each step's changes saved to the `StateStore` (rows per agent and
// call, counters), and the restore at construction that rebuilds queues and re-arms every timer.
import { errorSummary } from '../log';
import { armGrace } from './sessions';
import { runIvr } from './ivr';
import { parseIvrBook } from './ivr-book';
import { resumeSession } from './ivr-session';
import type { PersistedState, StateChanges } from './journal';
import { armWrapUp } from './lifecycle';
import type { Agent, Call, Leg } from './model';
import { placeholderAgent } from './roster';
import { armQueueTimer, armRing, queueTimedOut, waitLimit } from './routing';
import { parseRulesBook, rememberServed } from './rules-book';
import type { EngineState } from './state';

/** What the journal keeps of an agent (connections are not kept: they do not survive a restart). */
const PERSISTED_AGENT_FIELDS = ['id', 'chosen', 'nextState', 'state', 'stateSince', 'reason', 'idleSince', 'loggedIn', 'graceDeadline'] as const;
type PersistedAgent = Pick<Agent, (typeof PERSISTED_AGENT_FIELDS)[number]>;

/** A call as the journal keeps it: every field but its timers, which are re-armed from their deadlines. */
type PersistedCall = Omit<Call, 'legs' | 'declined' | 'queueTimer'> & { legs: Array<Omit<Leg, 'ringTimer'>>; declined: Array<[string, number]> };

/** The counters a restart goes on from (`version` 1). */
function meta(s: EngineState) {
  return { version: 1, epoch: s.epoch, rev: s.rev, callSeq: s.callSeq, noticeSeq: s.noticeSeq, queueSeq: s.queueSeq, declineSeq: s.declineSeq };
}

/** Saves one step's changed agents and calls, and deletes the rows of evicted ended calls. A failed write is logged, not thrown. */
export function persist(s: EngineState, calls: Call[], agents: Agent[]): void {
  const changes: StateChanges = {
    meta: meta(s),
    agents: agents.map((a) => ({ id: a.id, data: agentFields(a) })),
    calls: calls.filter((c) => s.calls.has(c.id) || s.ended.has(c.id)).map((c) => ({ id: c.id, data: serializeCall(c) })),
  };
  for (const id of s.evicted.splice(0)) changes.calls.push({ id, data: null });
  save(s, changes);
}

/** Saves the routing rules (current version and history) with the counters: a restart or a new leader keeps them. */
export function persistRules(s: EngineState): void {
  if (s.store) save(s, { meta: { ...meta(s), rules: s.rules }, agents: [], calls: [] });
}

/** Saves the counters alone (group revs come from the same counter and are saved before they are sent). */
export function persistCounters(s: EngineState): void {
  if (s.store) save(s, { meta: meta(s), agents: [], calls: [] });
}

function save(s: EngineState, changes: StateChanges): void {
  try {
    s.store!.save(changes);
  } catch (error) {
    s.log(`state journal write failed: ${errorSummary(error)}`);
  }
}

/** The kept fields of an agent (or of a journal row), in a fixed order. */
function agentFields(a: PersistedAgent): PersistedAgent {
  return Object.fromEntries(PERSISTED_AGENT_FIELDS.map((k) => [k, a[k]])) as unknown as PersistedAgent;
}

function serializeCall(c: Call): PersistedCall {
  const { legs, declined, queueTimer: _queueTimer, ...rest } = c;
  return {
    ...rest,
    legs: [...legs.values()].map(({ ringTimer: _ringTimer, ...leg }) => leg),
    declined: [...declined],
  };
}

/** Rebuilds agents, calls and queues from the store, then re-arms every timer from its deadline. */
export function restore(s: EngineState, saved: PersistedState): void {
  const m = saved.meta as Partial<ReturnType<typeof meta>>;
  if (typeof m.epoch === 'string') s.epoch = m.epoch;
  s.rev = Number(m.rev ?? 0);
  s.callSeq = Number(m.callSeq ?? 0);
  s.noticeSeq = Number(m.noticeSeq ?? 0);
  s.queueSeq = Number(m.queueSeq ?? 0);
  s.declineSeq = Number(m.declineSeq ?? 0);
  if (saved.meta.rules !== undefined) {
    const rules = parseRulesBook(saved.meta.rules, s.rules);
    if (rules) s.rules = rules;
    else s.log('the journal\'s routing rules are unreadable: the configured ones (version 1) apply');
  }
  if (saved.meta.ivr !== undefined) {
    const ivr = parseIvrBook(saved.meta.ivr, s.ivr);
    if (ivr) s.ivr = ivr;
    else s.log('the journal\'s IVR trees are unreadable: the configured menu (version 1) applies');
  }
  const now = s.clock.now();
  for (const raw of saved.agents as PersistedAgent[]) {
    // Not in the roster (yet): kept for its calls, not routed until the roster lists it.
    const agent = s.agents.get(raw.id) ?? placeholderAgent(s, raw.id);
    Object.assign(agent, agentFields(raw));
    s.restored.agents++;
  }
  const ended: Call[] = [];
  for (const raw of saved.calls as PersistedCall[]) {
    const legs = new Map<string, Leg>(raw.legs.map((l) => [l.agentId, { ...l, ringTimer: null }]));
    const call: Call = { ...raw, legs, declined: new Map(raw.declined), queueTimer: null };
    if (call.phase === 'ended' && legs.size === 0) {
      ended.push(call);
      continue;
    }
    s.calls.set(call.id, call);
    for (const leg of legs.values()) (s.agents.get(leg.agentId) ?? placeholderAgent(s, leg.agentId)).calls.add(call.id);
    s.restored.calls++;
  }
  ended.sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0));
  for (const call of ended) {
    s.ended.set(call.id, call);
    // Who served whom, for the sticky agent: as far back as the kept ended calls go.
    rememberServed(s, call, call.endedAt ?? 0);
  }
  for (const call of s.calls.values()) {
    if (call.phase !== 'queued') continue;
    const group = s.groups.get(call.skillGroup ?? '') ?? s.groups.get(s.defaultGroup);
    if (group) group.queue.push(call);
  }
  for (const group of s.groups.values()) group.queue.sort((a, b) => b.priority - a.priority || a.queueSeq - b.queueSeq);
  s.run(() => rearm(s, now));
  s.log(`restored ${s.restored.agents} agents and ${s.restored.calls} live calls (epoch ${s.epoch}, rev ${s.rev})`);
}

/** Every timer from its stored deadline; a deadline that passed while the server was down fires once, now. */
function rearm(s: EngineState, now: number): void {
  for (const agent of s.agents.values()) {
    // Nobody is connected to a process that just started: the agents that were logged in get their grace period.
    if (agent.loggedIn) armGrace(s, agent, Math.min(agent.graceDeadline ?? Infinity, now + s.reconnectGraceMs));
    let wrapDeadline: number | null = null;
    for (const id of agent.calls) {
      const call = s.calls.get(id);
      const leg = call?.legs.get(agent.id);
      if (!call || !leg) continue;
      if (leg.status === 'ringing') armRing(s, call, leg, agent, (leg.ringDeadline ?? now) - now);
      else if (leg.status === 'wrap-up') wrapDeadline = Math.max(wrapDeadline ?? 0, leg.wrapUpDeadline ?? now);
    }
    if (wrapDeadline !== null) armWrapUp(s, agent, Math.max(0, wrapDeadline - now));
    s.markAgent(agent);
  }
  for (const group of s.groups.values()) {
    for (const call of [...group.queue]) {
      const limit = waitLimit(s, call, group);
      if (limit === null || call.queuedAt === null) continue;
      const remaining = call.queuedAt + limit - now;
      if (remaining <= 0) queueTimedOut(s, call, group);
      else armQueueTimer(s, call, group, remaining);
    }
    s.routeGroups.add(group.config.name);
    s.listGroups.add(group.config.name);
  }
  for (const call of s.calls.values()) {
    // The IVR was checking the caller's input: it runs again.
    if (call.phase === 'ivr' && call.ivrSession) resumeSession(s, call);
    else if (call.phase === 'ivr' && call.ivrInput) void runIvr(s, call, call.ivrInput.from, call.ivrInput.verify, call.ivrInput.idSuffix);
  }
}
