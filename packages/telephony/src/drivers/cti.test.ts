// The CTI driver against a fake server at its WebSocket seam (`options.WebSocket`): sequencing, replies,
// endings. The driver against the real cti-server is tested in apps/cti-server/src/telephony-client.
import { CTI_CLOSE_CODES } from '@octopus/contracts';
import { TelephonyClient } from '../client';
import { callView, snapshot } from '../testing/events';
import { createCtiDriver } from './cti';
import type { WebSocketLike } from './cti-types';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(pred: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (pred()) return true;
    await sleep(2);
  }
  return pred();
}

/** The server's end of each socket the driver opens: what it sent, and hooks to answer. */
class FakeSocket implements WebSocketLike {
  static opened: FakeSocket[] = [];
  readyState = 0;
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  readonly sent: Array<Record<string, unknown>> = [];
  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }
  accept(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  frame(frame: object): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  serverClose(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(): void {
    this.readyState = 3;
  }
}

function connected(options: Partial<Parameters<typeof createCtiDriver>[0]> = {}) {
  FakeSocket.opened = [];
  const client = new TelephonyClient();
  const driver = createCtiDriver({ url: 'http://cti.test:4000', token: 't', WebSocket: FakeSocket, backoff: { initialMs: 1, maxMs: 2 }, ...options });
  const stop = client.connect(driver);
  return { client, driver, stop, socket: (n = 0) => FakeSocket.opened[n]! };
}

async function synced(options?: Partial<Parameters<typeof createCtiDriver>[0]>) {
  const c = connected(options);
  expect(await until(() => FakeSocket.opened.length === 1)).toBe(true);
  c.socket().accept();
  c.socket().frame({ seq: 1, ...snapshot(1) });
  expect(c.client.store.getState().connection).toBe('connected');
  return c;
}

describe('CTI driver at its WebSocket seam', () => {
  it('opens ws://…/ws with the token, protocol and topics', async () => {
    const c = connected({ token: 'a b', topics: ['agents'] });
    expect(await until(() => FakeSocket.opened.length === 1)).toBe(true);
    expect(c.socket().url).toBe('ws://cti.test:4000/ws?token=a%20b&protocol=1&topics=agents');
    c.stop();
  });

  it('asks for a snapshot when a sequence number is skipped, and still applies the frame', async () => {
    const c = await synced();
    c.socket().frame({ seq: 3, type: 'call', call: callView('A', 5) });
    expect(c.socket().sent).toContainEqual({ type: 'sync' });
    expect(c.driver.stats).toMatchObject({ gaps: 1, resyncs: 1 });
    expect(c.client.store.getState().callIds).toEqual(['A']);
    c.stop();
  });

  it('matches replies to commands by request id, in any order', async () => {
    const c = await synced();
    const answer = c.client.actions.answer('A');
    const hold = c.client.actions.hold('A');
    const [first, second] = c.socket().sent.filter((f) => f.type === 'command') as Array<{ id: string }>;
    c.socket().frame({ seq: 2, type: 'reject', id: second!.id, reason: 'invalid-state', message: 'not talking' });
    c.socket().frame({ seq: 3, type: 'ack', id: first!.id, result: null });
    await expect(answer).resolves.toBeUndefined();
    await expect(hold).rejects.toMatchObject({ name: 'CommandError', reason: 'invalid-state', message: 'not talking' });
    c.stop();
  });

  it("rejects with the server's reason, one of REJECT_REASONS; an unknown one (a newer server's) as internal", async () => {
    const c = await synced();
    const first = c.client.actions.answer('A');
    const second = c.client.actions.answer('B');
    const [a, b] = c.socket().sent.filter((f) => f.type === 'command') as Array<{ id: string }>;
    c.socket().frame({ seq: 2, type: 'reject', id: a!.id, reason: 'not-your-call', message: 'another agent has it' });
    c.socket().frame({ seq: 3, type: 'reject', id: b!.id, reason: 'quota-exceeded', message: 'a newer server said no' });
    await expect(first).rejects.toMatchObject({ reason: 'not-your-call' });
    await expect(second).rejects.toMatchObject({ reason: 'internal', message: 'a newer server said no' });
    c.stop();
  });

  it('rejects a command the server does not acknowledge in time with timeout, and offline when not connected', async () => {
    const c = await synced({ commandTimeoutMs: 20 });
    await expect(c.client.actions.answer('A')).rejects.toMatchObject({ reason: 'timeout' });
    c.stop();
    await expect(c.driver.command({ name: 'answer', callId: 'A' })).rejects.toMatchObject({ reason: 'offline' });
  });

  it('stops after the server ends the session (4403) and records why', async () => {
    const c = await synced();
    c.socket().frame({ seq: 2, type: 'error', code: 'session-ended', message: 'log in again' });
    c.socket().serverClose(CTI_CLOSE_CODES.sessionEnded, 'session-ended');
    expect(c.client.store.getState()).toMatchObject({ connection: 'session-ended', connectionEnd: { reason: 'session-ended', code: 4403, message: 'log in again' } });
    await sleep(30);
    expect(FakeSocket.opened).toHaveLength(1);
  });

  it('reports flooding (4430) with its reason and reconnects; the reason clears once connected', async () => {
    const c = await synced();
    const seen: string[] = [];
    c.client.store.subscribe((s) => seen.push(`${s.connection}:${s.connectionEnd?.reason ?? '-'}`));
    c.socket().frame({ seq: 2, type: 'error', code: 'flooding', message: 'too many frames for too long' });
    c.socket().serverClose(CTI_CLOSE_CODES.flooding, 'flooding');
    expect(await until(() => FakeSocket.opened.length === 2)).toBe(true);
    c.socket(1).accept();
    c.socket(1).frame({ seq: 1, ...snapshot(1) });
    expect(seen).toContain('reconnecting:flooding');
    expect(c.client.store.getState()).toMatchObject({ connection: 'connected', connectionEnd: null });
    c.stop();
  });
});
