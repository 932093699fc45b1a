import { useTelephony } from './useTelephony';

/** Ids of the calls in the list (arrival order); a new array only when calls come or go. */
export function useCallIds(): string[] {
  return useTelephony((state) => state.callIds);
}
