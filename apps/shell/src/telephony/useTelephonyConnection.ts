import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createCtiDriver, startVoicePhone, type TelephonyClient, type VoiceConfigAnswer, type WebSocketConstructor } from '@octopus/telephony';
import type { SessionEndReason, SessionStore } from '../session/session-store';
import { sessionEndFor } from './telephony-adapter';

/** Per tab (sessionStorage survives a reload, not a new tab): whether this tab held the phone. */
const PHONE_HELD_KEY = 'octopus.phone-held';
function phoneHeldStorage(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.sessionStorage : null;
  } catch {
    return null;
  }
}

/**
 * While the agent is logged in, THE store is fed by one CTI connection (reconnecting by itself). The
 * connection lives as long as the session, not the token: each (re)connect reads the current, renewed
 * token. When the server ends the session (close 4403, 4401, 4410, recorded by the store as
 * `connectionEnd`), `onSessionEnd` is told.
 */
export function useTelephonyConnection(
  telephony: TelephonyClient,
  ctiUrl: string,
  session: SessionStore,
  onSessionEnd: (reason: SessionEndReason) => void,
  WebSocketImpl?: WebSocketConstructor,
  fetchImpl?: typeof fetch,
): void {
  const sessionId = useStore(session, (state) => state.sessionId);
  useEffect(() => {
    if (!sessionId) return;
    // A tab that held the phone before a reload takes it back; any other tab follows until the agent confirms.
    const held = phoneHeldStorage();
    const driver = createCtiDriver({
      url: ctiUrl,
      takeover: held?.getItem(PHONE_HELD_KEY) === '1',
      token: () => {
        const token = session.getState().token;
        // The driver retries later; by then the session has ended or been renewed.
        if (!token) throw new Error('no session');
        return token;
      },
      ...(WebSocketImpl && { WebSocket: WebSocketImpl }),
    });
    const store = telephony.store;
    const stop = telephony.connect(driver);
    // The media part (docs/adr/0011): registers a SIP user agent while this tab holds the phone, when
    // the deployment has voice (`GET /voice/config`); otherwise the phone works without audio, as before.
    const stopVoice = startVoicePhone(store, {
      fetchConfig: async () => {
        const token = session.getState().token;
        const doFetch = fetchImpl ?? (typeof fetch === 'function' ? fetch : null);
        if (!token || !doFetch) return { enabled: false };
        const response = await doFetch(`${ctiUrl.replace(/\/+$/, '')}/voice/config`, { headers: { authorization: `Bearer ${token}` } });
        return response.ok ? ((await response.json()) as VoiceConfigAnswer) : { enabled: false };
      },
    });
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.session !== previous.session && state.session) {
        try {
          held?.setItem(PHONE_HELD_KEY, state.session.phone ? '1' : '0');
        } catch {
          // storage blocked: a reload then follows until the agent takes the phone
        }
      }
      if (state.connectionEnd === previous.connectionEnd) return;
      const reason = sessionEndFor(state.connectionEnd);
      if (reason) onSessionEnd(reason);
    });
    return () => {
      // Logged out (not a reload: no cleanup runs then): the next login in this tab follows like any other.
      try {
        held?.removeItem(PHONE_HELD_KEY);
      } catch {
        // storage blocked
      }
      unsubscribe();
      stopVoice();
      stop();
      store.reset();
    };
  }, [telephony, ctiUrl, session, sessionId, onSessionEnd, WebSocketImpl, fetchImpl]);
}
