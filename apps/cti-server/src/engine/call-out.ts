// Calling out: the agent dials a number for one of its groups (that group's caller id), the network
// rings the callee; a number the api knows names the customer.
import type { CommandHandlers } from './command-table';
import { issueGrant } from './grants';
import { assertMayEndWrapUp, endWrapUp } from './lifecycle';
import { reject } from './model';
import { offer } from './routing';

/** `callOut`: answers `{ callId }`. */
export const callOutCommands: CommandHandlers<'callOut'> = {
  callOut(s, agent, { number, skillGroup }) {
    for (const id of agent.calls) {
      const other = s.calls.get(id);
      const leg = other?.legs.get(agent.id);
      // A caller the agent put on hold may wait while the agent dials out (a second call); anything else is busy.
      const heldByAgent = !!other && other.held && !other.consult && leg?.role === 'owner';
      if (leg && (leg.status === 'ringing' || (leg.status === 'active' && !heldByAgent))) reject('busy', 'finish or hold the current call first');
    }
    if (agent.sessions === 0) reject('agent-unavailable', 'not connected');
    const groupName = skillGroup ?? agent.skillGroups[0] ?? s.defaultGroup;
    const group = s.groups.get(groupName);
    if (!group) reject('unknown-group', `no group ${groupName}`);
    // Dialling ends the agent's after-call work (not one still waiting for a required wrap-up code).
    for (const id of agent.calls) {
      const leg = s.calls.get(id)?.legs.get(agent.id);
      if (leg?.status === 'wrap-up') assertMayEndWrapUp(leg);
    }
    for (const id of [...agent.calls]) {
      const call = s.calls.get(id);
      const leg = call?.legs.get(agent.id);
      if (call && leg?.status === 'wrap-up') endWrapUp(s, call, leg);
    }
    const now = s.clock.now();
    const call = s.newCall('outbound', number, now);
    const location = s.segments.lookup(number);
    call.province = location?.province ?? null;
    call.city = location?.city ?? null;
    call.skillGroup = group.config.name;
    call.callerId = group.config.callerId;
    call.verificationStatus = 'unverified';
    call.phase = 'ringing';
    call.ownerId = agent.id;
    call.lastAgentId = agent.id;
    s.calls.set(call.id, call);
    offer(s, call, agent, 'owner', s.outboundTimeoutMs);
    s.markCall(call);
    s.network.dialOut(call.id, number);
    // Who we are calling, if the api knows the number: the agent gets an unverified grant.
    void s.directory
      .userByPhone(number)
      .then((user) => {
        if (!user) return;
        s.run(() => {
          if (call.phase === 'ended' || call.userId) return;
          call.userId = user.userId;
          call.customerName = user.name;
          const leg = call.legs.get(agent.id);
          if (leg && leg.status !== 'ended') issueGrant(s, call, leg);
          s.markCall(call);
        });
      })
      .catch(() => undefined);
    return { callId: call.id };
  },
};
