import type { PhoneActions } from '../actions';
import { useTelephonyStoreApi } from './TelephonyProvider';

/** Phone commands (stable object; never causes a re-render). */
export function usePhoneActions(): PhoneActions {
  return useTelephonyStoreApi().actions;
}
