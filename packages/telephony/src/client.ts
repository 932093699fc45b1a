// The telephony client: owns the store, the phone actions and the driver, as TanStack Query's
// QueryClient owns its caches. The store knows no driver; the driver knows no store; only this joins them.
import { createPhoneActions, type PhoneActions } from './actions';
import type { TelephonyDriver } from './driver';
import { createTelephonyStore, type TelephonyStore } from './store';

/** Options of {@link TelephonyClient}. */
export interface TelephonyClientOptions {
  /** The store to feed (default: a fresh {@link createTelephonyStore}). */
  store?: TelephonyStore;
}

/**
 * THE telephony client of a page (the shell creates one and hands it to `<TelephonyProvider client>`;
 * remotes only read it through the hooks). Without a driver its store still works (feed it events with
 * `store.applyEvent`) and every action rejects with `CommandError('no-driver')`.
 */
export class TelephonyClient {
  /** The state: calls, agent, connection, voice. Changes only through its reducer (reducer.ts). */
  readonly store: TelephonyStore;
  /**
   * Phone commands through the connected driver, resolved at call time (so the object is stable across
   * reconnects). Each rejects with a `CommandError`: `no-driver` when none is connected, else the driver's.
   */
  readonly actions: PhoneActions;
  #driver: TelephonyDriver | null = null;

  constructor(options: TelephonyClientOptions = {}) {
    this.store = options.store ?? createTelephonyStore();
    this.actions = createPhoneActions(() => this.#driver);
  }

  /** The driver commands go to: the one last given to {@link connect}, null before and after it stopped. */
  get driver(): TelephonyDriver | null {
    return this.#driver;
  }

  /**
   * Starts `driver` and makes it the one commands go to: its events and connection changes go to the
   * store. A driver connected before is not stopped (stop it with the function it returned). Returns a
   * function that stops this driver, and detaches it unless another has been connected since.
   */
  connect(driver: TelephonyDriver): () => void {
    this.#driver = driver;
    driver.start({
      event: (event) => this.store.applyEvent(event),
      connection: (status, end) => this.store.setConnection(status, end),
    });
    return () => {
      driver.stop();
      if (this.#driver === driver) this.#driver = null;
    };
  }
}
