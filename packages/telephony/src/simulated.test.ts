import { TelephonyClient } from './client';
import { createSimulatedTelephony } from './testing';

const until = async (pred: () => boolean) => {
  for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 5));
  return pred();
};

describe('simulated telephony (no server)', () => {
  it('rings a fake customer, answers, and runs the basic phone actions', async () => {
    const client = new TelephonyClient();
    const store = client.store;
    const sim = createSimulatedTelephony({ ringAfterMs: 5, autoAnswerMs: 10, wrapUpMs: 20 });
    const stop = client.connect(sim);
    expect(await until(() => store.getState().activeCallId !== null)).toBe(true);
    const id = store.getState().activeCallId!;
    expect(store.getState().calls.get(id)).toMatchObject({ state: 'ringing', customer: { userId: 'u-demo-1' } });
    expect(await until(() => store.getState().calls.get(id)!.state === 'talking')).toBe(true);
    expect(store.getState().agent!.state).toBe('talking');
    await client.actions.hold(id);
    expect(store.getState().calls.get(id)!.state).toBe('held');
    await client.actions.resume(id);
    await client.actions.hangup(id);
    expect(store.getState().calls.get(id)!.state).toBe('wrap-up');
    expect(await until(() => store.getState().agent!.state === 'idle')).toBe(true);
    expect(store.getState().calls.get(id)!.state).toBe('ended');
    stop();
    expect(store.getState().connection).toBe('offline');
  });
});
