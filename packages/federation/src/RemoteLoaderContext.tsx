import { createContext, useContext, type ReactNode } from 'react';
import type { RemoteLoader } from './remote-loader';

const RemoteLoaderContext = createContext<RemoteLoader | null>(null);

/** Hands `loader` to every `RemoteSlot` below (one loader per shell, so caches and telemetry are shared). */
export function RemoteLoaderProvider({ loader, children }: { loader: RemoteLoader; children: ReactNode }) {
  return <RemoteLoaderContext.Provider value={loader}>{children}</RemoteLoaderContext.Provider>;
}

/**
 * The nearest `RemoteLoaderProvider`'s loader.
 * @throws Error when there is none (a `RemoteSlot` rendered outside a provider).
 */
export function useRemoteLoader(): RemoteLoader {
  const loader = useContext(RemoteLoaderContext);
  if (!loader) throw new Error('<RemoteSlot> needs a <RemoteLoaderProvider> above it.');
  return loader;
}

/** The nearest loader, or null outside a provider (the iframe slot's fallback may render without one). */
export function useOptionalRemoteLoader(): RemoteLoader | null {
  return useContext(RemoteLoaderContext);
}
