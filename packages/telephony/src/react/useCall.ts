import type { TelephonyCall } from '../reducer';
import { useTelephony } from './useTelephony';

/** One call by id; events for other calls do not re-render the caller. */
export function useCall(callId: string | null | undefined): TelephonyCall | null {
  return useTelephony((state) => (callId ? (state.calls.get(callId) ?? null) : null));
}
