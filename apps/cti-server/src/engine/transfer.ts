// Handing a caller on: blind transfer (to an agent or a group), consultation (then transfer,
// conference or return), and the satisfaction survey.
import { issueGrant } from './grants';
import type { CommandHandlers } from './command-table';
import { endConsult, endLeg } from './lifecycle';
import { activeAgentLegs, reject, type Agent } from './model';
import { enqueue, offer, pickAgent, routableTarget } from './routing';
import type { EngineState } from './state';

type TransferCommand = 'transfer' | 'cancelTransfer' | 'consult' | 'consultTransfer' | 'consultConference' | 'consultReturn' | 'transferToSurvey';

/** The owner's connected call, with no transfer or consultation running. @throws Rejection otherwise. */
function handOffFrom(s: EngineState, agent: Agent, callId: string) {
  const found = s.ownerLeg(agent, callId);
  if (found.call.phase !== 'connected' || found.leg.status !== 'active') reject('invalid-state', 'the caller is not connected');
  if (found.call.transfer || found.call.consult) reject('invalid-state', 'a transfer or consultation is already in progress');
  return found;
}

/** The transfer, consultation and survey handlers of the command table. */
export const transferCommands: CommandHandlers<TransferCommand> = {
  /** Blind transfer: to a group, the agent leaves at once and the caller queues first; to an agent, the target's leg rings. */
  transfer(s, agent, { callId, target }) {
    const { call, leg } = handOffFrom(s, agent, callId);
    if (activeAgentLegs(call).length > 1) reject('invalid-state', 'leave the conference first');
    const now = s.clock.now();
    if (target.kind === 'group') {
      if (!s.groups.has(target.group)) reject('unknown-group', `no group ${target.group}`);
      s.setHeld(call, false);
      call.ownerId = null;
      call.declined.clear();
      call.transfers.push({ from: agent.id, to: target.group, kind: 'group', at: now });
      endLeg(s, call, leg, 'transferred', true);
      enqueue(s, call, target.group, { front: true, keepWait: false });
      return null;
    }
    const other = routableTarget(s, agent, target.agentId);
    call.transfer = { target, agentId: other.id, since: now };
    const targetLeg = offer(s, call, other, 'transfer-target', s.ringTimeoutMs);
    targetLeg.fromAgentId = agent.id;
    issueGrant(s, call, targetLeg);
    s.markCall(call);
    return null;
  },

  cancelTransfer(s, agent, { callId }) {
    const { call } = s.ownerLeg(agent, callId);
    if (!call.transfer) reject('invalid-state', 'no transfer in progress');
    const target = call.legs.get(call.transfer.agentId);
    call.transfer = null;
    if (target) endLeg(s, call, target, 'transfer-cancelled', false);
    s.markCall(call);
    return null;
  },

  /** The caller is held while a colleague (an agent, or an idle member of a group) is rung. */
  consult(s, agent, { callId, target }) {
    const { call } = handOffFrom(s, agent, callId);
    let other: Agent;
    if (target.kind === 'group') {
      const group = s.groups.get(target.group);
      if (!group) reject('unknown-group', `no group ${target.group}`);
      const picked = pickAgent(s, group, (a) => a !== agent && !call.legs.has(a.id));
      if (!picked) reject('no-idle-agent', `no idle agent in ${target.group}`);
      other = picked;
    } else {
      other = routableTarget(s, agent, target.agentId);
      if (call.legs.has(other.id)) reject('agent-unavailable', 'that agent is already on this call');
    }
    s.setHeld(call, true);
    call.consult = { target, agentId: other.id, state: 'ringing', since: s.clock.now() };
    const targetLeg = offer(s, call, other, 'consult-target', s.ringTimeoutMs);
    targetLeg.fromAgentId = agent.id;
    s.markCall(call);
    return null;
  },

  consultTransfer: completeConsult,
  consultConference: completeConsult,

  consultReturn(s, agent, { callId }) {
    const { call } = s.ownerLeg(agent, callId);
    if (!call.consult) reject('invalid-state', 'no consultation in progress');
    endConsult(s, call, 'consult-ended');
    s.setHeld(call, false);
    return null;
  },

  /** The caller goes to the satisfaction survey; the agent's leg ends into wrap-up. */
  transferToSurvey(s, agent, { callId }) {
    const { call, leg } = s.ownerLeg(agent, callId);
    if (call.phase !== 'connected' || leg.status !== 'active') reject('invalid-state', 'the caller is not connected');
    if (call.transfer || call.consult) reject('invalid-state', 'finish the transfer or consultation first');
    if (activeAgentLegs(call).length > 1) reject('invalid-state', 'leave the conference first');
    call.phase = 'survey';
    s.setHeld(call, false);
    call.transfers.push({ from: agent.id, to: 'survey', kind: 'survey', at: s.clock.now() });
    endLeg(s, call, leg, 'survey', true);
    s.network.surveyStarted(call.id);
    return null;
  },
};

/** The consulted colleague answered: it takes the call over (`consultTransfer`) or joins a conference (`consultConference`). */
function completeConsult(s: EngineState, agent: Agent, command: { name: 'consultTransfer' | 'consultConference'; callId: string }) {
  const { call, leg } = s.ownerLeg(agent, command.callId);
  const consult = call.consult;
  if (!consult || consult.state !== 'talking') reject('invalid-state', 'the consulted agent has not answered');
  const other = call.legs.get(consult.agentId)!;
  const now = s.clock.now();
  call.consult = null;
  s.setHeld(call, false);
  if (command.name === 'consultTransfer') {
    other.role = 'owner';
    call.ownerId = other.agentId;
    call.lastAgentId = other.agentId;
    call.transfers.push({ from: agent.id, to: other.agentId, kind: 'consult', at: now });
    endLeg(s, call, leg, 'transferred', true);
  } else {
    other.role = 'conference';
    call.transfers.push({ from: agent.id, to: other.agentId, kind: 'conference', at: now });
  }
  issueGrant(s, call, other);
  s.markCall(call);
  return null;
}
