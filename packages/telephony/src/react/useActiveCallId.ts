import { useTelephony } from './useTelephony';

/** The id of the call the workbench shows, or null; re-renders only when the choice changes. */
export function useActiveCallId(): string | null {
  return useTelephony((state) => state.activeCallId);
}
