import type { TelephonyCall } from '../reducer';
import { useTelephony } from './useTelephony';

/** The call the workbench shows, or null. Re-renders only when that call (or the choice) changes. */
export function useActiveCall(): TelephonyCall | null {
  return useTelephony((state) => (state.activeCallId ? (state.calls.get(state.activeCallId) ?? null) : null));
}
