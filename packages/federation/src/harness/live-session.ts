import { useEffect, useState } from 'react';
import { loginResponseSchema, type SessionAgent } from '@octopus/contracts';
import { createCtiDriver, type TelephonyClient } from '@octopus/telephony';

/**
 * The harness's cti-server session: connecting, offline (with the reason, for the page) or online with the agent token.
 */
export type LiveSession =
  | { status: 'connecting' }
  | { status: 'offline'; reason: string }
  | { status: 'online'; token: string; agentId: string; agent: SessionAgent };

/** Renew this long before the token runs out (ms): as the shell does. */
const RENEW_BEFORE_MS = 2 * 60_000;

async function postJson(url: string, init: { token?: string; body?: unknown }): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      // Always JSON, even with nothing to say: the cti-server refuses other POSTs (no cross-site form posts).
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: JSON.stringify(init.body ?? {}),
  });
}

/**
 * Plays the shell's login for the standalone page: asks the cti-server for a session (`LoginResponse`)
 * and feeds the harness's telephony store from it, so calls (and their per-call grants) arrive as in
 * the shell. The harness is a developer's page in use: it renews the token before it expires
 * (`POST /auth/refresh`, then the `renewSession` command) without asking whether anyone is active.
 * Without a running cti-server the harness stays offline and remotes get `token: null`.
 */
export function useLiveSession(telephony: TelephonyClient, ctiUrl: string, agentId: string, password: string): LiveSession {
  const [session, setSession] = useState<LiveSession>({ status: 'connecting' });
  useEffect(() => {
    let stop: (() => void) | null = null;
    let renewTimer: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    let token = '';
    const scheduleRenewal = (expiresAt: number, sessionId: string) => {
      renewTimer = setTimeout(
        () => {
          void (async () => {
            try {
              const response = await postJson(`${ctiUrl}/auth/refresh`, { token });
              if (!response.ok) throw new Error(`refresh answered ${response.status}`);
              const renewed = loginResponseSchema.parse(await response.json());
              if (cancelled || renewed.sessionId !== sessionId) return;
              token = renewed.token;
              await telephony.actions.send({ name: 'renewSession', token }).catch(() => undefined);
              setSession({ status: 'online', token, agentId: renewed.agent.id, agent: renewed.agent });
              scheduleRenewal(renewed.expiresAt, sessionId);
            } catch (error) {
              if (!cancelled) setSession({ status: 'offline', reason: error instanceof Error ? error.message : String(error) });
            }
          })();
        },
        Math.max(5_000, expiresAt - Date.now() - RENEW_BEFORE_MS),
      );
    };
    void (async () => {
      try {
        const response = await postJson(`${ctiUrl}/auth/login`, { body: { agentId, password } });
        if (!response.ok) throw new Error(`login answered ${response.status}`);
        const login = loginResponseSchema.parse(await response.json());
        if (cancelled) return;
        token = login.token;
        // Each (re)connect uses the current, renewed token.
        stop = telephony.connect(createCtiDriver({ url: ctiUrl, token: () => token }));
        setSession({ status: 'online', token, agentId: login.agent.id, agent: login.agent });
        scheduleRenewal(login.expiresAt, login.sessionId);
      } catch (error) {
        if (!cancelled) setSession({ status: 'offline', reason: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      cancelled = true;
      clearTimeout(renewTimer);
      stop?.();
      // Leave no session open at the server when the page goes.
      if (token) void postJson(`${ctiUrl}/auth/logout`, { token }).catch(() => undefined);
    };
  }, [telephony, ctiUrl, agentId, password]);
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
