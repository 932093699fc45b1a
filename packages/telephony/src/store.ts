import { createStore, type StoreApi } from 'zustand/vanilla';

// Placeholder store: the telephony issue replaces this with the full call state machine and CTI client.
export type ConnectionStatus = 'offline' | 'connecting' | 'connected' | 'reconnecting';

export interface CallSummary {
  id: string;
  from: string;
  state: 'ringing' | 'talking' | 'held' | 'ended';
}

export interface TelephonyState {
  connection: ConnectionStatus;
  calls: Record<string, CallSummary>;
  activeCallId: string | null;
}

export type TelephonyStore = StoreApi<TelephonyState>;

export function createTelephonyStore(): TelephonyStore {
  return createStore<TelephonyState>()(() => ({ connection: 'offline', calls: {}, activeCallId: null }));
}
