import { useTelephony } from './useTelephony';

export function useActiveCallId(): string | null {
  return useTelephony((state) => state.activeCallId);
}
