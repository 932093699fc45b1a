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
  terminate(options?: { status_code?: number; extraHeaders?: string[] }): void {
    this.calls.push(`terminate${options?.status_code ? ` ${options.status_code}` : ''}${options?.extraHeaders ? ` ${options.extraHeaders.join(',')}` : ''}`);
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
  referHandlers: Partial<Record<string, (data: unknown) => void>> = {};
  refer(target: string, options: { eventHandlers: Partial<Record<string, (data: unknown) => void>> }): unknown {
    this.calls.push(`refer ${target}`);
    this.referHandlers = options.eventHandlers;
    return {};
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
  readonly placed: Array<{ target: string; session: FakeSession }> = [];
  call(target: string): FakeSession {
    const session = new FakeSession(undefined);
    this.placed.push({ target, session });
    return session;
  }
  invite(callId: string | undefined, leg?: 'consult'): FakeSession {
    const session = new FakeSession(callId);
    const headers: Record<string, string | undefined> = { 'X-Octopus-Call-Id': callId, 'X-Octopus-Leg': leg };
    this.emit('newRTCSession', { originator: 'remote', session, request: { getHeader: (name: string) => headers[name] } });
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

  it('refers the caller on when the engine transferred the call (no BYE towards the caller), and hangs up on a plain end', async () => {
    const { store, ua, stop } = await setUp();
    store.applyEvent(callEvent('T', 11));
    const session = ua.invite('T');
    store.applyEvent(callEvent('T', 12, { state: 'talking' }));
    session.emit('confirmed');
    store.applyEvent(callEvent('T', 13, { state: 'wrap-up', endReason: 'transferred', participants: ['1002'] }));
    expect(session.calls).toEqual(['answer', 'refer sip:xfer-T@octopus.local']);
    expect(store.getState().voice.media.T).toBeDefined(); // until the REFER is answered
    session.referHandlers.accepted?.({});
    expect(session.calls.at(-1)).toBe('terminate');
    expect(store.getState().voice.media.T).toBeUndefined();

    store.applyEvent(callEvent('U', 14));
    const plain = ua.invite('U');
    store.applyEvent(callEvent('U', 15, { state: 'talking' }));
    plain.emit('confirmed');
    store.applyEvent(callEvent('U', 16, { state: 'wrap-up', endReason: 'agent-hangup', participants: [] }));
    expect(plain.calls).toEqual(['answer', 'terminate']);

    // Handed to the survey: the BYE says so (Kamailio keeps the caller's side up for the prompt).
    store.applyEvent(callEvent('S', 17));
    const surveyed = ua.invite('S');
    store.applyEvent(callEvent('S', 18, { state: 'talking' }));
    surveyed.emit('confirmed');
    store.applyEvent(callEvent('S', 19, { state: 'wrap-up', endReason: 'survey', participants: [] }));
    expect(surveyed.calls).toEqual(['answer', 'terminate X-Octopus-Handoff: survey']);
    stop();
  });

  it('calls the consulted colleague once, keeps the session through a conference, and ends it with the consultation', async () => {
    const { store, ua, stop } = await setUp();
    store.applyEvent(callEvent('C', 11));
    const caller = ua.invite('C');
    store.applyEvent(callEvent('C', 12, { state: 'talking', participants: ['1001'] }));
    caller.emit('confirmed');
    const consult = { target: { kind: 'agent' as const, agentId: '1002' }, agentId: '1002', state: 'ringing' as const, since: 0 };
    store.applyEvent(callEvent('C', 13, { state: 'consulting', held: true, consult, participants: ['1001'] }));
    expect(ua.placed.map((p) => p.target)).toEqual(['sip:consult-C@octopus.local']);
    const colleague = ua.placed[0]!.session;
    colleague.emit('confirmed');
    expect(store.getState().voice.media['C/consult']).toMatchObject({ state: 'connected' });
    // The caller is held while consulting: the microphone is off towards the caller only.
    expect(caller.calls).toEqual(['answer', 'mute']);
    store.applyEvent(callEvent('C', 14, { state: 'consulting', held: true, consult: { ...consult, state: 'talking' }, participants: ['1001'] }));
    store.applyEvent(callEvent('C', 15, { state: 'talking', held: false, consult: null, participants: ['1001', '1002'] }));
    expect(ua.placed).toHaveLength(1);
    expect(colleague.calls).toEqual([]);
    store.applyEvent(callEvent('C', 16, { state: 'talking', participants: ['1001'] }));
    expect(colleague.calls).toEqual(['terminate']);
    expect(store.getState().voice.media['C/consult']).toBeUndefined();
    stop();
  });

  it('answers a consultation INVITE as the consulted agent once it took the call', async () => {
    const { store, ua, stop } = await setUp();
    store.applyEvent(callEvent('D', 11, { role: 'consult-target' }));
    const session = ua.invite('D', 'consult');
    expect(store.getState().voice.media['D/consult']).toMatchObject({ state: 'ringing' });
    store.applyEvent(callEvent('D', 12, { role: 'consult-target', state: 'talking' }));
    expect(session.calls).toEqual(['answer']);
    stop();
  });
});
