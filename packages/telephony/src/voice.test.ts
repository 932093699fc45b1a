import { callEvent, snapshot } from './testing/events';
import { createTelephonyStore } from './store';
import { startVoicePhone, type VoiceSession, type VoiceUserAgent } from './voice';

type Listener = (data: unknown) => void;

class FakeSession implements VoiceSession {
  readonly calls: string[] = [];
  readonly listeners = new Map<string, Listener[]>();
  ended = false;
  constructor(readonly callId: string | undefined) {}
  readonly connection = null;
  answer(): void {
    this.calls.push('answer');
  }
  terminate(options?: { status_code?: number }): void {
    this.calls.push(`terminate${options?.status_code ? ` ${options.status_code}` : ''}`);
    this.emit('ended');
  }
  hold(): boolean {
    this.calls.push('hold');
    return true;
  }
  unhold(): boolean {
    this.calls.push('unhold');
    return true;
  }
  mute(): void {
    this.calls.push('mute');
  }
  unmute(): void {
    this.calls.push('unmute');
  }
  isEnded(): boolean {
    return this.ended;
  }
  on(event: string, listener: Listener): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  emit(event: string): void {
    if (event === 'ended' || event === 'failed') this.ended = true;
    for (const l of this.listeners.get(event) ?? []) l({});
  }
}

class FakeUserAgent implements VoiceUserAgent {
  started = 0;
  stopped = 0;
  readonly listeners = new Map<string, Array<(data: never) => void>>();
  start(): void {
    this.started++;
  }
  stop(): void {
    this.stopped++;
  }
  on(event: string, listener: (data: never) => void): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  emit(event: string, data: unknown): void {
    for (const l of this.listeners.get(event) ?? []) (l as (d: unknown) => void)(data);
  }
  invite(callId: string | undefined): FakeSession {
    const session = new FakeSession(callId);
    this.emit('newRTCSession', { originator: 'remote', session, request: { getHeader: (name: string) => (name === 'X-Octopus-Call-Id' ? callId : undefined) } });
    return session;
  }
}

const config = { enabled: true as const, wsUrl: 'ws://127.0.0.1:5066', domain: 'octopus.local', uri: 'sip:1001@octopus.local', authorizationUser: '1001', password: 'p' };
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function setUp() {
  const store = createTelephonyStore();
  const ua = new FakeUserAgent();
  store.applyEvent(snapshot(10));
  const stop = startVoicePhone(store, { fetchConfig: async () => config, createUserAgent: async () => ua, createAudioElement: () => null });
  await flush();
  await flush();
  ua.emit('registered', {});
  return { store, ua, stop };
}

describe('voice phone (media follows the store)', () => {
  it('stays off when the deployment has no voice', async () => {
    const store = createTelephonyStore();
    store.applyEvent(snapshot(10));
    const createUserAgent = jest.fn();
    const stop = startVoicePhone(store, { fetchConfig: async () => ({ enabled: false }), createUserAgent });
    await flush();
    expect(store.getState().voice.status).toBe('off');
    expect(createUserAgent).not.toHaveBeenCalled();
    stop();
  });

  it('registers while this tab holds the phone, and unregisters when it is taken away', async () => {
    const { store, ua, stop } = await setUp();
    expect(ua.started).toBe(1);
    expect(store.getState().voice.status).toBe('registered');
    store.applyEvent(snapshot(20, [], { session: { id: 's1', phone: false, sessions: 2 } }));
    expect(ua.stopped).toBe(1);
    expect(store.getState().voice.status).toBe('off');
    stop();
  });

  it('answers the routed INVITE only once the store says the agent took the call, then follows hold, mute and the end', async () => {
    const { store, ua, stop } = await setUp();
    store.applyEvent(callEvent('A', 11));
    const session = ua.invite('A');
    expect(store.getState().voice.media.A).toMatchObject({ state: 'ringing' });
    expect(session.calls).toEqual([]); // ringing in the workbench: not answered yet

    store.applyEvent(callEvent('A', 12, { state: 'talking' }));
    expect(session.calls).toEqual(['answer']);
    session.emit('confirmed');
    expect(store.getState().voice.media.A).toMatchObject({ state: 'connected', held: false, muted: false });

    store.applyEvent(callEvent('A', 13, { state: 'held', held: true }));
    // Held: the microphone goes silent too (the caller hears hold music, not the agent).
    expect(session.calls).toEqual(['answer', 'mute']);
    store.applyEvent(callEvent('A', 14, { state: 'talking', held: false }));
    expect(session.calls).toEqual(['answer', 'mute', 'unmute']);
    store.applyEvent(callEvent('A', 15, { state: 'talking', muted: true }));
    store.applyEvent(callEvent('A', 16, { state: 'held', held: true, muted: true }));
    store.applyEvent(callEvent('A', 17, { state: 'talking', held: false, muted: true }));
    // Muted across hold and resume: the microphone stays off.
    expect(session.calls).toEqual(['answer', 'mute', 'unmute', 'mute']);
    expect(store.getState().voice.media.A).toMatchObject({ held: false, muted: true });

    store.applyEvent(callEvent('A', 18, { state: 'wrap-up' }));
    expect(session.calls.at(-1)).toBe('terminate');
    expect(store.getState().voice.media.A).toBeUndefined();
    stop();
    expect(ua.stopped).toBe(1);
    expect(store.getState().voice.status).toBe('off');
  });

  it('declines an INVITE the cti-server did not route (no call id), and ends a ringing one the engine took away', async () => {
    const { store, ua, stop } = await setUp();
    expect(ua.invite(undefined).calls).toEqual(['terminate 486']);
    store.applyEvent(callEvent('B', 11));
    const ringing = ua.invite('B');
    store.applyEvent(callEvent('B', 12, { state: 'ended' }));
    expect(ringing.calls).toEqual(['terminate 480']);
    stop();
  });
});
