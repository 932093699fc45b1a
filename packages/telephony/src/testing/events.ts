// Builders of server views and events for tests, benches and the simulated driver: one builder per
// object, with every field at a plain default and `patch` for what a test cares about.
import type { AgentSelf, CallView, CtiEvent, SnapshotEvent } from '@octopus/contracts';

/** The signed-in agent (`1001`, idle) at `rev`, with `patch` applied. */
export function agentView(rev: number, patch: Partial<AgentSelf> = {}): AgentSelf {
  return {
    id: '1001',
    name: 'Agent',
    skillGroups: ['presale'],
    state: 'idle',
    chosenState: 'idle',
    nextState: null,
    stateSince: 1,
    wrapUpDeadline: null,
    reason: null,
    rev,
    ...patch,
  };
}

/** A ringing inbound call `id` at `rev` for a verified customer `u1` (all 30 fields of {@link CallView}), with `patch` applied. */
export function callView(id: string, rev: number, patch: Partial<CallView> = {}): CallView {
  return {
    id,
    rev,
    direction: 'inbound',
    number: '13800138000',
    callerId: null,
    province: '北京',
    city: '北京',
    skillGroup: 'presale',
    state: 'ringing',
    role: 'owner',
    customer: { userId: 'u1', name: 'Z', phone: '13800138000', verification: { status: 'verified', method: 'ivr-phone' }, numberMatchesAccount: true },
    keyTrack: '1',
    muted: false,
    held: false,
    heldSince: null,
    dispositionRequired: false,
    disposition: null,
    ringingSince: 1,
    ringDeadline: 2,
    connectedAt: null,
    endedAt: null,
    endReason: null,
    wrapUpDeadline: null,
    fromAgentId: null,
    transfer: null,
    consult: null,
    participants: [],
    transfers: [],
    ratingInvited: false,
    rating: null,
    dtmfSent: '',
    grant: 'g',
    ...patch,
  };
}

/** A snapshot of epoch `e1` at `rev` holding `calls` (server time now; config as the server's defaults), with `patch` applied. */
export function snapshot(rev: number, calls: CallView[] = [], patch: Partial<SnapshotEvent> = {}): SnapshotEvent {
  return {
    type: 'snapshot',
    protocol: 1,
    epoch: 'e1',
    rev,
    serverTime: Date.now(),
    session: { id: 's1', phone: true, sessions: 1 },
    agent: agentView(rev),
    calls,
    agents: [],
    groups: [],
    config: { ringTimeoutMs: 20000, wrapUpMs: 10000, heartbeatMs: 15000, reconnectGraceMs: 30000 },
    ...patch,
  };
}

/** A `call` event carrying {@link callView}`(id, rev, patch)`. */
export const callEvent = (id: string, rev: number, patch: Partial<CallView> = {}): CtiEvent => ({ type: 'call', call: callView(id, rev, patch) });
