import { useEffect } from 'react';
import { useStore } from 'zustand';
import { connectTelephony, createCtiDriver, type TelephonyStore, type WebSocketConstructor } from '@octopus/telephony';
import type { SessionEndReason, SessionStore } from '../session/session-store';
import { closeWatchingWebSocket, sessionEndForClose } from './telephony-adapter';

/**
 * While the agent is logged in, THE store is fed by one CTI connection (reconnecting by itself). The
 * connection lives as long as the session, not the token: each (re)connect reads the current, renewed
 * token. A server close that ends the session (4403, 4401, 4410) is reported to `onSessionEnd`.
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
      WebSocket: closeWatchingWebSocket((code) => {
        const reason = sessionEndForClose(code);
        if (reason) onSessionEnd(reason);
      }, WebSocketImpl),
    });
    const stop = connectTelephony(store, driver);
    return () => {
      stop();
      store.reset();
    };
  }, [store, ctiUrl, session, sessionId, onSessionEnd, WebSocketImpl]);
}
