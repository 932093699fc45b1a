import type { LoginResponse } from '@octopus/contracts';
import { MemoryAccountDirectory, demoAccounts, startCtiServer, type CtiServer } from '../index';
import { createCtiDriver, TelephonyClient, type WebSocketConstructor, type WebSocketLike } from '@octopus/telephony';
import WS from 'ws';

const SECRET = 'telephony-liveness-secret';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(pred: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!pred()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(10);
  }
  return Date.now() - started;
}

/** A socket whose incoming frames a test can drop one by one, or cut off entirely (a silent dead link). */
function lossySocket(control: { dropFrame: (data: string) => boolean; blackhole: boolean }): WebSocketConstructor {
  return class LossySocket implements WebSocketLike {
    onopen: WebSocketLike['onopen'] = null;
    onmessage: WebSocketLike['onmessage'] = null;
    onclose: WebSocketLike['onclose'] = null;
    onerror: WebSocketLike['onerror'] = null;
    private readonly inner: WS;
    constructor(url: string) {
      this.inner = new WS(url);
      this.inner.onopen = (e) => this.onopen?.(e);
      this.inner.onerror = (e) => this.onerror?.(e);
      this.inner.onclose = (e) => this.onclose?.({ code: e.code, reason: e.reason });
      this.inner.onmessage = (e) => {
        const data = String(e.data);
        if (control.blackhole || control.dropFrame(data)) return;
        this.onmessage?.({ data });
      };
    }
    get readyState(): number {
      return this.inner.readyState;
    }
    send(data: string): void {
      if (!control.blackhole) this.inner.send(data);
    }
    close(code?: number, reason?: string): void {
      this.inner.close(code, reason);
      // A dead link never completes the close handshake: report the close at once.
      if (control.blackhole) this.inner.terminate();
    }
  };
}

describe('telephony client liveness (default heartbeat from the server)', () => {
  let server: CtiServer;
  let token: string;
  beforeAll(async () => {
    server = await startCtiServer({
      port: 0,
      host: '127.0.0.1',
      mode: 'test',
      tokenSecret: SECRET,
      accounts: new MemoryAccountDirectory({ tokenSecret: SECRET, accounts: demoAccounts().filter((a) => a.id === '1001') }),
      ringTimeoutMs: 20_000,
      reconnectGraceMs: 30_000,
      listFlushMs: 20,
    });
    const res = await fetch(`${server.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ agentId: '1001', password: 'octopus' }) });
    token = ((await res.json()) as LoginResponse).token;
  });
  afterAll(() => server.close());

  it('recovers a ring frame that did not arrive within one heartbeat (sequenced pong → gap → sync), well before the ring timeout', async () => {
    let dropped = 0;
    const control = {
      blackhole: false,
      dropFrame: (data: string) => {
        if (dropped === 0 && data.includes('"type":"call"') && data.includes('"state":"ringing"')) {
          dropped++;
          return true;
        }
        return false;
      },
    };
    const client = new TelephonyClient();
    const store = client.store;
    const driver = createCtiDriver({ url: server.url, token, WebSocket: lossySocket(control), backoff: { initialMs: 10, maxMs: 50 } });
    const stop = client.connect(driver);
    try {
      await until(() => store.getState().connection === 'connected' && store.getState().agent?.state === 'idle', 3000);
      const callId = server.simulator!.createCall({ from: '13800138000', skillGroup: 'presale' });
      await until(() => dropped === 1, 2000);
      const recoveredIn = await until(() => store.getState().calls.get(callId)?.state === 'ringing', 5000);
      expect(recoveredIn).toBeLessThan(2500);
      expect(driver.stats.gaps).toBeGreaterThanOrEqual(1);
      server.engine.callerHangup(callId);
    } finally {
      stop();
    }
  }, 15_000);

  it('notices a silent dead connection within 5 s, reconnects, and gets the ringing call back', async () => {
    const control = { blackhole: false, dropFrame: () => false };
    const client = new TelephonyClient();
    const store = client.store;
    const driver = createCtiDriver({ url: server.url, token, WebSocket: lossySocket(control), backoff: { initialMs: 10, maxMs: 50 } });
    const stop = client.connect(driver);
    try {
      await until(() => store.getState().connection === 'connected' && server.hub.sessionCount === 1, 3000);
      const connects = driver.stats.connects;
      control.blackhole = true;
      const silentAt = Date.now();
      const callId = server.simulator!.createCall({ from: '13800138001', skillGroup: 'presale' });
      await until(() => driver.stats.connects > connects || store.getState().connection !== 'connected', 5000);
      const clientNoticed = Date.now() - silentAt;
      expect(clientNoticed).toBeLessThanOrEqual(5000);
      // (The server side is tested in apps/cti-server: liveness.test.ts.)
      control.blackhole = false;
      await until(() => store.getState().connection === 'connected', 3000);
      // The ring survives the reconnect (snapshot), and the agent's chosen state is untouched.
      await until(() => store.getState().calls.get(callId)?.state === 'ringing', 3000);
      expect(store.getState().agent).toMatchObject({ chosenState: 'idle' });
      server.engine.callerHangup(callId);
    } finally {
      stop();
    }
  }, 20_000);
});
