// The engine's entities (agents, queues, calls and their legs) and the rejection every mechanism throws.
import type {
  AgentState,
  CallerMessage,
  CallIvrOutcome,
  IvrAwait,
  IvrPrompt,
  CallRole,
  CallTransferEntry,
  CommandResult,
  EndReason,
  MemberLevel,
  RejectReason,
  SelectableAgentState,
  TransferTarget,
  VerificationMethod,
  VerificationStatus,
} from '@octopus/contracts';
import type { TimerHandle } from './clock';
import type { GroupConfig } from './config';

/** Where a call stands as a whole: in the IVR, waiting in a queue, offered, connected, in the survey, over. */
export type CallPhase = 'ivr' | 'queued' | 'ringing' | 'connected' | 'survey' | 'ended';

/** One agent's part in a call: offered (`ringing`), talking (`active`), after-call work (`wrap-up`), over. */
export type LegStatus = 'ringing' | 'active' | 'wrap-up' | 'ended';

/**
 * One call as the telephone network must carry it (the call-ingress event stream): which agents' phones
 * ring, which are bridged to the caller, whether the caller is held. Sent whole after every change.
 */
export interface CallControlView {
  callId: string;
  /** The engine's revision counter when this view was taken (grows with every change). */
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
  endReason: EndReason | null;
  /** What the network plays the caller before hanging up, per locale: the group's closed message (`endReason` `closed`); else null. */
  announcement: CallerMessage | null;
}

/** What a command answered: its result (a `callId`, a `grant`) or why it was refused (nothing changed then). */
export type CommandOutcome = { ok: true; result: CommandResult | null } | { ok: false; reason: RejectReason; message: string };

/** A call entering from the network: the calling number and what the caller keyed in the IVR. */
export interface InboundCallRequest {
  from: string;
  /** IVR menu keys; the first one picks the skill group (`ivrMenu`). */
  keys?: string;
  /** A skill group chosen by the network (wins over `keys`). */
  skillGroup?: string;
  /** The identity the caller keyed: a registered phone (11 digits) or an ID-number suffix. */
  verify?: string;
  /** The IVR's second prompt: the ID-number suffix, asked when `verify` only identified an account. */
  idSuffix?: string;
  /** The hotline number dialled (its IVR tree); absent or unknown: the first configured hotline. */
  to?: string;
  /** The caller answers the IVR's prompts one at a time (`engine.ivrKeys`); `keys`, `verify`, `idSuffix` are ignored. */
  interactive?: boolean;
}

/**
 * An interactive IVR session (ivr-session.ts): where the caller is in its hotline's tree and what it was
 * played. Plain data, journalled with the call. `proof` holds the identity the caller keyed (personal data)
 * only while in the IVR: the api checks it again for every self-service answer.
 */
export interface IvrSession {
  hotline: string;
  /** The IVR version the call entered with (its tree is used to the end of the IVR). */
  version: number;
  node: string | null;
  /** What the current node's step collects: a menu key, verification digits, the ID suffix, an order number, the key after an answer. */
  step: 'menu' | 'verify' | 'verify-suffix' | 'order-number' | 'after-answer' | 'none';
  awaiting: IvrAwait;
  /** Invalid keys (or failed verifications) at the current step so far. */
  repeats: number;
  /** Digits keyed so far at a `digits` step. */
  buffer: string;
  /** The self-service node waiting for the verification it required; null otherwise. */
  pendingNode: string | null;
  /** The account a keyed phone identified (the ID suffix is asked for it). */
  identifiedUserId: string | null;
  proof: { input: string; idSuffix?: string } | null;
  /** A self-service answer was played: hanging up now counts as resolved in self-service. */
  answered: boolean;
  /** Bumped at every step so an api answer for an earlier one is dropped. */
  seq: number;
  promptSeq: number;
  /** The last 50 prompts played. */
  prompts: IvrPrompt[];
}

/** One agent's part in a call; times are the engine clock's (ms) unless said wall clock. */
export interface Leg {
  agentId: string;
  role: CallRole;
  status: LegStatus;
  muted: boolean;
  ringingSince: number | null;
  ringDeadline: number | null;
  ringTimer: TimerHandle | null;
  endedAt: number | null;
  endReason: EndReason | null;
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

/** A call and everything the engine knows of it; times are the engine clock's (ms). */
export interface Call {
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
  endReason: EndReason | null;
  transfers: CallTransferEntry[];
  rating: number | null;
  ratingInvited: boolean;
  createdAt: number;
  /** The customer's membership level (the api's, after the IVR): its queue priority under the group's rules. Absent in older journals. */
  customerLevel?: MemberLevel | null;
  /** The closed message the caller is played (the group's rules), once it ends `closed`. Absent in older journals. */
  announcement?: CallerMessage | null;
  /** A callback task (an outbound call queued for the group's next free agent): the inbound call it calls back. Absent in older journals. */
  callbackOf?: string | null;
  /** When the caller first joined a queue (engine clock); kept across overflows and requeues. Absent in older journals. */
  firstQueuedAt?: number | null;
  /** When an agent's phone first rang for the caller (engine clock). Absent in older journals. */
  firstOfferedAt?: number | null;
  /** How the inbound call left the IVR; null while in it and for outbound calls. Absent in older journals. */
  ivrOutcome?: CallIvrOutcome | null;
  /** Offers an agent let ring out or refused (engine clock), for the report's missed rings per agent. */
  missedRings?: Array<{ agentId: string; at: number; reason: 'missed' | 'rejected' }>;
  /** What the caller keyed, while the IVR checks it (so a restart can run the IVR again); null after. */
  ivrInput: { from: string; verify?: string; idSuffix?: string } | null;
  /** The interactive IVR session while the caller answers prompts one at a time; absent otherwise. */
  ivrSession?: IvrSession | null;
}

/** An agent as the engine routes it: roster entry, chosen and effective state, connections, calls. */
export interface Agent {
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

/** A skill group: its members and its queue, in serving order (priority, then arrival). */
export interface Group {
  config: GroupConfig;
  members: Agent[];
  queue: Call[];
  rrCursor: number;
  rev: number;
}

/** A command refused for a reason the client is told; thrown inside a step, which then changes nothing it has not. */
export class Rejection extends Error {
  constructor(
    readonly reason: RejectReason,
    message: string,
  ) {
    super(message);
  }
}

/** @throws Rejection always. */
export function reject(reason: RejectReason, message: string): never {
  throw new Rejection(reason, message);
}

/** The owner and conference legs talking to the caller (not a consulted colleague). */
export function activeAgentLegs(call: Call): Leg[] {
  const out: Leg[] = [];
  for (const l of call.legs.values()) if (l.status === 'active' && (l.role === 'owner' || l.role === 'conference')) out.push(l);
  return out;
}

/** The leg's after-call work waits for a required wrap-up code. */
export function awaitsDisposition(leg: Leg): boolean {
  return leg.dispositionRequired === true && !leg.disposition;
}

/** A fresh call in the IVR phase; `now` is the engine clock (ms), `seq` makes ids of one millisecond distinct. */
export function newCall(direction: 'inbound' | 'outbound', number: string, now: number, seq: number, random: string): Call {
  return {
    id: `C${now.toString(36)}${seq.toString(36)}${random}`,
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
    firstQueuedAt: null,
    firstOfferedAt: null,
    ivrOutcome: null,
    missedRings: [],
    ivrInput: null,
  };
}

/** A ringing leg offered to `agentId` at `now` (engine clock), ringing until `ringDeadline`. */
export function newLeg(agentId: string, role: CallRole, now: number, ringDeadline: number): Leg {
  return {
    agentId,
    role,
    status: 'ringing',
    muted: false,
    ringingSince: now,
    ringDeadline,
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
}

/** A roster entry new to the engine: logged out, in no group yet. */
export function newAgent(id: string, name: string, disabled: boolean, now: number): Agent {
  return {
    id,
    name,
    skillGroups: [],
    disabled,
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
}
