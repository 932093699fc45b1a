// Call control: the command table (one handler per command) and the handlers for the agent's own leg —
// answer, reject, hang up, hold, mute, DTMF, state, wrap-up code, grant refresh, rating invitation.
import type { CommandResult, CtiCommand, CtiCommandName } from '@octopus/contracts';
import { callOutCommands } from './call-out';
import { chooseState } from './agent-state';
import type { CommandHandler, CommandHandlers } from './command-table';
import { issueConsultGrant, issueGrant } from './grants';
import { assertMayEndWrapUp, endCall, endConsult, endLeg, endWrapUp, leaveConference } from './lifecycle';
import { activeAgentLegs, reject, type Agent } from './model';
import { offerUnanswered } from './routing';
import type { EngineState } from './state';
import { transferCommands } from './transfer';
import { callRecord } from './views';

type LegCommand = 'answer' | 'reject' | 'hangup' | 'hold' | 'resume' | 'mute' | 'unmute' | 'dtmf' | 'setDisposition' | 'refreshGrant' | 'inviteRating';

function holdOrResume(s: EngineState, agent: Agent, command: { name: 'hold' | 'resume'; callId: string }) {
  const { call, leg } = s.activeLeg(agent, command.callId);
  if (leg.role === 'consult-target') reject('invalid-state', 'the consulting agent holds the caller');
  if (call.transfer || call.consult) reject('invalid-state', 'finish the transfer or consultation first');
  // One conversation at a time: the agent holds or ends the other call before taking this one back.
  for (const otherId of agent.calls) {
    const other = otherId === call.id ? undefined : s.calls.get(otherId);
    const otherLeg = other?.legs.get(agent.id);
    if (other && otherLeg?.status === 'active' && !other.held) reject('busy', 'hold or end the other call first');
  }
  const hold = command.name === 'hold';
  if (call.held === hold) reject('invalid-state', hold ? 'already on hold' : 'not on hold');
  s.setHeld(call, hold);
  s.markCall(call);
  return null;
}

function muteOrUnmute(s: EngineState, agent: Agent, command: { name: 'mute' | 'unmute'; callId: string }) {
  const { call, leg } = s.activeLeg(agent, command.callId);
  leg.muted = command.name === 'mute';
  s.markCall(call);
  return null;
}

const legCommands: CommandHandlers<LegCommand> = {
  /** Takes a ringing offer: as owner the call connects; as transfer target it takes the call over; as consulted colleague it talks. */
  answer(s, agent, { callId }) {
    const { call, leg } = s.legOf(agent, callId);
    if (leg.status !== 'ringing') reject('invalid-state', 'the call is not ringing');
    if (call.direction === 'outbound' && leg.role === 'owner') reject('invalid-state', 'an outbound call is answered by the callee');
    s.clock.clearTimeout(leg.ringTimer);
    leg.ringTimer = null;
    leg.ringDeadline = null;
    leg.status = 'active';
    const now = s.clock.now();
    if (leg.role === 'owner') {
      call.phase = 'connected';
      call.ownerId = agent.id;
      call.lastAgentId = agent.id;
      // First answer of an inbound caller: counted for its group's service level (wait from joining the queue).
      if (call.connectedAt === null && call.direction === 'inbound' && call.skillGroup && call.queuedAt !== null) s.tally.answered(call.skillGroup, now - call.queuedAt, now);
      call.connectedAt ??= now;
    } else if (leg.role === 'transfer-target') {
      const previous = call.ownerId ? call.legs.get(call.ownerId) : undefined;
      call.transfer = null;
      s.setHeld(call, false);
      leg.role = 'owner';
      call.ownerId = agent.id;
      call.lastAgentId = agent.id;
      call.transfers.push({ from: previous?.agentId ?? null, to: agent.id, kind: 'agent', at: now });
      issueGrant(s, call, leg);
      if (previous && previous.status === 'active') endLeg(s, call, previous, 'transferred', true);
    } else if (leg.role === 'consult-target' && call.consult) {
      call.consult.state = 'talking';
      // The consulted colleague sees the customer the consulting agent sees, for as long as the consultation lasts.
      issueConsultGrant(s, call, leg);
    }
    s.markCall(call);
    // Written on connect (and on each change of hands), not only at the end: notes can be saved during the call.
    if (leg.role === 'owner') s.records.put(callRecord(call));
    return null;
  },

  reject(s, agent, { callId }) {
    const { call, leg } = s.legOf(agent, callId);
    if (leg.status !== 'ringing') reject('invalid-state', 'only a ringing call can be rejected');
    if (call.direction === 'outbound') endCall(s, call, 'agent-cancelled');
    else offerUnanswered(s, call, leg, 'rejected');
    return null;
  },

  /** Ends what the agent's leg is doing: its wrap-up, its ring, its consultation, its conference part, or the call. */
  hangup(s, agent, { callId }) {
    const { call, leg } = s.legOf(agent, callId);
    if (leg.status === 'wrap-up') {
      assertMayEndWrapUp(leg);
      endWrapUp(s, call, leg);
    } else if (leg.status === 'ringing') {
      if (call.direction === 'outbound' && leg.role === 'owner') endCall(s, call, 'agent-cancelled');
      else offerUnanswered(s, call, leg, 'rejected');
    } else if (leg.role === 'consult-target') {
      endConsult(s, call, 'consult-ended');
      s.notify(call.ownerId, 'consult-ended', `agent ${agent.id} left the consultation`, call.id);
    } else if (activeAgentLegs(call).length > 1) leaveConference(s, call, leg, 'agent-hangup', true);
    else endCall(s, call, 'agent-hangup');
    return null;
  },

  hold: holdOrResume,
  resume: holdOrResume,
  mute: muteOrUnmute,
  unmute: muteOrUnmute,

  dtmf(s, agent, { callId, digits }) {
    const { call, leg } = s.activeLeg(agent, callId);
    leg.dtmfSent = (leg.dtmfSent + digits).slice(-64);
    s.markCall(call);
    return null;
  },

  /**
   * The wrap-up code (disposition) of the agent's part of the call, one of its group's active codes,
   * while the agent handles the call (owner, active) or is in its after-call work as the record's agent.
   * Stored on the call record. After-call work held past its deadline for want of a code ends now.
   */
  setDisposition(s, agent, { callId, code }) {
    const { call, leg } = s.legOf(agent, callId);
    const handling = leg.role === 'owner' && leg.status === 'active';
    const wrapping = leg.status === 'wrap-up' && call.lastAgentId === agent.id;
    if (!handling && !wrapping) reject('invalid-state', 'not a call whose record is yours');
    const rules = call.skillGroup ? s.wrapUpRules.get(call.skillGroup) : undefined;
    if (!rules?.codes.has(code)) reject('invalid-command', `not a wrap-up code of the group ${call.skillGroup ?? '(none)'}`);
    leg.disposition = code;
    leg.dispositionAt = Date.now();
    // The record exists once the call connected (an unconnected one gets it at its end).
    if (call.connectedAt !== null) s.records.put(callRecord(call));
    if (leg.status === 'wrap-up' && (leg.wrapUpDeadline ?? 0) <= s.clock.now()) endWrapUp(s, call, leg);
    s.markCall(call);
    return null;
  },

  /** A fresh grant for an agent handling (or consulted on) the call: answers `{ grant }`. */
  refreshGrant(s, agent, { callId }) {
    const { call, leg } = s.legOf(agent, callId);
    const consulted = leg.role === 'consult-target' && leg.status === 'active';
    if (leg.role !== 'owner' && leg.role !== 'conference' && leg.role !== 'transfer-target' && !consulted) reject('invalid-state', 'no grant on this call');
    if (!call.userId) reject('invalid-state', 'the call has no customer');
    issueGrant(s, call, leg);
    s.markCall(call);
    return { grant: leg.grant ?? undefined };
  },

  inviteRating(s, agent, { callId }) {
    const { call, leg } = s.legOf(agent, callId);
    if (leg.role !== 'owner' || (leg.status !== 'active' && leg.status !== 'wrap-up')) reject('invalid-state', 'not your connected call');
    if (call.ratingInvited || call.rating !== null) reject('invalid-state', 'rating already invited');
    call.ratingInvited = true;
    s.markCall(call);
    s.network.ratingInvited(call.id);
    return null;
  },
};

/** Session-level commands: the hub handles them; the engine acks. */
const ack = (): null => null;

/** Every command the engine executes, by name. */
export const COMMANDS: CommandHandlers<CtiCommandName> = {
  ...legCommands,
  ...transferCommands,
  ...callOutCommands,
  setState(s, agent, { state }) {
    chooseState(s, agent, state);
    return null;
  },
  // Needs the directory (does the account exist?): see `bindCustomer`, which the hub calls.
  bindCustomer: () => reject('invalid-command', 'bindCustomer is handled asynchronously'),
  takePhone: ack,
  subscribe: ack,
  renewSession: ack,
};

/** Runs the command's handler for `agent` (inside a step). @throws Rejection as the handler does. */
export function executeCommand(s: EngineState, agent: Agent, command: CtiCommand): CommandResult | null {
  return (COMMANDS[command.name] as CommandHandler<CtiCommandName>)(s, agent, command);
}
