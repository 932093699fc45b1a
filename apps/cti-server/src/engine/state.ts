// The engine's state and its unit of work: every entry point runs inside `run`; what a step changed is
// marked here and committed once, when the outermost `run` returns (see `commit.ts`).
import { randomBytes } from 'node:crypto';
import type { AgentRole, CtiEvent, InternalWrapUpPolicy, RulesVersion, SelectableAgentState, IvrVersion } from '@octopus/contracts';
import { realClock, type Clock } from './clock';
import { FloorTally } from './floor-tally';
import type { AgentAccount, GroupConfig } from './config';
import type { StateStore } from './journal';
import { newCall, reject, type Agent, type Call, type CallControlView, type Group, type Leg } from './model';
import type { EngineOutput } from './output';
import { nullDirectory, nullNetwork, type AuditSink, type CallerNetwork, type CallRecordSink, type CustomerDirectory, type GrantEndSink, type GrantSigner } from './ports';
import { NumberSegmentTable } from './segments';

/** How the engine is built: its roster and groups, its ports (all but `output` and `grants` have a null default) and its timings (ms). */
export interface EngineOptions {
  agents: AgentAccount[];
  groups: GroupConfig[];
  /** Where per-agent events go (the hub; a `BufferedOutput` when the hub is built after the engine). */
  output: EngineOutput;
  /** Signs customer grants and checks verification proofs (`authGrants` with the token secret). */
  grants: GrantSigner;
  clock?: Clock;
  /** Unanswered ring moves the call on after this long. Default 20 000. */
  ringTimeoutMs?: number;
  /** After-call work after each call; 0 disables it. Default 10 000. */
  wrapUpMs?: number;
  /** A disconnected agent keeps its state and calls this long. Default 30 000. */
  reconnectGraceMs?: number;
  /** Outbound calls not answered within this end as `no-answer`. Default 45 000. */
  outboundTimeoutMs?: number;
  /** State an agent is put in after missing a ring (so absent agents stop receiving calls). Default `busy`. */
  missedState?: SelectableAgentState;
  directory?: CustomerDirectory;
  records?: CallRecordSink;
  /** Told when an agent's leg (and so its grant) ends; the api refuses the grant from `notAfter` on. */
  grantsEnded?: GrantEndSink;
  /** Access decisions taken here (binds, rejected proofs) for the api's audit chain. */
  audit?: AuditSink;
  network?: CallerNetwork;
  segments?: NumberSegmentTable;
  /** IVR main menu: first key → skill group. Default none. */
  ivrMenu?: Record<string, string>;
  /** Hotline numbers callers dial, each with its IVR tree (seeded from `ivrMenu`). Default: `['4008001000']`. */
  hotlines?: string[];
  /** Group of callers the menu does not place. Default the first group. */
  defaultGroup?: string;
  /** Longest the IVR waits for the api before queueing the caller as unverified. Default 2000. */
  directoryTimeoutMs?: number;
  /** How many ended calls are kept for late ratings and simulator status. Default 2000. */
  endedCallsKept?: number;
  /**
   * Where the state is kept across restarts (`SqliteStateStore` in the data folder by default in the
   * server; none in unit tests). On construction the engine restores what it holds: agents' chosen and
   * next states, calls with legs, queues with positions and wait clocks, IVR progress, and re-arms
   * every timer from its deadline (one already past fires once, at once). Connections are not restored:
   * every agent that was logged in starts its reconnect grace period.
   */
  store?: StateStore;
  /** Which groups require a wrap-up code and their codes (the api's, `GET /internal/wrap-up-policy`); see `setWrapUpPolicy`. Default none. */
  wrapUpPolicy?: InternalWrapUpPolicy;
  log?: (message: string) => void;
}

/** Per skill group: whether after-call work needs a wrap-up code, and the active codes. */
export type WrapUpRules = Map<string, { required: boolean; codes: Set<string> }>;

/** The routing rules: the current version and the history, newest first (the current one included). */
export interface RulesBook {
  current: RulesVersion;
  history: RulesVersion[];
}

/** The IVR trees per hotline: the current version and the history, newest first (the current one included). */
export interface IvrBook {
  current: IvrVersion;
  history: IvrVersion[];
}

/** Everything the mechanisms share: settings, ports, entities, counters and the current step's changes. */
export class EngineState {
  /** Server instance; kept across restarts that restore the state (revs go on growing). */
  epoch = randomBytes(6).toString('hex');
  readonly ringTimeoutMs: number;
  readonly wrapUpMs: number;
  readonly reconnectGraceMs: number;
  readonly outboundTimeoutMs: number;
  readonly missedState: SelectableAgentState;
  readonly directoryTimeoutMs: number;
  readonly endedCallsKept: number;
  readonly ivrMenu: Record<string, string>;
  readonly defaultGroup: string;

  readonly clock: Clock;
  readonly directory: CustomerDirectory;
  readonly records: CallRecordSink;
  readonly grantsEnded: GrantEndSink;
  readonly audit: AuditSink;
  readonly grants: GrantSigner;
  readonly output: EngineOutput;
  readonly segments: NumberSegmentTable;
  readonly store: StateStore | null;
  readonly log: (message: string) => void;
  network: CallerNetwork;
  callObserver: ((view: CallControlView) => void) | null = null;

  readonly agents = new Map<string, Agent>();
  /** Each roster account's role (the supervisor board shows it). */
  readonly roles = new Map<string, AgentRole>();
  /** Today's counts for the supervisor board (`floor.ts`). */
  readonly tally = new FloorTally();
  readonly groups = new Map<string, Group>();
  wrapUpRules: WrapUpRules = new Map();
  /** The routing rules (seeded by the engine from `groups` at construction, restored from the journal). */
  rules!: RulesBook;
  /** The IVR trees per hotline (seeded by the engine from `ivrMenu`, restored from the journal; ivr-book.ts). */
  ivr!: IvrBook;
  /** Calling number → the agent who last served it and when (engine clock, ms), oldest first: the sticky agent. */
  readonly lastServed = new Map<string, { agentId: string; at: number }>();
  /** Queued calls waiting for their sticky agent with a re-serve timer armed. */
  readonly stickyWaits = new Set<string>();
  readonly calls = new Map<string, Call>();
  /** Ended calls kept for late ratings and status, oldest first. */
  readonly ended = new Map<string, Call>();
  /** Calls dropped from the ended list since the last save (their rows are deleted). */
  readonly evicted: string[] = [];
  /** Calls and agents restored from the store at construction. */
  readonly restored = { calls: 0, agents: 0 };

  rev = 0;
  callSeq = 0;
  noticeSeq = 0;
  queueSeq = 0;
  declineSeq = 0;

  private depth = 0;
  readonly dirtyCalls = new Set<Call>();
  readonly dirtyAgents = new Set<Agent>();
  /** Agents whose effective state must be derived again before the step commits. */
  readonly recompute = new Set<Agent>();
  /** Groups whose queues must be served before the step commits. */
  readonly routeGroups = new Set<string>();
  readonly pendingNotices: Array<{ agentId: string; event: CtiEvent }> = [];
  /** Agents and groups changed since the hub last took the list changes. */
  readonly listAgents = new Set<Agent>();
  readonly listGroups = new Set<string>();
  /** Ring dispatch latency samples (enqueue → offer emitted), for the benchmark. */
  readonly dispatchSamples: number[] = [];
  recordDispatchSamples = false;

  /** `commit` settles and emits one step (`commitStep`); it is given here so this file imports no mechanism. */
  constructor(
    options: EngineOptions,
    private readonly commit: (state: EngineState) => void,
  ) {
    this.clock = options.clock ?? realClock;
    this.ringTimeoutMs = options.ringTimeoutMs ?? 20_000;
    this.wrapUpMs = options.wrapUpMs ?? 10_000;
    this.reconnectGraceMs = options.reconnectGraceMs ?? 30_000;
    this.outboundTimeoutMs = options.outboundTimeoutMs ?? 45_000;
    this.missedState = options.missedState ?? 'busy';
    this.directory = options.directory ?? nullDirectory;
    this.records = options.records ?? { put: () => undefined };
    this.grantsEnded = options.grantsEnded ?? { grantEnded: () => undefined };
    this.audit = options.audit ?? { audit: () => undefined };
    this.grants = options.grants;
    this.output = options.output;
    this.network = options.network ?? nullNetwork;
    this.segments = options.segments ?? new NumberSegmentTable();
    this.ivrMenu = options.ivrMenu ?? {};
    this.directoryTimeoutMs = options.directoryTimeoutMs ?? 2000;
    this.endedCallsKept = options.endedCallsKept ?? 2000;
    this.log = options.log ?? (() => undefined);
    this.store = options.store ?? null;
    for (const g of options.groups) this.groups.set(g.name, { config: g, members: [], queue: [], rrCursor: -1, rev: 0 });
    this.defaultGroup = options.defaultGroup ?? options.groups[0]?.name ?? 'default';
  }

  /** Runs `fn` as (part of) one step; the outermost call commits the step, even when `fn` throws. */
  run<T>(fn: () => T): T {
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
      if (this.depth === 0) this.commit(this);
    }
  }

  /** A timer on the engine clock whose callback runs as a step of its own. */
  after(ms: number, fn: () => void) {
    return this.clock.setTimeout(() => this.run(fn), ms);
  }

  /** The call changed: its parties get its new view when the step commits. */
  markCall(call: Call): void {
    this.dirtyCalls.add(call);
    // Leg changes can change an agent's effective state; recompute decides whether to emit.
    for (const leg of call.legs.values()) {
      const agent = this.agents.get(leg.agentId);
      if (agent) this.recompute.add(agent);
    }
  }

  /** The agent changed: its sessions get its new state when the step commits. */
  markAgent(agent: Agent): void {
    this.dirtyAgents.add(agent);
    this.recompute.add(agent);
  }

  /** A notice (`code`: what happened, e.g. `missed`, `transfer-failed`) for one agent, sent when the step commits. */
  notify(agentId: string | null, code: string, message: string, callId: string | null): void {
    if (!agentId) return;
    this.pendingNotices.push({
      agentId,
      event: { type: 'notice', notice: { id: `${this.epoch}-${++this.noticeSeq}`, code, message, callId, at: this.clock.now() } },
    });
  }

  /** A new call (not yet in `calls`), with an id unique to this server. */
  newCall(direction: 'inbound' | 'outbound', number: string, now: number): Call {
    return newCall(direction, number, now, ++this.callSeq, randomBytes(2).toString('hex'));
  }

  /** @throws Rejection `not-found` for an unknown agent. */
  agent(agentId: string): Agent {
    const agent = this.agents.get(agentId);
    if (!agent) reject('not-found', `no agent ${agentId}`);
    return agent;
  }

  /** The agent's open leg of a call. @throws Rejection `not-found` (no call), `not-your-call` (no open leg). */
  legOf(agent: Agent, callId: string): { call: Call; leg: Leg } {
    const call = this.calls.get(callId);
    if (!call) reject('not-found', `no call ${callId}`);
    const leg = call.legs.get(agent.id);
    if (!leg || leg.status === 'ended') reject('not-your-call', `call ${callId} is not yours`);
    return { call, leg };
  }

  /** @throws Rejection as `legOf`, and `invalid-state` unless the leg talks on a connected call. */
  activeLeg(agent: Agent, callId: string): { call: Call; leg: Leg } {
    const found = this.legOf(agent, callId);
    if (found.leg.status !== 'active' || found.call.phase !== 'connected') reject('invalid-state', 'the call is not connected');
    return found;
  }

  /** @throws Rejection as `legOf`, and `not-your-call` unless the agent handles the call (owner). */
  ownerLeg(agent: Agent, callId: string): { call: Call; leg: Leg } {
    const found = this.legOf(agent, callId);
    if (found.leg.role !== 'owner') reject('not-your-call', 'only the agent handling the call can do that');
    return found;
  }

  /** Holds or resumes the caller, keeping when the hold began (the phone bar's hold timer). */
  setHeld(call: Call, held: boolean): void {
    if (held && !call.held) call.heldSince = this.clock.now();
    if (!held) call.heldSince = null;
    call.held = held;
  }

  /** May be offered a call now: idle, logged in, connected and heard from, not disabled. */
  isRoutable(agent: Agent): boolean {
    return agent.state === 'idle' && agent.sessions > 0 && !agent.stale && agent.loggedIn && !agent.disabled;
  }
}
