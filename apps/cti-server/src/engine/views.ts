// What the engine's entities look like from outside: pure functions of the state, no side effects.
import type { AgentSelf, AgentSummary, CallRecordUpsert, CallState, CallView, GroupSummary, RoutingPolicy, TransferKind } from '@octopus/contracts';
import { maskName } from '@octopus/contracts';
import { activeAgentLegs, awaitsDisposition, type Agent, type Call, type CallControlView, type Group, type Leg } from './model';

/** The call's state as one agent sees it through its leg (an owner sees its transfer or consultation). */
export function legState(call: Call, leg: Leg): CallState {
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

/** The call as the agent of `leg` is shown it (its own leg's ring, wrap-up, grant; the customer masked unless verified). */
export function callView(call: Call, leg: Leg): CallView {
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
    state: legState(call, leg),
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
    dispositionRequired: leg.status === 'wrap-up' && awaitsDisposition(leg),
    disposition: leg.disposition ?? null,
    fromAgentId: leg.fromAgentId,
    transfer: isOwner && call.transfer ? { target: call.transfer.target, agentId: call.transfer.agentId, since: call.transfer.since } : null,
    consult:
      isOwner && call.consult ? { target: call.consult.target, agentId: call.consult.agentId, state: call.consult.state, since: call.consult.since } : null,
    participants: activeAgentLegs(call).map((l) => l.agentId),
    transfers: call.transfers.slice(),
    ratingInvited: call.ratingInvited,
    rating: call.rating,
    dtmfSent: leg.dtmfSent,
    grant: leg.status === 'ended' ? null : leg.grant,
  };
}

/** The call as the telephone network must carry it (open legs only). */
export function controlView(call: Call): CallControlView {
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
    announcement: call.announcement ?? null,
  };
}

/** The api's call record (ISO times), with the record's agent's wrap-up code when chosen. */
export function callRecord(call: Call): CallRecordUpsert {
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
    ...dispositionOf(call),
    arrivedAt: iso(call.createdAt),
    queuedAt: iso(call.firstQueuedAt ?? null),
    offeredAt: iso(call.firstOfferedAt ?? null),
    ivrOutcome: call.ivrOutcome ?? null,
    missedRings: (call.missedRings ?? []).slice(-200).map((m) => ({ agentId: m.agentId, at: new Date(m.at).toISOString(), reason: m.reason })),
  };
}

/** The record's agent's wrap-up code, when chosen. */
function dispositionOf(call: Call): Pick<CallRecordUpsert, 'disposition' | 'dispositionAt'> {
  const leg = call.lastAgentId ? call.legs.get(call.lastAgentId) : undefined;
  if (!leg?.disposition || !leg.dispositionAt) return {};
  return { disposition: leg.disposition, dispositionAt: new Date(leg.dispositionAt).toISOString() };
}

/** The agent as its own sessions see it. */
export function agentSelf(agent: Agent): AgentSelf {
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

/** The agent as the agent list (supervisors, transfer targets) shows it. */
export function agentSummary(agent: Agent): AgentSummary {
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

/** A group with its queue length, oldest wait and idle/online members. */
export function groupSummary(group: Group, routing: RoutingPolicy): GroupSummary {
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
    routing,
    queued: group.queue.length,
    oldestQueuedAt: group.queue.reduce<number | null>((m, c) => (c.queuedAt !== null && (m === null || c.queuedAt < m) ? c.queuedAt : m), null),
    idleAgents: idle,
    onlineAgents: online,
    rev: group.rev,
  };
}
