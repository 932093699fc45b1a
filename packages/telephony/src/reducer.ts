// The telephony state and the one reducer every change of it goes through (server events, the
// connection, the chosen call, the media part, logout). Pure: no store, no driver, no timers.
import type {
  AgentSelf,
  AgentSummary,
  CallView,
  CtiEvent,
  CtiServerConfig,
  GroupSummary,
  Notice,
  SessionInfo,
  SnapshotEvent,
} from '@octopus/contracts';
import type { ConnectionEnd, ConnectionStatus } from './driver';
import { VOICE_OFF, type VoiceState } from './voice-state';

/** A call in the store: the server's view ({@link CallView}) plus `from`, the customer's number (alias of `number`). */
export interface TelephonyCall extends CallView {
  from: string;
}

/** Calls by id. A Map, not an object: see `copyCalls`. Immutable: every change makes a new Map. */
export type CallMap = ReadonlyMap<string, TelephonyCall>;

/** What the store holds. Every field is replaced, never mutated, when it changes (selectors compare with `Object.is`). */
export interface TelephonyState {
  /** The driver's connection; `offline` before `connect` and after `stop`. */
  connection: ConnectionStatus;
  /** Why the server last ended the connection (session ended, too many sessions, flooding, refused token); null once connected again. */
  connectionEnd: ConnectionEnd | null;
  /** This browser session; `phone: false` means another tab of the agent holds the phone. Null before the first snapshot. */
  session: SessionInfo | null;
  /** The signed-in agent; null before the first snapshot. */
  agent: AgentSelf | null;
  /** Live calls (ringing … wrap-up) and the most recent {@link ENDED_CALLS_KEPT} ended ones, by id. */
  calls: CallMap;
  /** Ids of `calls` in arrival order. A new array only when membership changes. */
  callIds: string[];
  /** The call the workbench shows, or null. */
  activeCallId: string | null;
  /** Every agent of the agent's topics, by agent id (empty unless the driver subscribed to `agents`). */
  agents: Record<string, AgentSummary>;
  /** Skill groups with queue load, by group name (empty unless subscribed to `groups`). */
  groups: Record<string, GroupSummary>;
  /** Recent notices (missed call, transfer failed …), newest last, at most 20. */
  notices: Notice[];
  /** The server's timing figures from the last snapshot; null before it. */
  config: CtiServerConfig | null;
  /** Server instance of the last snapshot; a new one restarts revs. Null before the first snapshot. */
  epoch: string | null;
  /** The last snapshot's rev watermark: events at or below it are already in the snapshot. */
  snapshotRev: number;
  /** serverTime − local time at the last snapshot, ms, for countdowns against server deadlines. */
  serverTimeOffset: number;
  /** The media part (voice.ts): registration, microphone, devices, and each call's audio. */
  voice: VoiceState;
}

/**
 * Every change of {@link TelephonyState}, as data:
 * - `event`: one server event (idempotent; safe with duplicated or out-of-order events);
 * - `connection`: the driver's status, with `end` when the server said why it closed;
 * - `select-call`: the call the workbench shows (ignored for an id not in `calls`);
 * - `voice`: a change of the media part's state (voice.ts); `voice-off`: back to {@link VOICE_OFF};
 * - `reset`: back to {@link initialTelephonyState} (logout).
 */
export type TelephonyAction =
  | { type: 'event'; event: CtiEvent }
  | { type: 'connection'; status: ConnectionStatus; end?: ConnectionEnd }
  | { type: 'select-call'; callId: string | null }
  | { type: 'voice'; voice: Partial<VoiceState> }
  | { type: 'voice-off' }
  | { type: 'reset' };

/** Ended calls kept for the call list; older ones are evicted so a shift's memory stays flat. */
export const ENDED_CALLS_KEPT = 20;
const NOTICES_KEPT = 20;

/** The state of a fresh store (and after logout): offline, no agent, no calls, voice off. */
export function initialTelephonyState(): TelephonyState {
  return {
    connection: 'offline',
    connectionEnd: null,
    session: null,
    agent: null,
    calls: new Map(),
    callIds: [],
    activeCallId: null,
    agents: {},
    groups: {},
    notices: [],
    config: null,
    epoch: null,
    snapshotRev: 0,
    serverTimeOffset: 0,
    voice: VOICE_OFF,
  };
}

/**
 * Copies the calls map. A Map, not an object: keys are ever-new call ids, and objects keyed like that
 * walk V8 through endless hidden-class transitions (the store ran several times slower).
 */
function copyCalls(calls: CallMap, set?: TelephonyCall): Map<string, TelephonyCall> {
  const next = new Map(calls);
  if (set) next.set(set.id, set);
  return next;
}

const isLive = (call: CallView | undefined): boolean => !!call && call.state !== 'ended';
/** Adds `from` in place: views arrive freshly parsed, and copying 30 fields per event halved throughput. */
function withFrom(call: CallView): TelephonyCall {
  const c = call as TelephonyCall;
  if (c.from === call.number) return c;
  if (Object.isFrozen(call)) return { ...call, from: call.number };
  c.from = call.number;
  return c;
}

/** Picks the active call after `calls` changed: keep a live one, else the newest live call. */
function chooseActive(calls: CallMap, callIds: string[], current: string | null, arrived: string | null): string | null {
  const cur = current ? calls.get(current) : undefined;
  // A new ringing/dialling call pops unless the agent is busy on another live call.
  if (arrived && (!cur || cur.state === 'ended' || cur.state === 'wrap-up')) return arrived;
  if (cur) return current;
  for (let i = callIds.length - 1; i >= 0; i--) if (isLive(calls.get(callIds[i]!))) return callIds[i]!;
  return null;
}

function evictEnded(calls: CallMap, callIds: string[], keep: string | null): { calls: CallMap; callIds: string[] } {
  let ended = 0;
  for (const id of callIds) if (calls.get(id)?.state === 'ended') ended++;
  if (ended <= ENDED_CALLS_KEPT) return { calls, callIds };
  const nextCalls = copyCalls(calls);
  const nextIds: string[] = [];
  let drop = ended - ENDED_CALLS_KEPT;
  for (const id of callIds) {
    if (drop > 0 && id !== keep && nextCalls.get(id)?.state === 'ended') {
      nextCalls.delete(id);
      drop--;
    } else nextIds.push(id);
  }
  return { calls: nextCalls, callIds: nextIds };
}

/**
 * Merges a snapshot by rev, so it is safe in any order: what the store knows newer than the snapshot
 * stays; live calls the snapshot no longer lists (and that are not newer) are over.
 */
function reduceSnapshot(state: TelephonyState, e: SnapshotEvent): Partial<TelephonyState> {
  // A new server instance restarts revs: start from its snapshot, keeping only the ended-call history.
  const sameEpoch = state.epoch === e.epoch;
  const calls = new Map<string, TelephonyCall>();
  const ids: string[] = [];
  const incoming = new Map(e.calls.map((c) => [c.id, c]));
  for (const id of state.callIds) {
    const old = state.calls.get(id)!;
    const fresh = incoming.get(id);
    if (fresh) {
      calls.set(id, sameEpoch && old.rev >= fresh.rev ? old : withFrom(fresh));
      incoming.delete(id);
    } else if (old.state === 'ended' || (sameEpoch && old.rev > e.rev)) {
      calls.set(id, old);
    } else {
      // Stamped with the snapshot's rev so older events for it are ignored from now on.
      calls.set(id, { ...old, state: 'ended', grant: null, endReason: old.endReason ?? 'gone', rev: Math.max(old.rev, e.rev) });
    }
    ids.push(id);
  }
  let arrived: string | null = null;
  for (const c of incoming.values()) {
    calls.set(c.id, withFrom(c));
    ids.push(c.id);
    if (c.state === 'ringing') arrived = c.id;
  }
  const sameIds = ids.length === state.callIds.length && ids.every((id, i) => id === state.callIds[i]);
  const changed = !sameIds || ids.some((id) => calls.get(id) !== state.calls.get(id));
  const evicted = changed ? evictEnded(calls, sameIds ? state.callIds : ids, state.activeCallId) : { calls: state.calls, callIds: state.callIds };
  const newer = <T extends { rev: number }>(old: T | undefined, fresh: T): T => (sameEpoch && old && old.rev >= fresh.rev ? old : fresh);
  let agents = state.agents;
  if (e.agents) {
    agents = {};
    for (const a of e.agents) agents[a.id] = newer(state.agents[a.id], a);
  }
  let groups = state.groups;
  if (e.groups) {
    groups = {};
    for (const g of e.groups) groups[g.name] = newer(state.groups[g.name], g);
  }
  return {
    epoch: e.epoch,
    snapshotRev: sameEpoch ? Math.max(state.snapshotRev, e.rev) : e.rev,
    serverTimeOffset: e.serverTime - Date.now(),
    session: e.session,
    agent: state.agent ? newer(state.agent, e.agent) : e.agent,
    config: e.config,
    calls: evicted.calls,
    callIds: evicted.callIds,
    activeCallId: chooseActive(evicted.calls, evicted.callIds, state.activeCallId, arrived),
    agents,
    groups,
  };
}

/** One server event: the changed slice, or null when it changes nothing (stale or duplicate). */
function reduceEvent(state: TelephonyState, event: CtiEvent): Partial<TelephonyState> | null {
  switch (event.type) {
    case 'snapshot':
      return reduceSnapshot(state, event);
    case 'call': {
      const call = event.call;
      const old = state.calls.get(call.id);
      if (old ? old.rev >= call.rev : call.rev <= state.snapshotRev) return null;
      const calls = copyCalls(state.calls, withFrom(call));
      let callIds = state.callIds;
      let arrived: string | null = null;
      if (!old) {
        callIds = [...state.callIds, call.id];
        if (call.state === 'ringing') arrived = call.id;
      }
      if (call.state === 'ended' && old?.state !== 'ended') {
        const evicted = evictEnded(calls, callIds, state.activeCallId);
        return { calls: evicted.calls, callIds: evicted.callIds, activeCallId: chooseActive(evicted.calls, evicted.callIds, state.activeCallId, null) };
      }
      const activeCallId = chooseActive(calls, callIds, state.activeCallId, arrived);
      return callIds === state.callIds && activeCallId === state.activeCallId ? { calls } : { calls, callIds, activeCallId };
    }
    case 'agent':
      if (state.agent && state.agent.rev >= event.agent.rev) return null;
      if (!state.agent) return null; // nothing to update before the first snapshot
      return { agent: event.agent };
    case 'agents': {
      let agents: Record<string, AgentSummary> | null = null;
      for (const a of event.agents) {
        const old = (agents ?? state.agents)[a.id];
        if (old && old.rev >= a.rev) continue;
        agents ??= { ...state.agents };
        agents[a.id] = a;
      }
      return agents ? { agents } : null;
    }
    case 'groups': {
      let groups: Record<string, GroupSummary> | null = null;
      for (const g of event.groups) {
        const old = (groups ?? state.groups)[g.name];
        if (old && old.rev >= g.rev) continue;
        groups ??= { ...state.groups };
        groups[g.name] = g;
      }
      return groups ? { groups } : null;
    }
    case 'session':
      if (state.session && state.session.id === event.session.id && state.session.phone === event.session.phone && state.session.sessions === event.session.sessions) return null;
      return { session: event.session };
    case 'notice':
      if (state.notices.some((n) => n.id === event.notice.id)) return null;
      return { notices: [...state.notices, event.notice].slice(-NOTICES_KEPT) };
  }
}

/**
 * THE reducer: the slice of state `action` changes, or null when it changes nothing (a stale or
 * duplicated event, the same connection status again, an unknown call id to select). Pure; `reset`
 * returns a whole fresh state. Throws nothing.
 */
export function reduceTelephony(state: TelephonyState, action: TelephonyAction): Partial<TelephonyState> | null {
  switch (action.type) {
    case 'event':
      return reduceEvent(state, action.event);
    case 'connection': {
      const connectionEnd = action.end ?? (action.status === 'connected' ? null : state.connectionEnd);
      return state.connection === action.status && state.connectionEnd === connectionEnd ? null : { connection: action.status, connectionEnd };
    }
    case 'select-call':
      if (action.callId !== null && !state.calls.has(action.callId)) return null;
      return state.activeCallId === action.callId ? null : { activeCallId: action.callId };
    case 'voice':
      return { voice: { ...state.voice, ...action.voice } };
    case 'voice-off':
      return state.voice === VOICE_OFF ? null : { voice: VOICE_OFF };
    case 'reset':
      return initialTelephonyState();
  }
}
