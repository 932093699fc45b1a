import { loginResponse, NOW } from '../test-utils';
import { ACTIVE_WINDOW_MS, RENEW_BEFORE_MS, startSessionRenewal, trackLastInput } from './session-renewal';
import { createSessionStore, type SessionStore } from './session-store';

const EXPIRES = NOW + 15 * 60_000;

async function flush() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

function setup(options: { refresh?: () => Promise<string>; renewTelephony?: () => Promise<unknown> } = {}) {
  let now = NOW;
  let lastInput = NOW;
  let onCall = false;
  const session: SessionStore = createSessionStore({ ctiUrl: 'http://cti', now: () => now });
  session.setState({ token: 't1', expiresAt: EXPIRES, localExpiresAt: EXPIRES, sessionId: 's-1', agent: loginResponse().agent });
  const refresh = jest.fn(
    options.refresh ??
      (async () => {
        session.setState({ token: 't2', localExpiresAt: now + 15 * 60_000 });
        return 't2';
      }),
  );
  session.refresh = refresh;
  const renewTelephony = jest.fn(options.renewTelephony ?? (async () => undefined));
  const stop = startSessionRenewal({
    session,
    lastInputAt: () => lastInput,
    callInProgress: () => onCall,
    renewTelephony,
    now: () => now,
    checkEveryMs: 1000,
  });
  return {
    session,
    refresh,
    renewTelephony,
    stop,
    /** Moves the clock and runs one check. */
    at: async (ms: number) => {
      now = NOW + ms;
      jest.advanceTimersByTime(1000);
      await flush();
    },
    input: (ms: number) => void (lastInput = NOW + ms),
    call: (value: boolean) => void (onCall = value),
  };
}

describe('silent session renewal', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('renews an active agent’s token two minutes before it runs out and hands the new one to telephony', async () => {
    const t = setup();
    await t.at(12 * 60_000);
    t.input(12 * 60_000);
    await t.at(15 * 60_000 - RENEW_BEFORE_MS - 1000);
    expect(t.refresh).not.toHaveBeenCalled();
    await t.at(15 * 60_000 - RENEW_BEFORE_MS);
    expect(t.refresh).toHaveBeenCalledTimes(1);
    expect(t.renewTelephony).toHaveBeenCalledWith('t2');
    // The new token is good for another 15 minutes: no second renewal right away.
    await t.at(15 * 60_000);
    expect(t.refresh).toHaveBeenCalledTimes(1);
    t.stop();
  });

  it('renews during a call even without keyboard or mouse input', async () => {
    const t = setup();
    t.call(true);
    await t.at(14 * 60_000);
    expect(t.refresh).toHaveBeenCalledTimes(1);
    t.stop();
  });

  it('lets an inactive agent’s token expire, and ends the session when it does', async () => {
    const t = setup();
    // Last input at NOW; 10 minutes later the agent counts as inactive.
    await t.at(ACTIVE_WINDOW_MS + 60_000);
    await t.at(14 * 60_000);
    expect(t.refresh).not.toHaveBeenCalled();
    expect(t.session.getState().token).toBe('t1');
    await t.at(15 * 60_000);
    expect(t.session.getState()).toMatchObject({ token: null, ended: 'expired' });
    t.stop();
  });

  it('retries a failed renewal a little later, not on every check', async () => {
    let fail = true;
    const t = setup({
      refresh: async () => {
        if (fail) throw new Error('unreachable');
        return 't2';
      },
    });
    t.input(13 * 60_000);
    await t.at(13 * 60_000);
    expect(t.refresh).toHaveBeenCalledTimes(1);
    await t.at(13 * 60_000 + 5000);
    expect(t.refresh).toHaveBeenCalledTimes(1);
    fail = false;
    await t.at(13 * 60_000 + 16_000);
    expect(t.refresh).toHaveBeenCalledTimes(2);
    expect(t.renewTelephony).toHaveBeenCalledWith('t2');
    t.stop();
  });

  it('sends the renewed token again when the connection did not acknowledge it in time, not when it was offline', async () => {
    const outcomes: Array<unknown> = [Object.assign(new Error('late'), { reason: 'timeout' }), null];
    const t = setup({
      renewTelephony: async () => {
        const outcome = outcomes.shift();
        if (outcome) throw outcome;
      },
    });
    t.call(true);
    await t.at(13 * 60_000);
    expect(t.renewTelephony).toHaveBeenCalledTimes(1);
    await t.at(13 * 60_000 + 1000);
    expect(t.renewTelephony).toHaveBeenCalledTimes(2);
    expect(t.renewTelephony).toHaveBeenLastCalledWith('t2');
    await t.at(13 * 60_000 + 2000);
    expect(t.renewTelephony).toHaveBeenCalledTimes(2);
    expect(t.refresh).toHaveBeenCalledTimes(1);
    t.stop();

    const offline = setup({
      renewTelephony: async () => {
        throw Object.assign(new Error('not connected'), { reason: 'offline' });
      },
    });
    offline.call(true);
    await offline.at(13 * 60_000);
    await offline.at(13 * 60_000 + 1000);
    expect(offline.renewTelephony).toHaveBeenCalledTimes(1);
    offline.stop();
  });

  it('stops checking when stopped', async () => {
    const t = setup();
    t.stop();
    t.call(true);
    await t.at(14 * 60_000);
    expect(t.refresh).not.toHaveBeenCalled();
  });
});

describe('trackLastInput', () => {
  it('remembers the last key, pointer, wheel or touch input until stopped', () => {
    let now = 1000;
    const tracker = trackLastInput(window, () => now);
    now = 5000;
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    expect(tracker.lastInputAt()).toBe(5000);
    now = 9000;
    window.dispatchEvent(new Event('pointerdown'));
    expect(tracker.lastInputAt()).toBe(9000);
    tracker.stop();
    now = 12_000;
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'b' }));
    expect(tracker.lastInputAt()).toBe(9000);
  });
});
