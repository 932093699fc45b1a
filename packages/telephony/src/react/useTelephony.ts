import { useStore } from 'zustand';
import type { TelephonyState } from '../reducer';
import { useTelephonyStoreApi } from './TelephonyProvider';

/** Selects from the telephony store; re-renders only when the selected value changes (Object.is). */
export function useTelephony<T>(selector: (state: TelephonyState) => T): T {
  return useStore(useTelephonyStoreApi(), selector);
}
