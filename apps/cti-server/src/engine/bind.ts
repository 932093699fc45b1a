// Binding a customer account to a call (`bindCustomer`): asynchronous (the directory is asked whether
// the account exists), every decision audited.
import type { AuditOutcome, CtiCommand, VerificationStatus } from '@octopus/contracts';
import { errorSummary } from '../log';
import { runCommand } from './command-table';
import { issueConsultGrant, issueGrant } from './grants';
import { Rejection, reject, type CommandOutcome } from './model';
import type { EngineState } from './state';

/**
 * Binds an account to a call the agent handles. Without a valid proof the call is only *identified*
 * for that account (status `unverified`, grant level `unverified`: masked, no finance); with a
 * `verification` token the api issued for this call, agent and user it becomes `verified`. The same
 * account bound again keeps a level it already has. An account the directory does not know is
 * rejected `not-found`; an unreachable directory `internal`. Never rejects the promise.
 */
export async function bindCustomer(
  s: EngineState,
  agentId: string,
  cmd: Extract<CtiCommand, { name: 'bindCustomer' }>,
  sessionId: string | null,
): Promise<CommandOutcome> {
  // Every decision goes to the api's audit chain (wall-clock time: the chain's, not the engine clock's).
  const audit = (action: string, outcome: AuditOutcome, reason: string) =>
    s.audit.audit({ at: new Date().toISOString(), agentId, sessionId, userId: cmd.userId.slice(0, 64), callId: cmd.callId.slice(0, 128), action, outcome, reason });
  const check = () => {
    const { call, leg } = s.legOf(s.agent(agentId), cmd.callId);
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
    user = await s.directory.userById(cmd.userId);
  } catch (error) {
    s.log(`bindCustomer on ${cmd.callId}: directory failed: ${errorSummary(error)}`);
    return { ok: false, reason: 'internal', message: 'the customer directory does not answer: try again' };
  }
  if (!user) {
    audit('bind-customer', 'refused', 'not-found: no such customer account');
    return { ok: false, reason: 'not-found', message: 'no such customer account' };
  }
  const proven = cmd.proof !== undefined && s.grants.verificationProven(cmd.proof, { callId: cmd.callId, agentId, userId: cmd.userId });
  if (cmd.proof !== undefined && !proven) audit('verification-proof', 'refused', 'proof-rejected: not a valid proof for this call, agent and user');
  let level: VerificationStatus | null = null;
  const outcome = runCommand(s, agentId, cmd.name, () => {
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
      if (l.role === 'owner' || l.role === 'conference') issueGrant(s, call, l);
      else if (l.role === 'consult-target' && l.status === 'active') issueConsultGrant(s, call, l);
    }
    s.markCall(call);
    return { grant: leg.grant ?? undefined };
  });
  if (!outcome.ok) audit('bind-customer', 'refused', outcome.reason);
  else if (proven) audit('bind-customer', 'allowed', 'verified: the api’s proof for this call, agent and user');
  else if (level === 'verified') audit('bind-customer', 'allowed', 'verified already: the same account bound again');
  else audit('bind-customer', 'masked', `identified only (${cmd.method}, no proof)`);
  return outcome;
}
