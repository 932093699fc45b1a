import { useEffect, useState } from 'react';
import { connectTelephony, createCtiDriver, type TelephonyStore } from '@octopus/telephony';

export type LiveSession = { status: 'connecting' } | { status: 'offline'; reason: string } | { status: 'online'; token: string; agentId: string };

/**
 * Plays the shell's login for the standalone page: asks the cti-server for an agent token and feeds the
 * harness's telephony store from it, so calls (and their per-call grants) arrive as in the shell.
 * Without a running cti-server the harness stays offline and remotes get `token: null`.
 */
export function useLiveSession(store: TelephonyStore, ctiUrl: string, agentId: string, password: string): LiveSession {
  const [session, setSession] = useState<LiveSession>({ status: 'connecting' });
  useEffect(() => {
    let stop: (() => void) | null = null;
    let cancelled = false;
    void (async () => {
      try {
        const response = await fetch(`${ctiUrl}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ agentId, password }),
        });
        if (!response.ok) throw new Error(`login answered ${response.status}`);
        const { token } = (await response.json()) as { token: string };
        if (cancelled) return;
        stop = connectTelephony(store, createCtiDriver({ url: ctiUrl, token }));
        setSession({ status: 'online', token, agentId });
      } catch (error) {
        if (!cancelled) setSession({ status: 'offline', reason: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [store, ctiUrl, agentId, password]);
  return session;
}

/** Rings this agent with a simulated caller (demo/test mode of the cti-server only). */
export async function placeDemoCall(ctiUrl: string, from: string, verified: boolean): Promise<string> {
  const response = await fetch(`${ctiUrl}/sim/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(verified ? { from, verify: from } : { from }),
  });
  if (!response.ok) throw new Error(`the simulator answered ${response.status}`);
  return ((await response.json()) as { callId: string }).callId;
}
