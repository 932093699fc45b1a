import { callEvent, callView, snapshot, agentView } from './testing/events';
import { ENDED_CALLS_KEPT } from './reducer';
import { createTelephonyStore } from './store';

describe('telephony store', () => {
  it('works without a client: events in, state out, with the active call following the ring', () => {
    const store = createTelephonyStore();
    expect(store.getState()).toMatchObject({ connection: 'offline', callIds: [], activeCallId: null });
    // `calls` is a Map: `toMatchObject({ calls: {} })` matched any Map, full or empty. Compare as a Map.
    expect(store.getState().calls).toEqual(new Map());
    store.applyEvent(snapshot(10));
    store.applyEvent(callEvent('A', 11));
    expect(store.getState().activeCallId).toBe('A');
    expect(store.getState().calls.get('A')).toMatchObject({ state: 'ringing', from: '13800138000' });
    store.applyEvent(callEvent('A', 12, { state: 'talking' }));
    store.applyEvent(callEvent('B', 13));
    expect(store.getState().activeCallId).toBe('A'); // busy on A: B waits in the list
    expect(store.getState().callIds).toEqual(['A', 'B']);
    store.setActiveCall('B');
    expect(store.getState().activeCallId).toBe('B');
  });

  it('ignores duplicated and stale events, in any order', () => {
    const store = createTelephonyStore();
    store.applyEvent(snapshot(10));
    const events = [callEvent('A', 11), callEvent('A', 12, { state: 'talking' }), callEvent('A', 14, { state: 'held', held: true }), callEvent('A', 13, { state: 'talking' })];
    for (const e of events) store.applyEvent(e);
    for (const e of [...events].reverse()) store.applyEvent(e);
    expect(store.getState().calls.get('A')).toMatchObject({ state: 'held', rev: 14 });
    store.applyEvent({ type: 'agent', agent: agentView(5, { state: 'busy' }) });
    expect(store.getState().agent!.state).toBe('idle');
    // A call the snapshot already accounts for (rev ≤ snapshot rev) cannot come back from a late frame.
    store.applyEvent(callEvent('OLD', 9));
    expect(store.getState().calls.get('OLD')).toBeUndefined();
  });

  it('merges snapshots by rev: calls gone from the server end, newer knowledge is kept, old frames stay out', () => {
    const store = createTelephonyStore();
    store.applyEvent(snapshot(10, [callView('A', 8, { state: 'talking' })]));
    store.applyEvent(callEvent('B', 12));
    store.applyEvent(snapshot(11, [])); // late snapshot: A ended, B (rev 12) is newer than it
    expect(store.getState().calls.get('A')!.state).toBe('ended');
    expect(store.getState().calls.get('B')!.state).toBe('ringing');
    store.applyEvent(callEvent('A', 9, { state: 'wrap-up' })); // stale event for the ended call
    expect(store.getState().calls.get('A')!.state).toBe('ended');
    store.applyEvent(snapshot(20, [callView('B', 15, { state: 'talking' })], { epoch: 'e2', rev: 3 }));
    expect(store.getState()).toMatchObject({ epoch: 'e2', snapshotRev: 3 });
    expect(store.getState().calls.get('B')!.rev).toBe(15); // a restarted server is believed
  });

  it('evicts old ended calls so memory stays bounded', () => {
    const store = createTelephonyStore();
    store.applyEvent(snapshot(1));
    let rev = 2;
    for (let i = 0; i < 200; i++) {
      store.applyEvent(callEvent(`C${i}`, rev++));
      store.applyEvent(callEvent(`C${i}`, rev++, { state: 'ended' }));
    }
    expect(store.getState().callIds.length).toBe(ENDED_CALLS_KEPT);
    expect(store.getState().calls.size).toBe(ENDED_CALLS_KEPT);
  });

  it('keeps unrelated slices referentially stable (so selectors do not re-render)', () => {
    const store = createTelephonyStore();
    store.applyEvent(snapshot(1));
    store.applyEvent(callEvent('A', 2));
    store.applyEvent(callEvent('B', 3));
    const before = store.getState();
    store.applyEvent(callEvent('A', 4, { state: 'talking' }));
    const after = store.getState();
    expect(after.calls.get('B')).toBe(before.calls.get('B'));
    expect(after.agent).toBe(before.agent);
    expect(after.callIds).toBe(before.callIds);
  });

  it('applies a batch with one notification', () => {
    const store = createTelephonyStore();
    let notified = 0;
    store.subscribe(() => notified++);
    store.applyEvents([snapshot(1), callEvent('A', 2), callEvent('A', 3, { state: 'talking' })]);
    expect(notified).toBe(1);
    expect(store.getState().calls.get('A')!.state).toBe('talking');
  });
});
