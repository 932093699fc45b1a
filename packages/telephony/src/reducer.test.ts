import { initialTelephonyState, reduceTelephony, type TelephonyState } from './reducer';
import { callEvent, callView, snapshot } from './testing/events';
import { VOICE_OFF } from './voice-state';

/** Applies actions as the store does: each patch merged over the state. */
const run = (state: TelephonyState, ...patches: Array<Partial<TelephonyState> | null>): TelephonyState => patches.reduce<TelephonyState>((s, p) => (p ? { ...s, ...p } : s), state);

describe('reduceTelephony', () => {
  it('returns null for what changes nothing: a stale event, the same status again, an unknown call to select', () => {
    let state = initialTelephonyState();
    state = run(state, reduceTelephony(state, { type: 'event', event: snapshot(1) }));
    state = run(state, reduceTelephony(state, { type: 'event', event: callEvent('A', 5) }));
    expect(reduceTelephony(state, { type: 'event', event: callEvent('A', 4, { state: 'talking' }) })).toBeNull();
    expect(reduceTelephony(state, { type: 'event', event: callEvent('A', 5) })).toBeNull();
    expect(reduceTelephony(state, { type: 'connection', status: 'offline' })).toBeNull();
    expect(reduceTelephony(state, { type: 'select-call', callId: 'nope' })).toBeNull();
    expect(reduceTelephony(state, { type: 'select-call', callId: null })).toEqual({ activeCallId: null });
  });

  it('patches the media part and turns it off; reset is a whole fresh state', () => {
    let state = initialTelephonyState();
    state = run(state, reduceTelephony(state, { type: 'voice', voice: { status: 'registered', inputDeviceId: 'mic-2' } }));
    expect(state.voice).toEqual({ ...VOICE_OFF, status: 'registered', inputDeviceId: 'mic-2' });
    expect(reduceTelephony(state, { type: 'voice-off' })).toEqual({ voice: VOICE_OFF });
    expect(reduceTelephony(initialTelephonyState(), { type: 'voice-off' })).toBeNull();
    state = run(state, reduceTelephony(state, { type: 'event', event: snapshot(1, [callView('A', 1)]) }));
    expect(reduceTelephony(state, { type: 'reset' })).toEqual(initialTelephonyState());
  });

  it('does not mutate the state it is given', () => {
    const state = initialTelephonyState();
    const frozen = Object.freeze({ ...state, calls: new Map(state.calls), callIds: Object.freeze([...state.callIds]) as string[] });
    const patch = reduceTelephony(frozen, { type: 'event', event: callEvent('A', 1) });
    expect(patch?.callIds).toEqual(['A']);
    expect(frozen.callIds).toEqual([]);
    expect(frozen.calls.size).toBe(0);
  });
});
