import { randomBytes } from 'node:crypto';
import { signToken, verifyTokenOfKind, type GrantClaims } from '@octopus/auth';
import type {
  AgentSelf,
  AgentState,
  AgentSummary,
  AuditOutcome,
  CallRecordUpsert,
  CallRole,
  CallState,
  CallTransferEntry,
  CallView,
  CommandResult,
  CtiCommand,
  CtiEvent,
  GroupSummary,
  InternalWrapUpPolicy,
  RejectReason,
  SelectableAgentState,
  TransferKind,
  TransferTarget,
  VerificationMethod,
  VerificationStatus,
} from '@octopus/contracts';
import { GRANT_AFTER_LEG_MAX_MS, maskName } from '@octopus/contracts';
import { errorSummary } from '../log';
import { realClock, type Clock, type TimerHandle } from './clock';
import type { AgentAccount, GroupConfig } from './config';
import { nullDirectory, nullNetwork, type AuditSink, type CallerNetwork, type CallRecordSink, type CustomerDirectory, type GrantEndSink } from './ports';
import type { PersistedState, StateChanges, StateStore } from './journal';
import { NumberSegmentTable } from './segments';

export interface EngineOptions {
  agents: AgentAccount[];
  groups: GroupConfig[];
  tokenSecret: string;
  clock?: Clock;
  /** Unanswered ring moves the call on after this long. */
  ringTimeoutMs?: number;
  /** After-call work after each call; 0 disables it. */
  wrapUpMs?: number;
  /** A disconnected agent keeps its state and calls this long. */
  reconnectGraceMs?: number;
  /** Outbound calls not answered within this end as `no-answer`. */
  outboundTimeoutMs?: number;
  /** State an agent is put in after missing a ring (so absent agents stop receiving calls). */
  missedState?: SelectableAgentState;
  grantTtlSeconds?: number;
  directory?: CustomerDirectory;
  records?: CallRecordSink;
  /** Told when an agent's leg (and so its grant) ends; the api refuses the grant from `notAfter` on. */
  grantsEnded?: GrantEndSink;
  /** Access decisions taken here (binds, rejected proofs) for the api's audit chain. */
  audit?: AuditSink;
  network?: CallerNetwork;
  segments?: NumberSegmentTable;
  ivrMenu?: Record<string, string>;
  defaultGroup?: string;
  /** Longest the IVR waits for the api before queueing the caller as unverified. */
  directoryTimeoutMs?: number;
  /** How many ended calls are kept for late ratings and simulator status. */
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

/**
 * One call as the telephone network must carry it (the call-ingress event stream): which agents' phones
 * ring, which are bridged to the caller, whether the caller is held. Sent whole after every change.
 */
export interface CallControlView {
  callId: string;
  rev: number;
  direction: 'inbound' | 'outbound';
  number: string;
  skillGroup: string | null;
  phase: CallPhase;
  /** The caller hears hold music (no agent bridged). */
  held: boolean;
  ownerId: string | null;
  /** Agents' legs still open: `ringing` (ring that phone), `active` (bridge it to the caller unless held; a `consult-target` talks to the owner only), `wrap-up` (hung up). */
  legs: Array<{ agentId: string; role: CallRole; status: LegStatus }>;
  endReason: string | null;
}

/** Where the engine's per-agent events go (the WebSocket hub). */
export interface EngineOutput {
  toAgent(agentId: string, event: CtiEvent): void;
}

export type CommandOutcome = { ok: true; result: CommandResult | null } | { ok: false; reason: RejectReason; message: string };

export interface InboundCallRequest {
  from: string;
  keys?: string;
  skillGroup?: string;
  verify?: string;
  /** The IVR's second prompt: the ID-number suffix, asked when `verify` only identified an account. */
  idSuffix?: string;
}

type LegStatus = 'ringing' | 'active' | 'wrap-up' | 'ended';

/** An agent as the journal keeps it (connections are not kept: they do not survive a restart). */
interface PersistedAgent {
  id: string;
  chosen: SelectableAgentState;
  nextState: SelectableAgentState | null;
  state: AgentState;
  stateSince: number;
  reason: string | null;
  idleSince: number;
  loggedIn: boolean;
  graceDeadline: number | null;
}

/** A call as the journal keeps it: every field but its timers, which are re-armed from their deadlines. */
type PersistedCall = Omit<Call, 'legs' | 'declined' | 'queueTimer'> & { legs: Array<Omit<Leg, 'ringTimer'>>; declined: Array<[string, number]> };
export type CallPhase = 'ivr' | 'queued' | 'ringing' | 'connected' | 'survey' | 'ended';

interface Leg {
  agentId: string;
  role: CallRole;
  status: LegStatus;
  muted: boolean;
  ringingSince: number | null;
  ringDeadline: number | null;
  ringTimer: TimerHandle | null;
  endedAt: number | null;
  endReason: string | null;
  wrapUpDeadline: number | null;
  fromAgentId: string | null;
  grant: string | null;
  /** A grant was issued for this leg: its end must reach the api. */
  granted: boolean;
  /** `notAfter` last sent for this leg (wall clock), so an early wrap-up end sends an earlier one. */
  grantEndSent: number | null;
  /** Wall-clock time the leg ended (what the api compares grants' `iat` with). */
  endedWall: number | null;
  dtmfSent: string;
  /** The agent's connection died or went silent while this leg rang: an unanswered ring is not the agent's doing. */
  connectionLost: boolean;
  /**
   * This leg's after-call work needs a wrap-up code (the group requires one, the leg is the record's agent's):
   * it does not end before `disposition` is set, whatever its deadline. Absent in older journals (false).
   */
  dispositionRequired?: boolean;
  /** The wrap-up code the agent chose (`setDisposition`) and when (wall clock, ms). Absent in older journals. */
  disposition?: string | null;
  dispositionAt?: number | null;
}

interface Call {
  id: string;
  rev: number;
  direction: 'inbound' | 'outbound';
  number: string;
  callerId: string | null;
  province: string | null;
  city: string | null;
  skillGroup: string | null;
  phase: CallPhase;
  keyTrack: string;
  userId: string | null;
  customerName: string | null;
  /** The account the calling number is registered to, looked up at the IVR (inbound only; null if none). */
  numberUserId: string | null;
  verificationStatus: VerificationStatus;
  verificationMethod: VerificationMethod | null;
  held: boolean;
  /** When the caller was put on hold (epoch ms), while `held`; null otherwise (absent in older journals). */
  heldSince?: number | null;
  legs: Map<string, Leg>;
  ownerId: string | null;
  lastAgentId: string | null;
  /** Agents who let this caller's ring go (missed or rejected), with the order they did: offered again last. */
  declined: Map<string, number>;
  /** When the caller started waiting in its current group (kept across rings in that group). */
  queuedAt: number | null;
  /** Arrival order in the current group (first-come within a priority). */
  queueSeq: number;
  /** 1 for a caller who was already offered or connected (back in the queue), 0 for a new one. */
  priority: number;
  queueTimer: TimerHandle | null;
  overflowHops: number;
  transfer: { target: TransferTarget; agentId: string; since: number } | null;
  consult: { target: TransferTarget; agentId: string; state: 'ringing' | 'talking'; since: number } | null;
  connectedAt: number | null;
  endedAt: number | null;
  endReason: string | null;
  transfers: CallTransferEntry[];
  rating: number | null;
  ratingInvited: boolean;
  createdAt: number;
  /** What the caller keyed, while the IVR checks it (so a restart can run the IVR again); null after. */
  ivrInput: { from: string; verify?: string; idSuffix?: string } | null;
}

interface Agent {
  id: string;
  name: string;
  skillGroups: string[];
  disabled: boolean;
  chosen: SelectableAgentState;
  nextState: SelectableAgentState | null;
  state: AgentState;
  stateSince: number;
  reason: string | null;
  idleSince: number;
  wrapUpDeadline: number | null;
  wrapUpTimer: TimerHandle | null;
  rev: number;
  sessions: number;
  loggedIn: boolean;
  graceTimer: TimerHandle | null;
  calls: Set<string>;
  /** Connected, but nothing heard from any of its connections lately (hub heartbeat): not offered calls. */
  stale: boolean;
  /** When the reconnect grace period ends (engine clock), while it runs. */
  graceDeadline: number | null;
}

interface Group {
  config: GroupConfig;
  members: Agent[];
  queue: Call[];
  rrCursor: number;
  rev: number;
}

class Rejection extends Error {
  constructor(
    readonly reason: RejectReason,
    message: string,
  ) {
    super(message);
  }
}

function reject(reason: RejectReason, message: string): never {
  throw new Rejection(reason, message);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const ACTIVE_STATES: ReadonlySet<LegStatus> = new Set(['active']);

/**
 * The telephony core: agents, skill-group queues, calls and their legs. Synchronous and single-threaded:
 * every entry point runs inside `run`, which settles routing and then emits whole views of what changed,
 * each stamped with a fresh `rev`, so clients can drop anything stale.
 */
export class CtiEngine {
  /** Server instance; kept across restarts that restore the state (revs go on growing). */
  epoch = randomBytes(6).toString('hex');
  readonly ringTimeoutMs: number;
  readonly wrapUpMs: number;
  readonly reconnectGraceMs: number;
  private readonly outboundTimeoutMs: number;
  private readonly missedState: SelectableAgentState;
  private readonly grantTtlSeconds: number;
  private readonly clock: Clock;
  private readonly directory: CustomerDirectory;
  private readonly records: CallRecordSink;
  private readonly grantsEnded: GrantEndSink;
  private readonly auditSink: AuditSink;
  private network: CallerNetwork;
  private readonly segments: NumberSegmentTable;
  private readonly ivrMenu: Record<string, string>;
  private readonly defaultGroup: string;
  private readonly directoryTimeoutMs: number;
  private readonly endedCallsKept: number;
  private readonly tokenSecret: string;
  private readonly log: (message: string) => void;
  private readonly store: StateStore | null;
  /** Calls dropped from the ended list since the last save (their rows are deleted). */
  private readonly evicted: string[] = [];
  /** Calls and agents restored from the store at construction. */
  readonly restored: { calls: number; agents: number } = { calls: 0, agents: 0 };

  private readonly agents = new Map<string, Agent>();
  private readonly groups = new Map<string, Group>();
  /** Per skill group: after-call work needs a code, and the active codes. */
  private wrapUpPolicy = new Map<string, { required: boolean; codes: Set<string> }>();
  private readonly calls = new Map<string, Call>();
  private readonly ended = new Map<string, Call>();
  private output: EngineOutput | null = null;
  private callObserver: ((view: CallControlView) => void) | null = null;

  private rev = 0;
  private depth = 0;
  private callSeq = 0;
  private noticeSeq = 0;
  private queueSeq = 0;
  private declineSeq = 0;
  private readonly dirtyCalls = new Set<Call>();
  private readonly dirtyAgents = new Set<Agent>();
  private readonly recompute = new Set<Agent>();
  private readonly routeGroups = new Set<string>();
  private readonly pendingNotices: Array<{ agentId: string; event: CtiEvent }> = [];
  private readonly listAgents = new Set<Agent>();
  private readonly listGroups = new Set<string>();
  /** Ring dispatch latency samples (enqueue → offer emitted), for the benchmark. */
  readonly dispatchSamples: number[] = [];
  recordDispatchSamples = false;

  constructor(options: EngineOptions) {
    this.clock = options.clock ?? realClock;
    this.ringTimeoutMs = options.ringTimeoutMs ?? 20_000;
    this.wrapUpMs = options.wrapUpMs ?? 10_000;
    this.reconnectGraceMs = options.reconnectGraceMs ?? 30_000;
    this.outboundTimeoutMs = options.outboundTimeoutMs ?? 45_000;
    this.missedState = options.missedState ?? 'busy';
    this.grantTtlSeconds = options.grantTtlSeconds ?? 1800;
    this.directory = options.directory ?? nullDirectory;
    this.records = options.records ?? { put: () => undefined };
    this.grantsEnded = options.grantsEnded ?? { grantEnded: () => undefined };
    this.auditSink = options.audit ?? { audit: () => undefined };
    this.network = options.network ?? nullNetwork;
    this.segments = options.segments ?? new NumberSegmentTable();
    this.ivrMenu = options.ivrMenu ?? {};
    this.directoryTimeoutMs = options.directoryTimeoutMs ?? 2000;
    this.endedCallsKept = options.endedCallsKept ?? 2000;
    this.tokenSecret = options.tokenSecret;
    this.log = options.log ?? (() => undefined);
    for (const g of options.groups) this.groups.set(g.name, { config: g, members: [], queue: [], rrCursor: -1, rev: 0 });
    this.defaultGroup = options.defaultGroup ?? options.groups[0]?.name ?? 'default';
    this.applyRoster(options.agents, true);
    if (options.wrapUpPolicy) this.setWrapUpPolicy(options.wrapUpPolicy);
    this.store = options.store ?? null;
    const saved = this.store?.load() ?? null;
    if (saved) this.restore(saved);
  }

  /**
   * Replaces the roster (the api's accounts): new agents are added, names and skill groups updated,
   * disabled ones (and ones no longer listed) are not offered calls and leave the agent list. An agent
   * is never removed, so calls and legs that name it stay valid.
   */
  /**
   * Replaces the wrap-up policy (fetched from the api with the roster). A group that requires a code
   * holds its agents' after-call work open until one is chosen — as Genesys Cloud's "mandatory,
   * discretionary" after-call work and Amazon Connect's required disposition do: the wrap-up timer does not
   * end it, nor End, a state change or a call out (`disposition-required`); logging out and a lost
   * connection still do. Applies to after-call work that starts from now on.
   */
  setWrapUpPolicy(policy: InternalWrapUpPolicy): void {
    this.wrapUpPolicy = new Map(policy.groups.map((g) => [g.skillGroup, { required: g.required, codes: new Set(g.codes) }]));
  }

  setRoster(accounts: AgentAccount[]): void {
    this.run(() => this.applyRoster(accounts, false));
  }

  /** At construction nothing is emitted and nobody is missing; later, changes are announced. */
  private applyRoster(accounts: AgentAccount[], initial: boolean): void {
    const now = this.clock.now();
    const listed = new Set<string>();
    for (const a of accounts) {
      listed.add(a.id);
      const skillGroups = a.skillGroups.filter((g) => this.groups.has(g));
      let agent = this.agents.get(a.id);
      if (!agent) {
        agent = {
          id: a.id,
          name: a.name,
          skillGroups: [],
          disabled: !!a.disabled,
          chosen: 'offline',
          nextState: null,
          state: 'offline',
          stateSince: now,
          reason: null,
          idleSince: now,
          wrapUpDeadline: null,
          wrapUpTimer: null,
          rev: 0,
          sessions: 0,
          loggedIn: false,
          graceTimer: null,
          calls: new Set(),
          stale: false,
          graceDeadline: null,
        };
        this.agents.set(a.id, agent);
      } else if (agent.name === a.name && agent.disabled === !!a.disabled && sameList(agent.skillGroups, skillGroups)) continue;
      agent.name = a.name;
      agent.disabled = !!a.disabled;
      this.setMembership(agent, skillGroups);
      if (!initial) this.markAgent(agent);
    }
    if (initial) {
      this.listGroups.clear();
      return;
    }
    for (const agent of this.agents.values()) {
      if (listed.has(agent.id) || agent.disabled) continue;
      agent.disabled = true;
      this.markAgent(agent);
    }
  }

  private setMembership(agent: Agent, skillGroups: string[]): void {
    for (const g of agent.skillGroups) {
      const group = this.groups.get(g);
      if (group) group.members = group.members.filter((m) => m !== agent);
      this.listGroups.add(g);
    }
    agent.skillGroups = skillGroups;
    for (const g of skillGroups) {
      this.groups.get(g)!.members.push(agent);
      this.listGroups.add(g);
    }
  }

  setOutput(output: EngineOutput): void {
    this.output = output;
  }

  setNetwork(network: CallerNetwork): void {
    this.network = network;
  }

  /** Told every change of every call, after it is saved (the call ingress streams them to the PBX). */
  setCallObserver(observer: ((view: CallControlView) => void) | null): void {
    this.callObserver = observer;
  }

  hasAgent(agentId: string): boolean {
    return this.agents.has(agentId);
  }

  /** The roster entry the engine routes with, or null for an unknown agent. */
  rosterEntry(agentId: string): { name: string; skillGroups: string[]; disabled: boolean } | null {
    const agent = this.agents.get(agentId);
    return agent ? { name: agent.name, skillGroups: agent.skillGroups.slice(), disabled: agent.disabled } : null;
  }

  /** Known and not disabled: may connect and be offered calls. */
  isActiveAgent(agentId: string): boolean {
    const agent = this.agents.get(agentId);
    return !!agent && !agent.disabled;
  }

  hasGroup(name: string): boolean {
    return this.groups.has(name);
  }

  get currentRev(): number {
    return this.rev;
  }

  // ---------------------------------------------------------------- agents' sessions

  agentConnected(agentId: string): void {
    this.run(() => {
      const agent = this.agent(agentId);
      agent.sessions++;
      agent.stale = false;
      this.clock.clearTimeout(agent.graceTimer);
      agent.graceTimer = null;
      agent.graceDeadline = null;
      if (!agent.loggedIn) {
        // A fresh login starts idle; a reconnect within the grace period keeps everything as it was.
        agent.loggedIn = true;
        agent.chosen = 'idle';
        agent.nextState = null;
        agent.reason = null;
      }
      this.markAgent(agent);
    });
  }

  agentDisconnected(agentId: string): void {
    this.run(() => {
      const agent = this.agent(agentId);
      agent.sessions = Math.max(0, agent.sessions - 1);
      this.markAgent(agent);
      if (agent.sessions === 0) this.markRingsLost(agent);
      if (agent.sessions > 0 || !agent.loggedIn) return;
      this.armGrace(agent, this.clock.now() + this.reconnectGraceMs);
    });
  }

  private armGrace(agent: Agent, deadline: number): void {
    this.clock.clearTimeout(agent.graceTimer);
    agent.graceDeadline = deadline;
    agent.graceTimer = this.clock.setTimeout(() => this.run(() => this.graceExpired(agent)), Math.max(0, deadline - this.clock.now()));
  }

  /**
   * Liveness from the hub: `false` when none of the agent's connections has sent anything (frame or
   * WebSocket pong) for the hub's stale threshold, `true` when one speaks again. A stale agent keeps
   * its state and calls but is not offered new calls, and a ring it does not answer meanwhile is not
   * counted as missed (the agent is not set to `missedState`).
   */
  agentReachable(agentId: string, reachable: boolean): void {
    this.run(() => {
      const agent = this.agents.get(agentId);
      if (!agent || agent.stale === !reachable) return;
      agent.stale = !reachable;
      if (!reachable) this.markRingsLost(agent);
      this.markAgent(agent);
    });
  }

  private markRingsLost(agent: Agent): void {
    for (const id of agent.calls) {
      const leg = this.calls.get(id)?.legs.get(agent.id);
      if (leg?.status === 'ringing') leg.connectionLost = true;
    }
  }

  private graceExpired(agent: Agent): void {
    agent.graceTimer = null;
    agent.graceDeadline = null;
    if (agent.sessions > 0) return;
    this.log(`agent ${agent.id} did not come back within ${this.reconnectGraceMs} ms: offline`);
    for (const callId of [...agent.calls]) {
      const call = this.calls.get(callId);
      const leg = call?.legs.get(agent.id);
      if (!call || !leg || leg.status === 'ended') continue;
      if (leg.status === 'ringing') this.legNotAnswered(call, leg, 'agent-lost');
      else if (leg.status === 'wrap-up') this.endLeg(call, leg, leg.endReason ?? 'agent-lost', false);
      else this.loseActiveLeg(call, leg);
    }
    agent.loggedIn = false;
    agent.chosen = 'offline';
    agent.nextState = null;
    agent.reason = 'disconnected';
    this.markAgent(agent);
  }

  /** An agent vanished while connected to a caller: the caller goes back to the front of the queue. */
  private loseActiveLeg(call: Call, leg: Leg): void {
    if (leg.role === 'consult-target') {
      this.endConsult(call, 'consult-ended');
      return;
    }
    const others = this.activeAgentLegs(call).filter((l) => l !== leg);
    if (leg.role === 'conference' || (leg.role === 'owner' && others.length > 0)) {
      this.leaveConference(call, leg, 'agent-lost', false);
      return;
    }
    this.cancelPending(call);
    this.endLeg(call, leg, 'agent-lost', false);
    call.ownerId = null;
    this.setHeld(call, false);
    const group = call.skillGroup ?? this.defaultGroup;
    call.transfers.push({ from: leg.agentId, to: group, kind: 'requeue', at: this.clock.now() });
    if (call.direction === 'outbound') this.endCall(call, 'agent-lost');
    else this.enqueue(call, group, { front: true, keepWait: false });
  }

  // ---------------------------------------------------------------- caller side (network / simulator)

  /** A caller dials in: IVR (key track, verification), then the queue. Returns the call id at once. */
  inboundCall(request: InboundCallRequest): string {
    return this.run(() => {
      const now = this.clock.now();
      const keys = request.keys ?? '';
      let group = request.skillGroup ?? this.ivrMenu[keys.charAt(0)] ?? this.defaultGroup;
      if (!this.groups.has(group)) group = this.defaultGroup;
      const location = this.segments.lookup(request.from);
      const call = this.newCall('inbound', request.from, now);
      call.province = location?.province ?? null;
      call.city = location?.city ?? null;
      call.skillGroup = group;
      // Verification digits are personal data: the key track keeps only their count.
      call.keyTrack = (keys + (request.verify ? `#${'*'.repeat(request.verify.length)}#` : '')).slice(0, 64);
      call.verificationStatus = request.verify ? 'unverified' : 'skipped';
      call.ivrInput = { from: request.from, ...(request.verify !== undefined && { verify: request.verify }), ...(request.idSuffix !== undefined && { idSuffix: request.idSuffix }) };
      this.calls.set(call.id, call);
      this.markCall(call); // journalled from the start: a restart runs its IVR again
      void this.runIvr(call, request.from, request.verify, request.idSuffix);
      return call.id;
    });
  }

  /**
   * The IVR's identity check, through the directory (the api). Only a check the server performed
   * verifies: the calling number's ID suffix, or the registered phone keyed from that same phone.
   * A registered phone keyed from another number only identifies its account; the IVR then asks for
   * that account's ID suffix (`idSuffix`) and verifies only when it matches.
   */
  private async runIvr(call: Call, from: string, verify: string | undefined, idSuffix: string | undefined): Promise<void> {
    const timeout = <T>(p: Promise<T>): Promise<T> =>
      Promise.race([
        p,
        new Promise<T>((_, fail) => {
          const t = setTimeout(() => fail(new Error('directory timeout')), this.directoryTimeoutMs);
          t.unref?.();
        }),
      ]);
    let status: VerificationStatus = verify ? 'unverified' : 'skipped';
    let method: VerificationMethod | null = null;
    let userId: string | null = null;
    let name: string | null = null;
    let numberUserId: string | null = null;
    let secondPrompt = false;
    try {
      const [checked, byPhone] = await Promise.all([
        verify ? timeout(this.directory.verify(from, verify)) : Promise.resolve(null),
        timeout(this.directory.userByPhone(from)).catch(() => null),
      ]);
      numberUserId = byPhone?.userId ?? null;
      if (checked) {
        method = checked.method;
        if (checked.status === 'verified' && checked.userId) {
          status = 'verified';
          userId = checked.userId;
        } else if (checked.level === 'identified' && verify) {
          // Identified, not verified: the account is known (masked data), its ID suffix is asked next.
          // (Should the api not name the account, the keyed phone does.)
          const identified = checked.userId ?? (await timeout(this.directory.userByPhone(verify)).catch(() => null))?.userId ?? null;
          userId = identified;
          status = identified ? 'unverified' : 'failed';
          secondPrompt = identified !== null;
          if (identified && idSuffix) {
            const second = await timeout(this.directory.verify(from, idSuffix, identified));
            method = second.method;
            status = second.status === 'verified' && second.userId === identified ? 'verified' : 'failed';
          }
        } else status = 'failed';
      }
      if (!userId && byPhone) userId = byPhone.userId;
      if (byPhone && byPhone.userId === userId) name = byPhone.name;
      else if (userId) name = (await timeout(this.directory.userById(userId)).catch(() => null))?.name ?? null;
    } catch (error) {
      // The api is unreachable: the caller still reaches an agent, who verifies by hand.
      this.log(`IVR verification for ${call.id} failed: ${errorSummary(error)}`);
      status = 'unverified';
      method = null;
      userId = null;
      name = null;
    }
    this.run(() => {
      if (call.phase !== 'ivr' || this.calls.get(call.id) !== call) return;
      call.ivrInput = null;
      if (secondPrompt && idSuffix) call.keyTrack = `${call.keyTrack}${'*'.repeat(idSuffix.length)}#`.slice(0, 64);
      call.verificationStatus = status;
      call.verificationMethod = method;
      call.userId = userId;
      call.customerName = name;
      call.numberUserId = numberUserId;
      this.enqueue(call, call.skillGroup ?? this.defaultGroup, { front: false, keepWait: false });
    });
  }

  callerHangup(callId: string): boolean {
    return this.run(() => {
      const call = this.calls.get(callId);
      if (!call || call.phase === 'ended') return false;
      const reason =
        call.phase === 'ivr'
          ? 'abandoned-ivr'
          : call.phase === 'queued' || (call.phase === 'ringing' && call.direction === 'inbound')
            ? 'abandoned'
            : call.direction === 'outbound'
              ? call.phase === 'ringing'
                ? 'callee-rejected'
                : 'callee-hangup'
              : 'caller-hangup';
      // Said aloud: otherwise a ringing or held call just vanishes from the agent's screen.
      if (call.direction === 'inbound') {
        for (const leg of call.legs.values()) {
          if (leg.status === 'ringing') this.notify(leg.agentId, 'caller-hangup-ringing', 'the caller hung up while the call was ringing', call.id);
        }
        if (call.held && call.ownerId) this.notify(call.ownerId, 'caller-hangup-held', 'the caller hung up while on hold', call.id);
      }
      this.endCall(call, reason);
      return true;
    });
  }

  calleeAnswered(callId: string): boolean {
    return this.run(() => {
      const call = this.calls.get(callId);
      if (!call || call.direction !== 'outbound' || call.phase !== 'ringing') return false;
      const leg = call.ownerId ? call.legs.get(call.ownerId) : undefined;
      if (!leg || leg.status !== 'ringing') return false;
      this.clock.clearTimeout(leg.ringTimer);
      leg.ringTimer = null;
      leg.status = 'active';
      leg.ringDeadline = null;
      call.phase = 'connected';
      call.connectedAt = this.clock.now();
      this.markCall(call);
      // The record exists from the moment the call connects, so the agent's notes can be saved during it.
      this.records.put(this.recordOf(call));
      return true;
    });
  }

  /** The caller pressed a rating (survey IVR or rating invitation). */
  callerRated(callId: string, rating: number): boolean {
    return this.run(() => {
      const call = this.calls.get(callId) ?? this.ended.get(callId);
      if (!call || rating < 1 || rating > 5 || call.rating !== null) return false;
      if (call.phase !== 'survey' && !call.ratingInvited) return false;
      call.rating = Math.round(rating);
      this.markCall(call);
      if (call.lastAgentId) this.notify(call.lastAgentId, 'rating', `caller rated ${call.rating}`, call.id);
      if (call.phase === 'survey') this.endCall(call, 'survey-complete');
      else if (call.phase === 'ended') this.records.put(this.recordOf(call));
      return true;
    });
  }

  // ---------------------------------------------------------------- commands

  command(agentId: string, command: CtiCommand, body?: () => CommandResult | null): CommandOutcome {
    try {
      const result = this.run(() => (body ? body() : this.execute(this.agent(agentId), command)));
      return { ok: true, result };
    } catch (error) {
      if (error instanceof Rejection) return { ok: false, reason: error.reason, message: error.message };
      this.log(`command ${command.name} by ${agentId} failed: ${errorSummary(error)}`);
      return { ok: false, reason: 'internal', message: 'internal error' };
    }
  }

  private execute(agent: Agent, cmd: CtiCommand): CommandResult | null {
    switch (cmd.name) {
      case 'setState':
        this.setState(agent, cmd.state);
        return null;
      case 'answer':
        this.answer(agent, cmd.callId);
        return null;
      case 'reject': {
        const { call, leg } = this.legOf(agent, cmd.callId);
        if (leg.status !== 'ringing') reject('invalid-state', 'only a ringing call can be rejected');
        if (call.direction === 'outbound') this.endCall(call, 'agent-cancelled');
        else this.legNotAnswered(call, leg, 'rejected');
        return null;
      }
      case 'hangup':
        this.hangup(agent, cmd.callId);
        return null;
      case 'hold':
      case 'resume': {
        const { call, leg } = this.activeLeg(agent, cmd.callId);
        if (leg.role === 'consult-target') reject('invalid-state', 'the consulting agent holds the caller');
        if (call.transfer || call.consult) reject('invalid-state', 'finish the transfer or consultation first');
        // One conversation at a time: the agent holds or ends the other call before taking this one back.
        for (const otherId of agent.calls) {
          const other = otherId === call.id ? undefined : this.calls.get(otherId);
          const otherLeg = other?.legs.get(agent.id);
          if (other && otherLeg?.status === 'active' && !other.held) reject('busy', 'hold or end the other call first');
        }
        const hold = cmd.name === 'hold';
        if (call.held === hold) reject('invalid-state', hold ? 'already on hold' : 'not on hold');
        this.setHeld(call, hold);
        this.markCall(call);
        return null;
      }
      case 'mute':
      case 'unmute': {
        const { call, leg } = this.activeLeg(agent, cmd.callId);
        leg.muted = cmd.name === 'mute';
        this.markCall(call);
        return null;
      }
      case 'dtmf': {
        const { call, leg } = this.activeLeg(agent, cmd.callId);
        leg.dtmfSent = (leg.dtmfSent + cmd.digits).slice(-64);
        this.markCall(call);
        return null;
      }
      case 'transfer':
        this.transfer(agent, cmd.callId, cmd.target);
        return null;
      case 'cancelTransfer': {
        const { call } = this.ownerLeg(agent, cmd.callId);
        if (!call.transfer) reject('invalid-state', 'no transfer in progress');
        const target = call.legs.get(call.transfer.agentId);
        call.transfer = null;
        if (target) this.endLeg(call, target, 'transfer-cancelled', false);
        this.markCall(call);
        return null;
      }
      case 'consult':
        this.consult(agent, cmd.callId, cmd.target);
        return null;
      case 'consultTransfer':
      case 'consultConference': {
        const { call, leg } = this.ownerLeg(agent, cmd.callId);
        const consult = call.consult;
        if (!consult || consult.state !== 'talking') reject('invalid-state', 'the consulted agent has not answered');
        const other = call.legs.get(consult.agentId)!;
        const now = this.clock.now();
        call.consult = null;
        this.setHeld(call, false);
        if (cmd.name === 'consultTransfer') {
          other.role = 'owner';
          call.ownerId = other.agentId;
          call.lastAgentId = other.agentId;
          call.transfers.push({ from: agent.id, to: other.agentId, kind: 'consult', at: now });
          this.endLeg(call, leg, 'transferred', true);
        } else {
          other.role = 'conference';
          call.transfers.push({ from: agent.id, to: other.agentId, kind: 'conference', at: now });
        }
        this.issueGrant(call, other);
        this.markCall(call);
        return null;
      }
      case 'consultReturn': {
        const { call } = this.ownerLeg(agent, cmd.callId);
        if (!call.consult) reject('invalid-state', 'no consultation in progress');
        this.endConsult(call, 'consult-ended');
        this.setHeld(call, false);
        return null;
      }
      case 'transferToSurvey': {
        const { call, leg } = this.ownerLeg(agent, cmd.callId);
        if (call.phase !== 'connected' || leg.status !== 'active') reject('invalid-state', 'the caller is not connected');
        if (call.transfer || call.consult) reject('invalid-state', 'finish the transfer or consultation first');
        if (this.activeAgentLegs(call).length > 1) reject('invalid-state', 'leave the conference first');
        call.phase = 'survey';
        this.setHeld(call, false);
        call.transfers.push({ from: agent.id, to: 'survey', kind: 'survey', at: this.clock.now() });
        this.endLeg(call, leg, 'survey', true);
        this.network.surveyStarted(call.id);
        return null;
      }
      case 'inviteRating': {
        const { call, leg } = this.legOf(agent, cmd.callId);
        if (leg.role !== 'owner' || (leg.status !== 'active' && leg.status !== 'wrap-up')) reject('invalid-state', 'not your connected call');
        if (call.ratingInvited || call.rating !== null) reject('invalid-state', 'rating already invited');
        call.ratingInvited = true;
        this.markCall(call);
        this.network.ratingInvited(call.id);
        return null;
      }
      case 'callOut':
        return { callId: this.callOut(agent, cmd.number, cmd.skillGroup) };
      case 'bindCustomer':
        // Needs the directory (does the account exist?): see `bindCustomer`, which the hub calls.
        return reject('invalid-command', 'bindCustomer is handled asynchronously');
      case 'setDisposition':
        this.setDisposition(agent, cmd.callId, cmd.code);
        return null;
      case 'refreshGrant': {
        const { call, leg } = this.legOf(agent, cmd.callId);
        const consulted = leg.role === 'consult-target' && leg.status === 'active';
        if (leg.role !== 'owner' && leg.role !== 'conference' && leg.role !== 'transfer-target' && !consulted) reject('invalid-state', 'no grant on this call');
        if (!call.userId) reject('invalid-state', 'the call has no customer');
        this.issueGrant(call, leg);
        this.markCall(call);
        return { grant: leg.grant ?? undefined };
      }
      case 'takePhone':
      case 'subscribe':
      case 'renewSession':
        // Session-level commands, handled by the hub.
        return null;
    }
  }

  /** Any command: synchronous ones answer at once, `bindCustomer` once the directory has answered. */
  handle(agentId: string, command: CtiCommand, sessionId: string | null = null): CommandOutcome | Promise<CommandOutcome> {
    return command.name === 'bindCustomer' ? this.bindCustomer(agentId, command, sessionId) : this.command(agentId, command);
  }

  /**
   * Binds an account to a call the agent handles. Without a valid proof the call is only *identified*
   * for that account (status `unverified`, grant level `unverified`: masked, no finance); with a
   * `verification` token the api issued for this call, agent and user it becomes `verified`. The same
   * account bound again keeps a level it already has. An account the directory does not know is
   * rejected `not-found`; an unreachable directory `internal`.
   */
  async bindCustomer(agentId: string, cmd: Extract<CtiCommand, { name: 'bindCustomer' }>, sessionId: string | null = null): Promise<CommandOutcome> {
    // Every decision goes to the api's audit chain (wall-clock time: the chain's, not the engine clock's).
    const audit = (action: string, outcome: AuditOutcome, reason: string) =>
      this.auditSink.audit({ at: new Date().toISOString(), agentId, sessionId, userId: cmd.userId.slice(0, 64), callId: cmd.callId.slice(0, 128), action, outcome, reason });
    const check = () => {
      const { call, leg } = this.legOf(this.agent(agentId), cmd.callId);
      if ((leg.role !== 'owner' && leg.role !== 'conference') || leg.status === 'ringing') reject('invalid-state', 'not your connected call');
      return { call, leg };
    };
    try {
      check();
    } catch (error) {
      if (error instanceof Rejection) {
        audit('bind-customer', 'refused', error.reason);
        return { ok: false, reason: error.reason, message: error.message };
      }
      throw error;
    }
    let user: { userId: string; name: string } | null;
    try {
      user = await this.directory.userById(cmd.userId);
    } catch (error) {
      this.log(`bindCustomer on ${cmd.callId}: directory failed: ${errorSummary(error)}`);
      return { ok: false, reason: 'internal', message: 'the customer directory does not answer: try again' };
    }
    if (!user) {
      audit('bind-customer', 'refused', 'not-found: no such customer account');
      return { ok: false, reason: 'not-found', message: 'no such customer account' };
    }
    const proven = cmd.proof !== undefined && this.validProof(cmd.proof, cmd.callId, agentId, cmd.userId);
    if (cmd.proof !== undefined && !proven) audit('verification-proof', 'refused', 'proof-rejected: not a valid proof for this call, agent and user');
    let level: VerificationStatus | null = null;
    const outcome = this.command(agentId, cmd, () => {
      const { call, leg } = check();
      const same = call.userId === user.userId;
      call.userId = user.userId;
      call.customerName = user.name;
      if (proven) {
        call.verificationStatus = 'verified';
        call.verificationMethod = 'agent-confirm';
      } else if (!same || call.verificationStatus !== 'verified') {
        call.verificationStatus = 'unverified';
        call.verificationMethod = cmd.method;
      }
      level = call.verificationStatus;
      for (const l of call.legs.values()) {
        if (l.status === 'ended') continue;
        if (l.role === 'owner' || l.role === 'conference') this.issueGrant(call, l);
        else if (l.role === 'consult-target' && l.status === 'active') this.issueConsultGrant(call, l);
      }
      this.markCall(call);
      return { grant: leg.grant ?? undefined };
    });
    if (!outcome.ok) audit('bind-customer', 'refused', outcome.reason);
    else if (proven) audit('bind-customer', 'allowed', 'verified: the api’s proof for this call, agent and user');
    else if (level === 'verified') audit('bind-customer', 'allowed', 'verified already: the same account bound again');
    else audit('bind-customer', 'masked', `identified only (${cmd.method}, no proof)`);
    return outcome;
  }

  /** A `verification` token signed with our secret for exactly this call, agent and user. */
  private validProof(proof: string, callId: string, agentId: string, userId: string): boolean {
    try {
      const claims = verifyTokenOfKind(proof, 'verification', { secret: this.tokenSecret });
      return claims.callId === callId && claims.agentId === agentId && claims.userId === userId;
    } catch {
      return false;
    }
  }

  private setState(agent: Agent, state: SelectableAgentState): void {
    let busy = false;
    const wrapping: Array<[Call, Leg]> = [];
    for (const id of agent.calls) {
      const call = this.calls.get(id);
      const leg = call?.legs.get(agent.id);
      if (!call || !leg) continue;
      if (leg.status === 'ringing' || leg.status === 'active') busy = true;
      else if (leg.status === 'wrap-up') wrapping.push([call, leg]);
    }
    if (busy) {
      // Applied when the call and its wrap-up are over.
      agent.nextState = state === agent.chosen ? null : state;
    } else {
      // Logging out always ends after-call work (a shift ends); any other state waits for a required code.
      if (state !== 'offline') for (const [, leg] of wrapping) this.assertMayEndWrapUp(leg);
      for (const [call, leg] of wrapping) this.endLeg(call, leg, leg.endReason ?? 'wrap-up-done', false);
      agent.chosen = state;
      agent.nextState = null;
      agent.reason = null;
      // Going offline is logging out: the next connection is a fresh login and starts idle.
      if (state === 'offline') agent.loggedIn = false;
    }
    this.markAgent(agent);
  }

  private answer(agent: Agent, callId: string): void {
    const { call, leg } = this.legOf(agent, callId);
    if (leg.status !== 'ringing') reject('invalid-state', 'the call is not ringing');
    if (call.direction === 'outbound' && leg.role === 'owner') reject('invalid-state', 'an outbound call is answered by the callee');
    this.clock.clearTimeout(leg.ringTimer);
    leg.ringTimer = null;
    leg.ringDeadline = null;
    leg.status = 'active';
    const now = this.clock.now();
    if (leg.role === 'owner') {
      call.phase = 'connected';
      call.ownerId = agent.id;
      call.lastAgentId = agent.id;
      call.connectedAt ??= now;
    } else if (leg.role === 'transfer-target') {
      const previous = call.ownerId ? call.legs.get(call.ownerId) : undefined;
      call.transfer = null;
      this.setHeld(call, false);
      leg.role = 'owner';
      call.ownerId = agent.id;
      call.lastAgentId = agent.id;
      call.transfers.push({ from: previous?.agentId ?? null, to: agent.id, kind: 'agent', at: now });
      this.issueGrant(call, leg);
      if (previous && previous.status === 'active') this.endLeg(call, previous, 'transferred', true);
    } else if (leg.role === 'consult-target' && call.consult) {
      call.consult.state = 'talking';
      // The consulted colleague sees the customer the consulting agent sees, for as long as the consultation lasts.
      this.issueConsultGrant(call, leg);
    }
    this.markCall(call);
    // Written on connect (and on each change of hands), not only at the end: notes can be saved during the call.
    if (leg.role === 'owner') this.records.put(this.recordOf(call));
  }

  private hangup(agent: Agent, callId: string): void {
    const { call, leg } = this.legOf(agent, callId);
    if (leg.status === 'wrap-up') {
      this.assertMayEndWrapUp(leg);
      this.endLeg(call, leg, leg.endReason ?? 'wrap-up-done', false);
      return;
    }
    if (leg.status === 'ringing') {
      if (call.direction === 'outbound' && leg.role === 'owner') this.endCall(call, 'agent-cancelled');
      else this.legNotAnswered(call, leg, 'rejected');
      return;
    }
    if (leg.role === 'consult-target') {
      this.endConsult(call, 'consult-ended');
      this.notify(call.ownerId, 'consult-ended', `agent ${agent.id} left the consultation`, call.id);
      return;
    }
    if (this.activeAgentLegs(call).length > 1) {
      this.leaveConference(call, leg, 'agent-hangup', true);
      return;
    }
    this.endCall(call, 'agent-hangup');
  }

  private transfer(agent: Agent, callId: string, target: TransferTarget): void {
    const { call, leg } = this.ownerLeg(agent, callId);
    if (call.phase !== 'connected' || leg.status !== 'active') reject('invalid-state', 'the caller is not connected');
    if (call.transfer || call.consult) reject('invalid-state', 'a transfer or consultation is already in progress');
    if (this.activeAgentLegs(call).length > 1) reject('invalid-state', 'leave the conference first');
    const now = this.clock.now();
    if (target.kind === 'group') {
      if (!this.groups.has(target.group)) reject('unknown-group', `no group ${target.group}`);
      this.setHeld(call, false);
      call.ownerId = null;
      call.declined.clear();
      call.transfers.push({ from: agent.id, to: target.group, kind: 'group', at: now });
      this.endLeg(call, leg, 'transferred', true);
      this.enqueue(call, target.group, { front: true, keepWait: false });
      return;
    }
    const other = this.routableTarget(agent, target.agentId);
    call.transfer = { target, agentId: other.id, since: now };
    const targetLeg = this.ring(call, other, 'transfer-target', this.ringTimeoutMs);
    targetLeg.fromAgentId = agent.id;
    this.issueGrant(call, targetLeg);
    this.markCall(call);
  }

  private consult(agent: Agent, callId: string, target: TransferTarget): void {
    const { call, leg } = this.ownerLeg(agent, callId);
    if (call.phase !== 'connected' || leg.status !== 'active') reject('invalid-state', 'the caller is not connected');
    if (call.transfer || call.consult) reject('invalid-state', 'a transfer or consultation is already in progress');
    let other: Agent;
    if (target.kind === 'group') {
      const group = this.groups.get(target.group);
      if (!group) reject('unknown-group', `no group ${target.group}`);
      const picked = this.pickAgent(group, (a) => a !== agent && !call.legs.has(a.id));
      if (!picked) reject('no-idle-agent', `no idle agent in ${target.group}`);
      other = picked;
    } else {
      other = this.routableTarget(agent, target.agentId);
      if (call.legs.has(other.id)) reject('agent-unavailable', 'that agent is already on this call');
    }
    this.setHeld(call, true);
    call.consult = { target, agentId: other.id, state: 'ringing', since: this.clock.now() };
    const targetLeg = this.ring(call, other, 'consult-target', this.ringTimeoutMs);
    targetLeg.fromAgentId = agent.id;
    this.markCall(call);
  }

  private callOut(agent: Agent, number: string, skillGroup: string | undefined): string {
    for (const id of agent.calls) {
      const other = this.calls.get(id);
      const leg = other?.legs.get(agent.id);
      // A caller the agent put on hold may wait while the agent dials out (a second call); anything else is busy.
      const heldByAgent = !!other && other.held && !other.consult && leg?.role === 'owner';
      if (leg && (leg.status === 'ringing' || (leg.status === 'active' && !heldByAgent))) reject('busy', 'finish or hold the current call first');
    }
    if (agent.sessions === 0) reject('agent-unavailable', 'not connected');
    const groupName = skillGroup ?? agent.skillGroups[0] ?? this.defaultGroup;
    const group = this.groups.get(groupName);
    if (!group) reject('unknown-group', `no group ${groupName}`);
    // Dialling ends the agent's after-call work (not one still waiting for a required wrap-up code).
    for (const id of agent.calls) {
      const leg = this.calls.get(id)?.legs.get(agent.id);
      if (leg?.status === 'wrap-up') this.assertMayEndWrapUp(leg);
    }
    for (const id of [...agent.calls]) {
      const call = this.calls.get(id);
      const leg = call?.legs.get(agent.id);
      if (call && leg?.status === 'wrap-up') this.endLeg(call, leg, leg.endReason ?? 'wrap-up-done', false);
    }
    const now = this.clock.now();
    const call = this.newCall('outbound', number, now);
    const location = this.segments.lookup(number);
    call.province = location?.province ?? null;
    call.city = location?.city ?? null;
    call.skillGroup = group.config.name;
    call.callerId = group.config.callerId;
    call.verificationStatus = 'unverified';
    call.phase = 'ringing';
    call.ownerId = agent.id;
    call.lastAgentId = agent.id;
    this.calls.set(call.id, call);
    this.ring(call, agent, 'owner', this.outboundTimeoutMs);
    this.markCall(call);
    this.network.dialOut(call.id, number);
    // Who we are calling, if the api knows the number: the agent gets an unverified grant.
    void this.directory
      .userByPhone(number)
      .then((user) => {
        if (!user) return;
        this.run(() => {
          if (call.phase === 'ended' || call.userId) return;
          call.userId = user.userId;
          call.customerName = user.name;
          const leg = call.legs.get(agent.id);
          if (leg && leg.status !== 'ended') this.issueGrant(call, leg);
          this.markCall(call);
        });
      })
      .catch(() => undefined);
    return call.id;
  }

  // ---------------------------------------------------------------- routing

  /**
   * Puts a caller in a group's queue. `front`: a returning caller (missed, rejected, transferred to the
   * group, its agent lost), served before new callers; among callers of one priority, first come first
   * served. `keepWait`: the wait clock keeps running from when the caller first queued in this group, so
   * the overflow fires at the group's limit whatever happened in between (a timer for the remaining wait).
   */
  private enqueue(call: Call, groupName: string, options: { front: boolean; keepWait: boolean }): void {
    const group = this.groups.get(groupName) ?? this.groups.get(this.defaultGroup);
    if (!group) {
      this.endCall(call, 'no-group');
      return;
    }
    const now = this.clock.now();
    call.phase = 'queued';
    if (!options.keepWait || call.queuedAt === null || call.skillGroup !== group.config.name) {
      call.queuedAt = now;
      call.queueSeq = ++this.queueSeq;
    }
    call.skillGroup = group.config.name;
    call.priority = options.front ? 1 : 0;
    this.clock.clearTimeout(call.queueTimer);
    call.queueTimer = null;
    if (group.config.maxWaitMs !== null) {
      const remaining = call.queuedAt + group.config.maxWaitMs - now;
      if (remaining > 0) call.queueTimer = this.clock.setTimeout(() => this.run(() => this.queueTimedOut(call, group)), remaining);
    }
    let i = group.queue.length;
    while (i > 0) {
      const before = group.queue[i - 1]!;
      if (before.priority > call.priority || (before.priority === call.priority && before.queueSeq < call.queueSeq)) break;
      i--;
    }
    group.queue.splice(i, 0, call);
    this.routeGroups.add(group.config.name);
    this.listGroups.add(group.config.name);
    this.markCall(call);
    // Its wait is already over (it rang past the limit): it overflows now.
    if (group.config.maxWaitMs !== null && call.queueTimer === null) this.queueTimedOut(call, group);
  }

  private removeFromQueue(call: Call): void {
    if (call.phase !== 'queued' || !call.skillGroup) return;
    const group = this.groups.get(call.skillGroup);
    if (!group) return;
    const i = group.queue.indexOf(call);
    if (i >= 0) group.queue.splice(i, 1);
    this.listGroups.add(group.config.name);
  }

  private queueTimedOut(call: Call, group: Group): void {
    call.queueTimer = null;
    if (call.phase !== 'queued' || call.skillGroup !== group.config.name) return;
    const overflow = group.config.overflow;
    if (!overflow) return;
    this.removeFromQueue(call);
    const now = this.clock.now();
    if (overflow.kind === 'group' && call.overflowHops < 3 && this.groups.has(overflow.group)) {
      call.overflowHops++;
      call.declined.clear();
      call.transfers.push({ from: group.config.name, to: overflow.group, kind: 'overflow', at: now });
      this.enqueue(call, overflow.group, { front: false, keepWait: false });
    } else {
      this.endCall(call, overflow.kind === 'callback' ? 'callback-requested' : 'voicemail');
    }
  }

  private isRoutable(agent: Agent): boolean {
    return agent.state === 'idle' && agent.sessions > 0 && !agent.stale && agent.loggedIn && !agent.disabled;
  }

  private routableTarget(from: Agent, agentId: string): Agent {
    const other = this.agents.get(agentId);
    if (!other) reject('not-found', `no agent ${agentId}`);
    if (other === from) reject('invalid-command', 'cannot target yourself');
    if (!this.isRoutable(other)) reject('agent-unavailable', `agent ${agentId} is ${other.sessions ? other.state : 'not connected'}`);
    return other;
  }

  /** Longest-idle (or next in rotation) routable member of a group passing `accept`. */
  private pickAgent(group: Group, accept: (agent: Agent) => boolean): Agent | null {
    const members = group.members;
    if (group.config.routing === 'round-robin') {
      const n = members.length;
      for (let k = 1; k <= n; k++) {
        const i = (group.rrCursor + k + n) % n;
        const a = members[i]!;
        if (this.isRoutable(a) && accept(a)) {
          group.rrCursor = i;
          return a;
        }
      }
      return null;
    }
    let best: Agent | null = null;
    for (const a of members) if (this.isRoutable(a) && accept(a) && (!best || a.idleSince < best.idleSince)) best = a;
    return best;
  }

  /** The routable member who let this caller go longest ago (or null). */
  private pickDeclined(group: Group, call: Call): Agent | null {
    let best: Agent | null = null;
    let bestSeq = Infinity;
    for (const a of group.members) {
      const seq = call.declined.get(a.id);
      if (seq !== undefined && seq < bestSeq && this.isRoutable(a)) {
        best = a;
        bestSeq = seq;
      }
    }
    return best;
  }

  private dispatch(groupName: string): void {
    const group = this.groups.get(groupName);
    if (!group || group.queue.length === 0) return;
    for (const call of [...group.queue]) {
      // Agents who let this caller go are offered it again only when nobody else is free; callers
      // behind it wait their turn (never served before it).
      const agent = this.pickAgent(group, (a) => !call.declined.has(a.id)) ?? this.pickDeclined(group, call);
      if (!agent) break; // nobody routable at all
      this.removeFromQueue(call);
      this.clock.clearTimeout(call.queueTimer);
      call.queueTimer = null;
      if (this.recordDispatchSamples && call.queuedAt !== null) this.dispatchSamples.push(this.clock.now() - call.queuedAt);
      call.phase = 'ringing';
      const leg = this.ring(call, agent, 'owner', this.ringTimeoutMs);
      this.issueGrant(call, leg);
      this.markCall(call);
    }
  }

  private ring(call: Call, agent: Agent, role: CallRole, timeoutMs: number): Leg {
    const now = this.clock.now();
    const leg: Leg = {
      agentId: agent.id,
      role,
      status: 'ringing',
      muted: false,
      ringingSince: now,
      ringDeadline: now + timeoutMs,
      ringTimer: null,
      endedAt: null,
      endReason: null,
      wrapUpDeadline: null,
      fromAgentId: null,
      grant: null,
      granted: false,
      grantEndSent: null,
      endedWall: null,
      dtmfSent: '',
      connectionLost: false,
    };
    this.armRing(call, leg, agent, timeoutMs);
    call.legs.set(agent.id, leg);
    agent.calls.add(call.id);
    // Reserve now: routing in the same pass must not pick this agent again.
    if (agent.state !== 'ringing') {
      agent.state = 'ringing';
      agent.stateSince = now;
    }
    this.markAgent(agent);
    return leg;
  }

  private armRing(call: Call, leg: Leg, agent: Agent, delayMs: number): void {
    this.clock.clearTimeout(leg.ringTimer);
    leg.ringTimer = this.clock.setTimeout(
      () =>
        this.run(() => {
          leg.ringTimer = null;
          if (leg.status !== 'ringing' || call.legs.get(agent.id) !== leg) return;
          if (call.direction === 'outbound' && leg.role === 'owner') this.endCall(call, 'no-answer');
          // A ring the agent could not hear (its connection died or went silent) is not a missed call.
          else this.legNotAnswered(call, leg, leg.connectionLost || agent.sessions === 0 || agent.stale ? 'agent-lost' : 'missed');
        }),
      Math.max(0, delayMs),
    );
  }

  /** A ring ended unanswered (timeout, reject, or the agent vanished): move the call on. */
  private legNotAnswered(call: Call, leg: Leg, reason: 'missed' | 'rejected' | 'agent-lost'): void {
    const agent = this.agent(leg.agentId);
    this.endLeg(call, leg, reason, false);
    if (reason === 'missed') {
      // An agent who lets a call ring out is probably away: stop offering calls until they come back.
      agent.chosen = this.missedState;
      agent.reason = 'missed';
      this.notify(agent.id, 'missed', 'missed a call', call.id);
    }
    if (leg.role === 'owner') {
      call.declined.set(agent.id, ++this.declineSeq);
      this.enqueue(call, call.skillGroup ?? this.defaultGroup, { front: true, keepWait: true });
    } else if (leg.role === 'transfer-target') {
      call.transfer = null;
      this.notify(call.ownerId, 'transfer-failed', `agent ${agent.id} did not take the transfer (${reason})`, call.id);
    } else if (leg.role === 'consult-target') {
      call.consult = null;
      this.notify(call.ownerId, 'consult-failed', `agent ${agent.id} did not answer the consultation (${reason})`, call.id);
    }
    this.markCall(call);
  }

  // ---------------------------------------------------------------- ending legs and calls

  private endLeg(call: Call, leg: Leg, reason: string, wrapUp: boolean): void {
    this.clock.clearTimeout(leg.ringTimer);
    leg.ringTimer = null;
    leg.ringDeadline = null;
    const now = this.clock.now();
    leg.endedAt ??= now;
    leg.endedWall ??= Date.now();
    leg.endReason = reason;
    leg.muted = false;
    const agent = this.agent(leg.agentId);
    if (wrapUp && this.wrapUpMs > 0) {
      leg.status = 'wrap-up';
      leg.wrapUpDeadline = now + this.wrapUpMs;
      // Only the record's agent owes a code (a transferring agent's record is the next agent's).
      leg.dispositionRequired = call.lastAgentId === leg.agentId && call.skillGroup !== null && this.wrapUpPolicy.get(call.skillGroup)?.required === true;
      this.clock.clearTimeout(agent.wrapUpTimer);
      agent.wrapUpTimer = this.clock.setTimeout(() => this.run(() => this.wrapUpExpired(agent)), this.wrapUpMs);
    } else {
      leg.status = 'ended';
      leg.wrapUpDeadline = null;
    }
    this.reportGrantEnd(call, leg, now);
    this.markAgent(agent);
    this.markCall(call);
  }

  /**
   * Tells the api that this leg's grant ends: at the end of its wrap-up (at most
   * `GRANT_AFTER_LEG_MAX_MS` after the leg), or now for a leg without wrap-up (missed, rejected,
   * transfer target, consultation) and when wrap-up ends early. Wall-clock times: the api checks
   * grants against its own clock.
   */
  private reportGrantEnd(call: Call, leg: Leg, now: number): void {
    if (!leg.granted || leg.endedWall === null || leg.endedAt === null) return;
    const legEndedAt = leg.endedWall;
    // Durations on the engine clock, anchored at the wall-clock end of the leg.
    const after = leg.status === 'wrap-up' && leg.wrapUpDeadline !== null ? leg.wrapUpDeadline - leg.endedAt : now - leg.endedAt;
    const notAfter = legEndedAt + Math.min(Math.max(0, after), GRANT_AFTER_LEG_MAX_MS);
    if (leg.grantEndSent !== null && leg.grantEndSent <= notAfter) return;
    leg.grantEndSent = notAfter;
    this.grantsEnded.grantEnded({ callId: call.id, agentId: leg.agentId, legEndedAt, notAfter });
  }

  private wrapUpExpired(agent: Agent): void {
    agent.wrapUpTimer = null;
    const now = this.clock.now();
    for (const id of [...agent.calls]) {
      const call = this.calls.get(id);
      const leg = call?.legs.get(agent.id);
      // A leg still waiting for a required wrap-up code stays in after-call work past its deadline.
      if (call && leg?.status === 'wrap-up' && (leg.wrapUpDeadline ?? 0) <= now && !this.awaitsDisposition(leg)) this.endLeg(call, leg, leg.endReason ?? 'wrap-up-done', false);
    }
  }

  private awaitsDisposition(leg: Leg): boolean {
    return leg.dispositionRequired === true && !leg.disposition;
  }

  private assertMayEndWrapUp(leg: Leg): void {
    if (this.awaitsDisposition(leg)) reject('disposition-required', 'choose a wrap-up code first: this skill group requires one');
  }

  /**
   * `setDisposition`: the wrap-up code of the agent's part of the call, one of its group's active codes,
   * while the agent handles the call (owner, active) or is in its after-call work as the record's agent.
   * Stored on the call record. After-call work held past its deadline for want of a code ends now.
   */
  private setDisposition(agent: Agent, callId: string, code: string): void {
    const { call, leg } = this.legOf(agent, callId);
    const handling = leg.role === 'owner' && leg.status === 'active';
    const wrapping = leg.status === 'wrap-up' && call.lastAgentId === agent.id;
    if (!handling && !wrapping) reject('invalid-state', 'not a call whose record is yours');
    const policy = call.skillGroup ? this.wrapUpPolicy.get(call.skillGroup) : undefined;
    if (!policy?.codes.has(code)) reject('invalid-command', `not a wrap-up code of the group ${call.skillGroup ?? '(none)'}`);
    leg.disposition = code;
    leg.dispositionAt = Date.now();
    // The record exists once the call connected (an unconnected one gets it at its end).
    if (call.connectedAt !== null) this.records.put(this.recordOf(call));
    if (leg.status === 'wrap-up' && (leg.wrapUpDeadline ?? 0) <= this.clock.now()) this.endLeg(call, leg, leg.endReason ?? 'wrap-up-done', false);
    this.markCall(call);
  }

  private endConsult(call: Call, reason: string): void {
    const consult = call.consult;
    if (!consult) return;
    call.consult = null;
    const leg = call.legs.get(consult.agentId);
    if (leg && leg.status !== 'ended') this.endLeg(call, leg, reason, false);
    this.markCall(call);
  }

  private cancelPending(call: Call): void {
    if (call.transfer) {
      const t = call.legs.get(call.transfer.agentId);
      call.transfer = null;
      if (t && t.status !== 'ended') this.endLeg(call, t, 'transfer-cancelled', false);
    }
    this.endConsult(call, 'consult-ended');
  }

  private leaveConference(call: Call, leg: Leg, reason: string, wrapUp: boolean): void {
    const wasOwner = leg.role === 'owner';
    this.endLeg(call, leg, reason, wrapUp);
    if (wasOwner) {
      const next = this.activeAgentLegs(call)[0];
      if (next) {
        next.role = 'owner';
        call.ownerId = next.agentId;
        call.lastAgentId = next.agentId;
        this.issueGrant(call, next);
      }
    }
    this.markCall(call);
  }

  private endCall(call: Call, reason: string): void {
    if (call.phase === 'ended') return;
    this.removeFromQueue(call);
    this.clock.clearTimeout(call.queueTimer);
    call.queueTimer = null;
    call.transfer = null;
    call.consult = null;
    this.setHeld(call, false);
    for (const leg of call.legs.values()) {
      if (leg.status === 'ringing') this.endLeg(call, leg, reason, false);
      else if (leg.status === 'active') this.endLeg(call, leg, reason, leg.role !== 'consult-target');
    }
    call.phase = 'ended';
    call.endedAt = this.clock.now();
    call.endReason = reason;
    this.markCall(call);
    this.records.put(this.recordOf(call));
    this.network.callEnded(call.id);
  }

  // ---------------------------------------------------------------- grants, views, records

  private issueGrant(call: Call, leg: Leg): void {
    // After the leg ended (wrap-up included) no new grant: it would outlive the grant end sent to the api.
    if (leg.status === 'wrap-up' || leg.status === 'ended') return;
    if (!call.userId) {
      leg.grant = null;
      return;
    }
    leg.granted = true;
    leg.grant = signToken<GrantClaims>(
      {
        kind: 'grant',
        callId: call.id,
        agentId: leg.agentId,
        userId: call.userId,
        level: call.verificationStatus === 'verified' ? 'verified' : 'unverified',
        // On an outbound call the agent chose the number: nobody proved possession of it.
        callerNumber: call.direction === 'inbound' ? call.number : null,
      },
      // Wall-clock time, not the engine clock: the api verifies grants against its own clock.
      { secret: this.tokenSecret, ttlSeconds: this.grantTtlSeconds },
    );
  }

  /**
   * The consulted agent's grant: the call's customer at the call's level (what the consulting agent has),
   * issued when the consultation is answered and ended with the consultation leg (`reportGrantEnd`:
   * refused by the api from then on). The issue is audited here; every use of it, by the api.
   */
  private issueConsultGrant(call: Call, leg: Leg): void {
    this.issueGrant(call, leg);
    if (!leg.grant || !call.userId) return;
    this.auditSink.audit({
      at: new Date().toISOString(),
      agentId: leg.agentId,
      sessionId: null,
      userId: call.userId,
      callId: call.id,
      action: 'grant-consult',
      outcome: call.verificationStatus === 'verified' ? 'allowed' : 'masked',
      reason: `consulted by agent ${call.ownerId ?? '(none)'}: ${call.verificationStatus === 'verified' ? 'verified' : 'unverified'} level, ends with the consultation`,
    });
  }

  /** Holds or resumes the caller, keeping when the hold began (the phone bar's hold timer). */
  private setHeld(call: Call, held: boolean): void {
    if (held && !call.held) call.heldSince = this.clock.now();
    if (!held) call.heldSince = null;
    call.held = held;
  }

  private legState(call: Call, leg: Leg): CallState {
    switch (leg.status) {
      case 'ringing':
        return 'ringing';
      case 'wrap-up':
        return 'wrap-up';
      case 'ended':
        return 'ended';
      case 'active':
        if (leg.role === 'owner') {
          if (call.transfer) return 'transferring';
          if (call.consult) return 'consulting';
        }
        if (leg.role === 'consult-target') return 'talking';
        return call.held ? 'held' : 'talking';
    }
  }

  private viewOf(call: Call, leg: Leg): CallView {
    const isOwner = leg.role === 'owner';
    return {
      id: call.id,
      rev: call.rev,
      direction: call.direction,
      number: call.number,
      callerId: call.callerId,
      province: call.province,
      city: call.city,
      skillGroup: call.skillGroup,
      state: this.legState(call, leg),
      role: leg.role,
      customer: {
        userId: call.userId,
        // The api's rule: an unverified caller's name is masked, here as on every api answer.
        name: call.customerName === null || call.verificationStatus === 'verified' ? call.customerName : maskName(call.customerName),
        phone: call.number,
        verification: { status: call.verificationStatus, method: call.verificationMethod },
        numberMatchesAccount: call.direction === 'inbound' && call.userId !== null && call.numberUserId === call.userId,
      },
      keyTrack: call.keyTrack,
      muted: leg.muted,
      held: call.held,
      heldSince: call.held ? (call.heldSince ?? null) : null,
      ringingSince: leg.ringingSince,
      ringDeadline: leg.ringDeadline,
      connectedAt: call.connectedAt,
      endedAt: leg.endedAt,
      endReason: leg.endReason,
      wrapUpDeadline: leg.wrapUpDeadline,
      dispositionRequired: leg.status === 'wrap-up' && this.awaitsDisposition(leg),
      disposition: leg.disposition ?? null,
      fromAgentId: leg.fromAgentId,
      transfer: isOwner && call.transfer ? { target: call.transfer.target, agentId: call.transfer.agentId, since: call.transfer.since } : null,
      consult:
        isOwner && call.consult
          ? { target: call.consult.target, agentId: call.consult.agentId, state: call.consult.state, since: call.consult.since }
          : null,
      participants: this.activeAgentLegs(call).map((l) => l.agentId),
      transfers: call.transfers.slice(),
      ratingInvited: call.ratingInvited,
      rating: call.rating,
      dtmfSent: leg.dtmfSent,
      grant: leg.status === 'ended' ? null : leg.grant,
    };
  }

  private recordOf(call: Call): CallRecordUpsert {
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    return {
      callId: call.id,
      agentId: call.lastAgentId,
      direction: call.direction,
      number: call.number,
      province: call.province,
      city: call.city,
      skillGroup: call.skillGroup,
      keyTrack: call.keyTrack,
      verificationStatus: call.verificationStatus,
      verificationMethod: call.verificationMethod,
      userId: call.userId,
      connectedAt: iso(call.connectedAt),
      endedAt: iso(call.endedAt),
      transfers: call.transfers.map((t) => ({ from: t.from, to: t.to, kind: t.kind as TransferKind, at: new Date(t.at).toISOString() })),
      rating: call.rating,
      endReason: call.endReason,
      ...this.dispositionOf(call),
    };
  }

  /** The record's agent's wrap-up code, when chosen. */
  private dispositionOf(call: Call): Pick<CallRecordUpsert, 'disposition' | 'dispositionAt'> {
    const leg = call.lastAgentId ? call.legs.get(call.lastAgentId) : undefined;
    if (!leg?.disposition || !leg.dispositionAt) return {};
    return { disposition: leg.disposition, dispositionAt: new Date(leg.dispositionAt).toISOString() };
  }

  agentSelf(agent: Agent): AgentSelf {
    return {
      id: agent.id,
      name: agent.name,
      skillGroups: agent.skillGroups.slice(),
      state: agent.state,
      chosenState: agent.chosen,
      nextState: agent.nextState,
      stateSince: agent.stateSince,
      wrapUpDeadline: agent.state === 'wrap-up' ? agent.wrapUpDeadline : null,
      reason: agent.reason,
      rev: agent.rev,
    };
  }

  private agentSummary(agent: Agent): AgentSummary {
    return {
      id: agent.id,
      name: agent.name,
      skillGroups: agent.skillGroups.slice(),
      state: agent.state,
      stateSince: agent.stateSince,
      connected: agent.sessions > 0,
      rev: agent.rev,
    };
  }

  private groupSummary(group: Group): GroupSummary {
    let idle = 0;
    let online = 0;
    for (const a of group.members) {
      if (a.sessions === 0 || !a.loggedIn) continue;
      if (a.state !== 'offline') online++;
      if (a.state === 'idle') idle++;
    }
    return {
      name: group.config.name,
      label: group.config.label,
      ...(group.config.labels ? { labels: group.config.labels } : {}),
      routing: group.config.routing,
      queued: group.queue.length,
      oldestQueuedAt: group.queue.reduce<number | null>((m, c) => (c.queuedAt !== null && (m === null || c.queuedAt < m) ? c.queuedAt : m), null),
      idleAgents: idle,
      onlineAgents: online,
      rev: group.rev,
    };
  }

  /** What a (re)connecting session of this agent gets: its state and every call it has a part in. */
  snapshotFor(agentId: string): { agent: AgentSelf; calls: CallView[] } {
    const agent = this.agent(agentId);
    const calls: CallView[] = [];
    for (const id of agent.calls) {
      const call = this.calls.get(id);
      const leg = call?.legs.get(agentId);
      if (call && leg && leg.status !== 'ended') calls.push(this.viewOf(call, leg));
    }
    return { agent: this.agentSelf(agent), calls };
  }

  agentList(): AgentSummary[] {
    const out: AgentSummary[] = [];
    for (const a of this.agents.values()) if (!a.disabled) out.push(this.agentSummary(a));
    return out;
  }

  groupList(): GroupSummary[] {
    return [...this.groups.values()].map((g) => this.groupSummary(g));
  }

  /** Changes to the agent and group lists since the last call (the hub batches them to subscribers). */
  takeListChanges(): { agents: AgentSummary[]; groups: GroupSummary[] } {
    const agents = [...this.listAgents].map((a) => this.agentSummary(a));
    this.listAgents.clear();
    const groups: GroupSummary[] = [];
    for (const name of this.listGroups) {
      const g = this.groups.get(name);
      if (!g) continue;
      g.rev = ++this.rev;
      groups.push(this.groupSummary(g));
    }
    this.listGroups.clear();
    // Group revs come from the same counter: saved before they are sent.
    if (groups.length > 0 && this.store) {
      try {
        this.store.save({ meta: this.meta(), agents: [], calls: [] });
      } catch (error) {
        this.log(`state journal write failed: ${errorSummary(error)}`);
      }
    }
    return { agents, groups };
  }

  /** Caller-side status for the simulator: phase and queue position. */
  callStatus(callId: string): {
    callId: string;
    phase: CallPhase;
    queuePosition: number | null;
    skillGroup: string | null;
    agentId: string | null;
    endReason: string | null;
    rating: number | null;
  } | null {
    const call = this.calls.get(callId) ?? this.ended.get(callId);
    if (!call) return null;
    let position: number | null = null;
    if (call.phase === 'queued' && call.skillGroup) {
      const i = this.groups.get(call.skillGroup)?.queue.indexOf(call) ?? -1;
      position = i >= 0 ? i + 1 : null;
    }
    return {
      callId: call.id,
      phase: call.phase,
      queuePosition: position,
      skillGroup: call.skillGroup,
      agentId: call.ownerId ?? call.lastAgentId,
      endReason: call.endReason,
      rating: call.rating,
    };
  }

  /**
   * A group's queue in serving order: each caller's id, priority (1 = returning caller, 0 = new),
   * arrival order and `queuedAt` (engine clock, ms: when its wait in this group began). Empty for an
   * unknown group.
   */
  queueOf(groupName: string): Array<{ callId: string; priority: number; queueSeq: number; queuedAt: number }> {
    return (this.groups.get(groupName)?.queue ?? []).map((c) => ({ callId: c.id, priority: c.priority, queueSeq: c.queueSeq, queuedAt: c.queuedAt ?? 0 }));
  }

  /** The groups' names and their longest wait (`maxWaitMs`, null = forever), in configuration order. */
  groupLimits(): Array<{ name: string; maxWaitMs: number | null }> {
    return [...this.groups.values()].map((g) => ({ name: g.config.name, maxWaitMs: g.config.maxWaitMs }));
  }

  stats(): { liveCalls: number; queued: number; connectedAgents: number } {
    let queued = 0;
    for (const g of this.groups.values()) queued += g.queue.length;
    let connected = 0;
    for (const a of this.agents.values()) if (a.sessions > 0) connected++;
    return { liveCalls: this.calls.size, queued, connectedAgents: connected };
  }

  /** A digest of the whole state, for tests that prove a bad input changed nothing. */
  digest(): string {
    const agents = [...this.agents.values()].map((a) => [a.id, a.state, a.chosen, a.nextState, a.sessions, [...a.calls]]);
    const calls = [...this.calls.values()].map((c) => [c.id, c.phase, c.rev, c.ownerId, c.held, [...c.legs.values()].map((l) => [l.agentId, l.status, l.role])]);
    return JSON.stringify({ rev: this.rev, agents, calls });
  }

  // ---------------------------------------------------------------- plumbing

  private agent(agentId: string): Agent {
    const agent = this.agents.get(agentId);
    if (!agent) reject('not-found', `no agent ${agentId}`);
    return agent;
  }

  private legOf(agent: Agent, callId: string): { call: Call; leg: Leg } {
    const call = this.calls.get(callId);
    if (!call) reject('not-found', `no call ${callId}`);
    const leg = call.legs.get(agent.id);
    if (!leg || leg.status === 'ended') reject('not-your-call', `call ${callId} is not yours`);
    return { call, leg };
  }

  private activeLeg(agent: Agent, callId: string): { call: Call; leg: Leg } {
    const found = this.legOf(agent, callId);
    if (found.leg.status !== 'active' || found.call.phase !== 'connected') reject('invalid-state', 'the call is not connected');
    return found;
  }

  private ownerLeg(agent: Agent, callId: string): { call: Call; leg: Leg } {
    const found = this.legOf(agent, callId);
    if (found.leg.role !== 'owner') reject('not-your-call', 'only the agent handling the call can do that');
    return found;
  }

  private activeAgentLegs(call: Call): Leg[] {
    const out: Leg[] = [];
    for (const l of call.legs.values()) if (ACTIVE_STATES.has(l.status) && (l.role === 'owner' || l.role === 'conference')) out.push(l);
    return out;
  }

  private newCall(direction: 'inbound' | 'outbound', number: string, now: number): Call {
    this.callSeq++;
    return {
      id: `C${now.toString(36)}${this.callSeq.toString(36)}${randomBytes(2).toString('hex')}`,
      rev: 0,
      direction,
      number,
      callerId: null,
      province: null,
      city: null,
      skillGroup: null,
      phase: 'ivr',
      keyTrack: '',
      userId: null,
      customerName: null,
      numberUserId: null,
      verificationStatus: 'skipped',
      verificationMethod: null,
      held: false,
      legs: new Map(),
      ownerId: null,
      lastAgentId: null,
      declined: new Map(),
      queuedAt: null,
      queueSeq: 0,
      priority: 0,
      queueTimer: null,
      overflowHops: 0,
      transfer: null,
      consult: null,
      connectedAt: null,
      endedAt: null,
      endReason: null,
      transfers: [],
      rating: null,
      ratingInvited: false,
      createdAt: now,
      ivrInput: null,
    };
  }

  private notify(agentId: string | null, code: string, message: string, callId: string | null): void {
    if (!agentId) return;
    this.pendingNotices.push({
      agentId,
      event: { type: 'notice', notice: { id: `${this.epoch}-${++this.noticeSeq}`, code, message, callId, at: this.clock.now() } },
    });
  }

  private markCall(call: Call): void {
    this.dirtyCalls.add(call);
    // Leg changes can change an agent's effective state; recompute decides whether to emit.
    for (const leg of call.legs.values()) {
      const agent = this.agents.get(leg.agentId);
      if (agent) this.recompute.add(agent);
    }
  }

  private markAgent(agent: Agent): void {
    this.dirtyAgents.add(agent);
    this.recompute.add(agent);
  }

  private run<T>(fn: () => T): T {
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
      if (this.depth === 0) this.flush();
    }
  }

  /** Derives each touched agent's effective state, routes, then emits everything that changed. */
  private flush(): void {
    for (let round = 0; round < 1000; round++) {
      const agents = [...this.recompute];
      this.recompute.clear();
      for (const a of agents) this.recomputeAgent(a);
      if (this.routeGroups.size === 0) {
        if (this.recompute.size === 0) break;
        continue;
      }
      // Serve the group whose head caller has waited longest first.
      const groups = [...this.routeGroups]
        .map((n) => this.groups.get(n))
        .filter((g): g is Group => !!g && g.queue.length > 0)
        .sort((a, b) => (a.queue[0]!.queuedAt ?? 0) - (b.queue[0]!.queuedAt ?? 0));
      this.routeGroups.clear();
      for (const g of groups) this.dispatch(g.config.name);
    }
    const out = this.output;
    // Events leave only after the step is saved: a client never holds a rev a restarted server lacks.
    const sends: Array<{ agentId: string; event: CtiEvent }> = [];
    const calls = [...this.dirtyCalls];
    this.dirtyCalls.clear();
    const controls: CallControlView[] = [];
    for (const call of calls) {
      call.rev = ++this.rev;
      if (this.callObserver) controls.push(this.controlView(call));
      for (const leg of [...call.legs.values()]) {
        if (out) sends.push({ agentId: leg.agentId, event: { type: 'call', call: this.viewOf(call, leg) } });
        if (leg.status === 'ended') {
          call.legs.delete(leg.agentId);
          this.agents.get(leg.agentId)?.calls.delete(call.id);
        }
      }
      if (call.phase === 'ended' && call.legs.size === 0 && this.calls.has(call.id)) {
        this.calls.delete(call.id);
        this.ended.set(call.id, call);
        if (this.ended.size > this.endedCallsKept) {
          const oldest = this.ended.keys().next().value!;
          this.ended.delete(oldest);
          this.evicted.push(oldest);
        }
      }
    }
    const agents = [...this.dirtyAgents];
    this.dirtyAgents.clear();
    for (const agent of agents) {
      agent.rev = ++this.rev;
      this.listAgents.add(agent);
      for (const g of agent.skillGroups) this.listGroups.add(g);
      if (out) sends.push({ agentId: agent.id, event: { type: 'agent', agent: this.agentSelf(agent) } });
    }
    for (const n of this.pendingNotices.splice(0)) sends.push(n);
    if (this.store && (calls.length > 0 || agents.length > 0 || this.evicted.length > 0)) this.persist(calls, agents);
    if (out) for (const s of sends) out.toAgent(s.agentId, s.event);
    if (this.callObserver) for (const c of controls) this.callObserver(c);
  }

  private controlView(call: Call): CallControlView {
    return {
      callId: call.id,
      rev: call.rev,
      direction: call.direction,
      number: call.number,
      skillGroup: call.skillGroup,
      phase: call.phase,
      held: call.held,
      ownerId: call.ownerId,
      legs: [...call.legs.values()].filter((l) => l.status !== 'ended').map((l) => ({ agentId: l.agentId, role: l.role, status: l.status })),
      endReason: call.endReason,
    };
  }

  // ---------------------------------------------------------------- durability

  private meta(): Record<string, unknown> {
    return { version: 1, epoch: this.epoch, rev: this.rev, callSeq: this.callSeq, noticeSeq: this.noticeSeq, queueSeq: this.queueSeq, declineSeq: this.declineSeq };
  }

  private persist(calls: Call[], agents: Agent[]): void {
    const changes: StateChanges = {
      meta: this.meta(),
      agents: agents.map((a) => ({ id: a.id, data: this.serializeAgent(a) })),
      calls: calls.filter((c) => this.calls.has(c.id) || this.ended.has(c.id)).map((c) => ({ id: c.id, data: this.serializeCall(c) })),
    };
    for (const id of this.evicted.splice(0)) changes.calls.push({ id, data: null });
    try {
      this.store!.save(changes);
    } catch (error) {
      this.log(`state journal write failed: ${errorSummary(error)}`);
    }
  }

  private serializeAgent(a: Agent): PersistedAgent {
    return {
      id: a.id,
      chosen: a.chosen,
      nextState: a.nextState,
      state: a.state,
      stateSince: a.stateSince,
      reason: a.reason,
      idleSince: a.idleSince,
      loggedIn: a.loggedIn,
      graceDeadline: a.graceDeadline,
    };
  }

  private serializeCall(c: Call): PersistedCall {
    const { legs, declined, queueTimer: _queueTimer, ...rest } = c;
    return {
      ...rest,
      legs: [...legs.values()].map(({ ringTimer: _ringTimer, ...leg }) => leg),
      declined: [...declined],
    };
  }

  /** Rebuilds agents, calls and queues from the store, then re-arms every timer from its deadline. */
  private restore(saved: PersistedState): void {
    const meta = saved.meta as Partial<ReturnType<CtiEngine['meta']>>;
    if (typeof meta.epoch === 'string') this.epoch = meta.epoch;
    this.rev = Number(meta.rev ?? 0);
    this.callSeq = Number(meta.callSeq ?? 0);
    this.noticeSeq = Number(meta.noticeSeq ?? 0);
    this.queueSeq = Number(meta.queueSeq ?? 0);
    this.declineSeq = Number(meta.declineSeq ?? 0);
    const now = this.clock.now();
    for (const raw of saved.agents as PersistedAgent[]) {
      let agent = this.agents.get(raw.id);
      if (!agent) {
        // Not in the roster (yet): kept for its calls, not routed until the roster lists it.
        this.applyRoster([{ id: raw.id, name: raw.id, skillGroups: [], disabled: true }], true);
        agent = this.agents.get(raw.id)!;
        agent.disabled = true;
      }
      agent.chosen = raw.chosen;
      agent.nextState = raw.nextState;
      agent.state = raw.state;
      agent.stateSince = raw.stateSince;
      agent.reason = raw.reason;
      agent.idleSince = raw.idleSince;
      agent.loggedIn = raw.loggedIn;
      agent.graceDeadline = raw.graceDeadline;
      this.restored.agents++;
    }
    const ended: Call[] = [];
    for (const raw of saved.calls as PersistedCall[]) {
      const legs = new Map<string, Leg>(raw.legs.map((l) => [l.agentId, { ...l, ringTimer: null }]));
      const call: Call = { ...raw, legs, declined: new Map(raw.declined), queueTimer: null };
      if (call.phase === 'ended' && legs.size === 0) {
        ended.push(call);
        continue;
      }
      this.calls.set(call.id, call);
      for (const leg of legs.values()) {
        if (!this.agents.has(leg.agentId)) this.applyRoster([{ id: leg.agentId, name: leg.agentId, skillGroups: [], disabled: true }], true);
        this.agents.get(leg.agentId)!.calls.add(call.id);
      }
      this.restored.calls++;
    }
    ended.sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0));
    for (const call of ended) this.ended.set(call.id, call);
    for (const call of this.calls.values()) {
      if (call.phase !== 'queued') continue;
      const group = this.groups.get(call.skillGroup ?? '') ?? this.groups.get(this.defaultGroup);
      if (group) group.queue.push(call);
    }
    for (const group of this.groups.values()) group.queue.sort((a, b) => b.priority - a.priority || a.queueSeq - b.queueSeq);
    this.run(() => {
      for (const agent of this.agents.values()) {
        // Nobody is connected to a process that just started: the agents that were logged in get their grace period.
        if (agent.loggedIn) this.armGrace(agent, Math.min(agent.graceDeadline ?? Infinity, now + this.reconnectGraceMs));
        let wrapDeadline: number | null = null;
        for (const id of agent.calls) {
          const call = this.calls.get(id);
          const leg = call?.legs.get(agent.id);
          if (!call || !leg) continue;
          if (leg.status === 'ringing') this.armRing(call, leg, agent, (leg.ringDeadline ?? now) - now);
          else if (leg.status === 'wrap-up') wrapDeadline = Math.max(wrapDeadline ?? 0, leg.wrapUpDeadline ?? now);
        }
        if (wrapDeadline !== null) agent.wrapUpTimer = this.clock.setTimeout(() => this.run(() => this.wrapUpExpired(agent)), Math.max(0, wrapDeadline - now));
        this.markAgent(agent);
      }
      for (const group of this.groups.values()) {
        for (const call of [...group.queue]) {
          if (group.config.maxWaitMs === null || call.queuedAt === null) continue;
          const remaining = call.queuedAt + group.config.maxWaitMs - now;
          // A deadline that passed while the server was down fires once, now.
          if (remaining <= 0) this.queueTimedOut(call, group);
          else call.queueTimer = this.clock.setTimeout(() => this.run(() => this.queueTimedOut(call, group)), remaining);
        }
        this.routeGroups.add(group.config.name);
        this.listGroups.add(group.config.name);
      }
      for (const call of this.calls.values()) {
        // The IVR was checking the caller's input: it runs again.
        if (call.phase === 'ivr' && call.ivrInput) void this.runIvr(call, call.ivrInput.from, call.ivrInput.verify, call.ivrInput.idSuffix);
      }
    });
    this.log(`restored ${this.restored.agents} agents and ${this.restored.calls} live calls (epoch ${this.epoch}, rev ${this.rev})`);
  }

  private recomputeAgent(agent: Agent): void {
    let active = false;
    let ringing = false;
    let wrapDeadline: number | null = null;
    for (const id of agent.calls) {
      const leg = this.calls.get(id)?.legs.get(agent.id);
      if (!leg) continue;
      if (leg.status === 'active') active = true;
      else if (leg.status === 'ringing') ringing = true;
      else if (leg.status === 'wrap-up') wrapDeadline = Math.max(wrapDeadline ?? 0, leg.wrapUpDeadline ?? 0);
    }
    if (!active && !ringing && wrapDeadline === null && agent.nextState) {
      agent.chosen = agent.nextState;
      agent.nextState = null;
      agent.reason = null;
      this.dirtyAgents.add(agent);
    }
    if (!active && !ringing && wrapDeadline === null) this.clock.clearTimeout(agent.wrapUpTimer);
    const state: AgentState = active ? 'talking' : ringing ? 'ringing' : wrapDeadline !== null ? 'wrap-up' : agent.loggedIn ? agent.chosen : 'offline';
    if (agent.wrapUpDeadline !== wrapDeadline) {
      agent.wrapUpDeadline = wrapDeadline;
      this.dirtyAgents.add(agent);
    }
    if (state !== agent.state) {
      agent.state = state;
      agent.stateSince = this.clock.now();
      if (state === 'idle') agent.idleSince = agent.stateSince;
      this.dirtyAgents.add(agent);
    }
    // Anything may have made this agent available (state, reconnect): let its queues try it.
    if (this.isRoutable(agent)) for (const g of agent.skillGroups) this.routeGroups.add(g);
  }
}
