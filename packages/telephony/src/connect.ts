import type { TelephonyDriver } from './driver';
import type { TelephonyStore } from './store';

/**
 * Feeds a store from a driver and routes the store's actions to it. Returns a function that stops the
 * driver. The shell calls this once for THE store; remotes never do.
 */
export function connectTelephony(store: TelephonyStore, driver: TelephonyDriver): () => void {
  store.attachDriver(driver);
  driver.start({
    event: (event) => store.applyEvent(event),
    connection: (status, end) => store.setConnection(status, end),
  });
  return () => {
    driver.stop();
    if (store.driver === driver) store.attachDriver(null);
  };
}
