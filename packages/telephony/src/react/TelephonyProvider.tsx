import { createContext, useContext, type ReactNode } from 'react';
import type { TelephonyClient } from '../client';
import type { TelephonyStore } from '../store';

// The client comes from context, never a module singleton: under Module Federation the shell owns the one instance.
const TelephonyContext = createContext<TelephonyClient | null>(null);

/** Provides the page's {@link TelephonyClient} to every hook below it (the shell renders one; remotes never do). */
export function TelephonyProvider({ client, children }: { client: TelephonyClient; children: ReactNode }) {
  return <TelephonyContext.Provider value={client}>{children}</TelephonyContext.Provider>;
}

/**
 * The provided client (store, actions, driver).
 * @throws Error when no `<TelephonyProvider>` is above the caller.
 */
export function useTelephonyClient(): TelephonyClient {
  const client = useContext(TelephonyContext);
  if (!client) throw new Error('useTelephony* hooks need a <TelephonyProvider> above them (the shell provides one).');
  return client;
}

/**
 * The provided client's store, for subscriptions outside render (`subscribe`, `getState`).
 * @throws Error when no `<TelephonyProvider>` is above the caller.
 */
export function useTelephonyStoreApi(): TelephonyStore {
  return useTelephonyClient().store;
}
