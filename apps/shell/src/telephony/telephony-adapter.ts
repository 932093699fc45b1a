// The shell's use of the trust parts of @octopus/telephony: binding with a verification proof,
// renewing the session on the open connection, and what a server-ended connection means for the session.
import type { ConnectionEnd, PhoneActions } from '@octopus/telephony';
import type { SessionEndReason } from '../session/session-store';

/**
 * Binds the caller to `userId`. With the api's `proof` (from a passed identity check) the cti-server
 * raises the call to verified; without it the caller is only *identified* (masked data, no finance).
 * Resolves with the call's new grant (or null); rejects as `actions.bindCustomer` does.
 */
export function bindCustomer(
  actions: PhoneActions,
  callId: string,
  userId: string,
  method: 'agent-confirm' | 'agent-search',
  proof?: string | null,
): Promise<string | null> {
  return actions.bindCustomer(callId, userId, method, proof ?? undefined);
}

/** Hands a renewed agent token to the open CTI connection, so it stays open past the old token's expiry. */
export function renewTelephonySession(actions: PhoneActions, token: string): Promise<void> {
  return actions.renewSession(token);
}

/**
 * What the server's end of the connection means for the session, or null when the driver just
 * reconnects (e.g. `flooding`). `unauthorized` (4401) means the token is no longer any good.
 */
export function sessionEndFor(end: ConnectionEnd | null): SessionEndReason | null {
  if (!end) return null;
  if (end.reason === 'session-ended' || end.reason === 'unauthorized') return 'ended';
  if (end.reason === 'too-many-sessions') return 'too-many-sessions';
  return null;
}
