// Event builders shared by the store tests, the render test and the benchmark.
import type { AgentSelf, CallView, CtiEvent, SnapshotEvent } from '@octopus/contracts';

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

export const callEvent = (id: string, rev: number, patch: Partial<CallView> = {}): CtiEvent => ({ type: 'call', call: callView(id, rev, patch) });
