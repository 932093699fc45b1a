import { createContext, useContext, type ReactNode } from 'react';
import type { TelephonyStore } from '../store';

// The store comes from context, never a module singleton: under Module Federation the shell owns the one instance.
const TelephonyContext = createContext<TelephonyStore | null>(null);

export function TelephonyProvider({ store, children }: { store: TelephonyStore; children: ReactNode }) {
  return <TelephonyContext.Provider value={store}>{children}</TelephonyContext.Provider>;
}

export function useTelephonyStoreApi(): TelephonyStore {
  const store = useContext(TelephonyContext);
  if (!store) throw new Error('useTelephony* hooks need a <TelephonyProvider> above them (the shell provides one).');
  return store;
}
