import type { PhoneActions } from '../actions';
import { useTelephonyClient } from './TelephonyProvider';

/** Phone commands of the provided client (a stable object; never causes a re-render). See {@link PhoneActions} for what each rejects with. */
export function usePhoneActions(): PhoneActions {
  return useTelephonyClient().actions;
}
