// The narrow seam between the shell and the trust additions of @octopus/telephony (H-CTI's work on
// the same issue): bindCustomer with a verification proof, renewSession, and "the server ended the
// session". Each uses the telephony package's own API when it has it and the wire protocol of
// @octopus/contracts otherwise, so the shell works before and after both land. At merge, once
// @octopus/telephony has them, these bodies shrink to the direct calls.
import { CTI_CLOSE_CODES } from '@octopus/contracts';
import type { PhoneActions, WebSocketConstructor, WebSocketLike } from '@octopus/telephony';
import type { SessionEndReason } from '../session/session-store';

type TrustActions = PhoneActions & {
  renewSession?: (token: string) => Promise<unknown>;
};

/**
 * Binds the caller to `userId`. With the api's `proof` (from a passed identity check) the cti-server
 * raises the call to verified; without it the caller is only *identified* (masked data, no finance).
 * Resolves with the call's new grant (or null).
 */
export async function bindCustomer(
  actions: PhoneActions,
  callId: string,
  userId: string,
  method: 'agent-confirm' | 'agent-search',
  proof?: string | null,
): Promise<string | null> {
  if (!proof) return actions.bindCustomer(callId, userId, method);
  // The command with `proof` (contracts cti/frames.ts); `actions.bindCustomer(…, proof)` sends the same.
  const result = await actions.send({ name: 'bindCustomer', callId, userId, method, proof });
  return result?.grant ?? null;
}

/** Hands a renewed agent token to the open CTI connection, so it stays open past the old token's expiry. */
export function renewTelephonySession(actions: PhoneActions, token: string): Promise<unknown> {
  const trust = actions as TrustActions;
  if (typeof trust.renewSession === 'function') return trust.renewSession(token);
  return actions.send({ name: 'renewSession', token });
}

/** What a server close code means for the session, or null when it is a reason to reconnect. */
export function sessionEndForClose(code: number): SessionEndReason | null {
  if (code === CTI_CLOSE_CODES.sessionEnded || code === CTI_CLOSE_CODES.unauthorized) return 'ended';
  if (code === CTI_CLOSE_CODES.tooManySessions) return 'too-many-sessions';
  return null;
}

/**
 * A WebSocket class for the CTI driver that also reports every server close code to `onClose`
 * (the driver itself only reconnects). The shell uses it to notice close 4403 (session ended).
 */
export function closeWatchingWebSocket(onClose: (code: number, reason: string) => void, Base?: WebSocketConstructor): WebSocketConstructor {
  const Inner = Base ?? (globalThis as unknown as { WebSocket: WebSocketConstructor }).WebSocket;
  return class implements WebSocketLike {
    private readonly socket: WebSocketLike;
    onopen: WebSocketLike['onopen'] = null;
    onmessage: WebSocketLike['onmessage'] = null;
    onclose: WebSocketLike['onclose'] = null;
    onerror: WebSocketLike['onerror'] = null;

    constructor(url: string) {
      this.socket = new Inner(url);
      this.socket.onopen = (event) => this.onopen?.(event);
      this.socket.onmessage = (event) => this.onmessage?.(event);
      this.socket.onerror = (event) => this.onerror?.(event);
      this.socket.onclose = (event) => {
        this.onclose?.(event);
        onClose(event.code, event.reason);
      };
    }

    get readyState(): number {
      return this.socket.readyState;
    }

    send(data: string): void {
      this.socket.send(data);
    }

    close(code?: number, reason?: string): void {
      this.socket.close(code, reason);
    }
  };
}
