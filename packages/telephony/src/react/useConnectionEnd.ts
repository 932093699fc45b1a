import type { ConnectionEnd } from '../driver';
import { useTelephony } from './useTelephony';

/**
 * Why the server last ended the connection, or null. `reason: 'session-ended'` (logout, revoke, expiry):
 * return to the login page with `message`; `too-many-sessions`: ask the agent to close another tab.
 */
export function useConnectionEnd(): ConnectionEnd | null {
  return useTelephony((state) => state.connectionEnd);
}
