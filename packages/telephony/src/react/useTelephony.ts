import { useStore } from 'zustand';
import type { TelephonyState } from '../store';
import { useTelephonyStoreApi } from './TelephonyProvider';

export function useTelephony<T>(selector: (state: TelephonyState) => T): T {
  return useStore(useTelephonyStoreApi(), selector);
}
