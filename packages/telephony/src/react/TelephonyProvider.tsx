import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { TelephonyClient } from '../client';
import type { TelephonyStore } from '../store';

// The client comes from context, never a module singleton: under Module Federation the shell owns the one instance.
const TelephonyContext = createContext<{ client: TelephonyClient; store: TelephonyStore } | null>(null);

/**
 * Provides the page's {@link TelephonyClient} to every hook below it (the shell renders one; remotes never do).
 * `store` (default: `client.store`) lets a subtree read a view of the same state that notifies later — the
 * shell's after-paint store, so what is not in a ring's first frame does not render before it; actions and the
 * driver stay the client's.
 */
export function TelephonyProvider({ client, store, children }: { client: TelephonyClient; store?: TelephonyStore; children: ReactNode }) {
  const value = useMemo(() => ({ client, store: store ?? client.store }), [client, store]);
  return <TelephonyContext.Provider value={value}>{children}</TelephonyContext.Provider>;
}

function useTelephonyContext() {
  const value = useContext(TelephonyContext);
  if (!value) throw new Error('useTelephony* hooks need a <TelephonyProvider> above them (the shell provides one).');
  return value;
}

/**
 * The provided client (store, actions, driver).
 * @throws Error when no `<TelephonyProvider>` is above the caller.
 */
export function useTelephonyClient(): TelephonyClient {
  return useTelephonyContext().client;
}

/**
 * The store the hooks below read: the provider's `store` where one was given, else the client's. For
 * subscriptions outside render (`subscribe`, `getState`).
 * @throws Error when no `<TelephonyProvider>` is above the caller.
 */
export function useTelephonyStoreApi(): TelephonyStore {
  return useTelephonyContext().store;
}
