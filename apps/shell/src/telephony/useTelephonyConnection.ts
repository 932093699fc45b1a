import { useEffect } from 'react';
import { useStore } from 'zustand';
import { connectTelephony, createCtiDriver, type TelephonyStore, type WebSocketConstructor } from '@octopus/telephony';
import type { SessionEndReason, SessionStore } from '../session/session-store';
import { sessionEndFor } from './telephony-adapter';

/**
 * While the agent is logged in, THE store is fed by one CTI connection (reconnecting by itself). The
 * connection lives as long as the session, not the token: each (re)connect reads the current, renewed
 * token. When the server ends the session (close 4403, 4401, 4410, recorded by the store as
 * `connectionEnd`), `onSessionEnd` is told.
 */
export function useTelephonyConnection(
  store: TelephonyStore,
  ctiUrl: string,
  session: SessionStore,
  onSessionEnd: (reason: SessionEndReason) => void,
  WebSocketImpl?: WebSocketConstructor,
): void {
  const sessionId = useStore(session, (state) => state.sessionId);
  useEffect(() => {
    if (!sessionId) return;
    const driver = createCtiDriver({
      url: ctiUrl,
      token: () => {
        const token = session.getState().token;
        // The driver retries later; by then the session has ended or been renewed.
        if (!token) throw new Error('no session');
        return token;
      },
      ...(WebSocketImpl && { WebSocket: WebSocketImpl }),
    });
    const stop = connectTelephony(store, driver);
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.connectionEnd === previous.connectionEnd) return;
      const reason = sessionEndFor(state.connectionEnd);
      if (reason) onSessionEnd(reason);
    });
    return () => {
      unsubscribe();
      stop();
      store.reset();
    };
  }, [store, ctiUrl, session, sessionId, onSessionEnd, WebSocketImpl]);
}
