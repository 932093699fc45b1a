// The small vanilla store: zustand's `createStore` holding {@link TelephonyState}, changed only by
// dispatching {@link TelephonyAction}s through the one reducer (reducer.ts). It knows no driver and no
// actions: the client (client.ts) joins them.
import type { CtiEvent } from '@octopus/contracts';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionEnd, ConnectionStatus } from './driver';
import { initialTelephonyState, reduceTelephony, type TelephonyAction, type TelephonyState } from './reducer';

/**
 * The telephony store: zustand's vanilla store API (`getState`, `subscribe`, … for `useStore` and
 * selectors) plus `dispatch` and its named shorthands. `setState` is zustand's and stays for tests that
 * stage a state directly; the package itself changes state only through `dispatch`.
 */
export interface TelephonyStore extends StoreApi<TelephonyState> {
  /** Applies one action through the reducer; subscribers are notified only when something changed. */
  dispatch(action: TelephonyAction): void;
  /** Applies one server event. Idempotent, and safe with duplicated or out-of-order events. */
  applyEvent(event: CtiEvent): void;
  /** Applies events in order with one notification for the whole batch. */
  applyEvents(events: readonly CtiEvent[]): void;
  /** The driver's connection status, and why the server ended it (`end`; kept until connected again). */
  setConnection(status: ConnectionStatus, end?: ConnectionEnd): void;
  /** Chooses the call the workbench shows (switching between calls in the list); an id not in `calls` is ignored. */
  setActiveCall(callId: string | null): void;
  /** Back to the initial state (logout). */
  reset(): void;
}

/**
 * Creates a telephony store in its initial state (offline, no calls). It works without any driver:
 * feed it events with `applyEvent`. The shell's one store is the `TelephonyClient`'s.
 */
export function createTelephonyStore(): TelephonyStore {
  const api = createStore<TelephonyState>()(initialTelephonyState);
  const dispatch = (action: TelephonyAction): void => {
    const patch = reduceTelephony(api.getState(), action);
    if (patch) api.setState(patch);
  };
  return {
    ...api,
    dispatch,
    applyEvent: (event) => dispatch({ type: 'event', event }),
    applyEvents(events) {
      let state = api.getState();
      let changed = false;
      for (const event of events) {
        const patch = reduceTelephony(state, { type: 'event', event });
        if (patch) {
          state = { ...state, ...patch };
          changed = true;
        }
      }
      if (changed) api.setState(state, true);
    },
    setConnection: (status, end) => dispatch({ type: 'connection', status, ...(end && { end }) }),
    setActiveCall: (callId) => dispatch({ type: 'select-call', callId }),
    reset: () => dispatch({ type: 'reset' }),
  };
}
