import type { LoginResponse } from '@octopus/contracts';
import { MemoryAccountDirectory, demoAccounts, startCtiServer, type CtiServer } from '../index';
import { createCtiDriver, TelephonyClient, type WebSocketConstructor } from '@octopus/telephony';
import WS from 'ws';

const SECRET = 'telephony-takeover-secret';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(pred: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end && !pred()) await sleep(5);
  expect(pred()).toBe(true);
}

describe('the phone across connections of one agent', () => {
  let server: CtiServer;
  beforeAll(async () => {
    server = await startCtiServer({
      port: 0,
      host: '127.0.0.1',
      mode: 'test',
      tokenSecret: SECRET,
      accounts: new MemoryAccountDirectory({ tokenSecret: SECRET, accounts: demoAccounts().filter((a) => a.id === '1001') }),
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('a second connection follows; the tab that held the phone takes it back when it reconnects, and the other is told', async () => {
    const login = async () =>
      ((await (await fetch(`${server.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ agentId: '1001', password: 'octopus' }) })).json()) as LoginResponse).token;
    const urls: string[] = [];
    const sockets: WS[] = [];
    class Recorded extends WS {
      constructor(url: string) {
        super(url);
        urls.push(url);
        sockets.push(this);
      }
    }
    const open = async () => {
      const client = new TelephonyClient();
      const store = client.store;
      const driver = createCtiDriver({ url: server.url, token: await login(), WebSocket: Recorded as unknown as WebSocketConstructor, backoff: { initialMs: 5, maxMs: 40 } });
      return { store, stop: client.connect(driver) };
    };
    const a = await open();
    await until(() => a.store.getState().session?.phone === true);
    const b = await open();
    await until(() => b.store.getState().session !== null);
    expect(b.store.getState().session?.phone).toBe(false);
    expect(urls.every((url) => !url.includes('takeover'))).toBe(true);

    // A's network drops: the server hands the phone to B; A reconnects asking for it back.
    sockets[0]!.terminate();
    await until(() => urls.length >= 3);
    expect(urls[2]).toContain('takeover=1');
    await until(() => a.store.getState().connection === 'connected' && a.store.getState().session?.phone === true);
    await until(() => b.store.getState().session?.phone === false);
    expect(b.store.getState().notices.map((n) => n.code)).toContain('phone-taken');
    a.stop();
    b.stop();
  });
});
