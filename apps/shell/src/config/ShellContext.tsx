import { createContext, useContext, type ReactNode } from 'react';

/** What every part of the shell and the remotes it hosts need to reach the services: URLs and the agent token (null before login). */
export interface ShellContextValue {
  apiUrl: string;
  ctiUrl: string;
  token: string | null;
}

const ShellContext = createContext<ShellContextValue | null>(null);

export function ShellContextProvider({ value, children }: { value: ShellContextValue; children: ReactNode }) {
  return <ShellContext.Provider value={value}>{children}</ShellContext.Provider>;
}

export function useShellContext(): ShellContextValue {
  const value = useContext(ShellContext);
  if (!value) throw new Error('useShellContext needs a <ShellContextProvider>');
  return value;
}
