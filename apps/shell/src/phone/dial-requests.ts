import { createStore } from 'zustand/vanilla';

/** A number someone asked to dial (a remote's host.dial, a record's number): the phone bar opens its dial pad with it. */
export const dialRequests = createStore<{ number: string | null; seq: number }>()(() => ({ number: null, seq: 0 }));

export function requestDial(number: string): void {
  dialRequests.setState((state) => ({ number, seq: state.seq + 1 }));
}
