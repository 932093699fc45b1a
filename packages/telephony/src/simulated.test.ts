import { connectTelephony } from './connect';
import { createSimulatedTelephony } from './simulated';
import { createTelephonyStore } from './store';

const until = async (pred: () => boolean) => {
  for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 5));
  return pred();
};

describe('simulated telephony (no server)', () => {
  it('rings a fake customer, answers, and runs the basic phone actions', async () => {
    const store = createTelephonyStore();
    const sim = createSimulatedTelephony({ ringAfterMs: 5, autoAnswerMs: 10, wrapUpMs: 20 });
    const stop = connectTelephony(store, sim);
    expect(await until(() => store.getState().activeCallId !== null)).toBe(true);
    const id = store.getState().activeCallId!;
    expect(store.getState().calls.get(id)).toMatchObject({ state: 'ringing', customer: { userId: 'u-demo-1' } });
    expect(await until(() => store.getState().calls.get(id)!.state === 'talking')).toBe(true);
    expect(store.getState().agent!.state).toBe('talking');
    await store.actions.hold(id);
    expect(store.getState().calls.get(id)!.state).toBe('held');
    await store.actions.resume(id);
    await store.actions.hangup(id);
    expect(store.getState().calls.get(id)!.state).toBe('wrap-up');
    expect(await until(() => store.getState().agent!.state === 'idle')).toBe(true);
    expect(store.getState().calls.get(id)!.state).toBe('ended');
    stop();
    expect(store.getState().connection).toBe('offline');
  });
});
