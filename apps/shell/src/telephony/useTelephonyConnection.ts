import { useEffect } from 'react';
import { connectTelephony, createCtiDriver, type TelephonyStore } from '@octopus/telephony';

/** While the agent is logged in, THE store is fed by one CTI connection (reconnecting by itself). */
export function useTelephonyConnection(store: TelephonyStore, ctiUrl: string, token: string | null, onAuthError: () => void): void {
  useEffect(() => {
    if (!token) return;
    const driver = createCtiDriver({ url: ctiUrl, token, onAuthError: () => onAuthError() });
    const stop = connectTelephony(store, driver);
    return () => {
      stop();
      store.reset();
    };
  }, [store, ctiUrl, token, onAuthError]);
}
