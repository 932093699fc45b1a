import type { SessionInfo } from '@octopus/contracts';
import { useTelephony } from './useTelephony';

/** This tab's session; `phone: false` means another tab holds the phone (offer `actions.takePhone()`). */
export function useSession(): SessionInfo | null {
  return useTelephony((state) => state.session);
}
