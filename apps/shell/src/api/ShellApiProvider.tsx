import { createContext, useContext, type ReactNode } from 'react';
import type { ShellApi } from './shell-api';

const ShellApiContext = createContext<ShellApi | null>(null);

export function ShellApiProvider({ api, children }: { api: ShellApi; children: ReactNode }) {
  return <ShellApiContext.Provider value={api}>{children}</ShellApiContext.Provider>;
}

export function useShellApi(): ShellApi {
  const api = useContext(ShellApiContext);
  if (!api) throw new Error('useShellApi needs a <ShellApiProvider>');
  return api;
}
