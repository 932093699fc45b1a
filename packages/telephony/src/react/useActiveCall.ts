import type { CallSummary } from '../store';
import { useTelephony } from './useTelephony';

export function useActiveCall(): CallSummary | null {
  return useTelephony((state) => (state.activeCallId ? (state.calls[state.activeCallId] ?? null) : null));
}
