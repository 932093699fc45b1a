import type { Notice } from '@octopus/contracts';
import { useTelephony } from './useTelephony';

/** Recent server notices (missed call, transfer failed …), newest last. */
export function useNotices(): Notice[] {
  return useTelephony((state) => state.notices);
}
