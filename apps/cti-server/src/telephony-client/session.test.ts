// Sessions as @octopus/telephony's client sees them against a real cti-server: ended by the server (4403),
// too many tabs (4410), renewal that keeps the socket open and is used on reconnect. (Flooding at the
// driver's seam and bindCustomer's proof: packages/telephony's driver and client tests.)
import type { LoginResponse } from '@octopus/contracts';
import { CTI_CLOSE_CODES } from '@octopus/contracts';
import { MemoryAccountDirectory, startCtiServer, type CtiServer } from '../index';
import { createCtiDriver, TelephonyClient, type WebSocketConstructor } from '@octopus/telephony';
import WS from 'ws';

const SECRET = 'telephony-session-secret';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(pred: () => boolean, timeoutMs = 3000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (pred()) return true;
    await sleep(5);
  }
  return pred();
}

async function post(url: string, body: unknown, token?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

async function login(server: CtiServer, agentId: string): Promise<LoginResponse> {
  const res = await post(`${server.url}/auth/login`, { agentId, password: 'octopus' });
  expect(res.status).toBe(200);
  return (await res.json()) as LoginResponse;
}

function client(server: CtiServer, token: string) {
  const telephony = new TelephonyClient();
  const store = telephony.store;
  const driver = createCtiDriver({ url: server.url, token, WebSocket: WS as unknown as WebSocketConstructor, backoff: { initialMs: 5, maxMs: 20 }, commandTimeoutMs: 2000 });
  const stop = telephony.connect(driver);
  return { telephony, store, driver, stop };
}

describe('session endings and renewal against a cti-server', () => {
  let server: CtiServer;
  beforeAll(async () => {
    server = await startCtiServer({
      port: 0,
      host: '127.0.0.1',
      mode: 'test',
      tokenSecret: SECRET,
      accounts: new MemoryAccountDirectory({ tokenSecret: SECRET, tokenTtlSeconds: 3 }),
      sessionCheckMs: 100,
    });
  });
  afterAll(() => server.close());

  it('records that the session ended when the server closes with 4403 (logout), and stops reconnecting', async () => {
    const session = await login(server, '1001');
    const c = client(server, session.token);
    await until(() => c.store.getState().connection === 'connected');
    expect((await post(`${server.url}/auth/logout`, {}, session.token)).status).toBe(200);
    expect(await until(() => c.store.getState().connection === 'session-ended')).toBe(true);
    expect(c.store.getState().connectionEnd).toMatchObject({ reason: 'session-ended', code: CTI_CLOSE_CODES.sessionEnded, message: expect.stringMatching(/log in again/) });
    const connects = c.driver.stats.connects;
    await sleep(150);
    expect(c.driver.stats.connects).toBe(connects);
    expect(c.store.getState().connection).toBe('session-ended');
    c.stop();
  });

  it('surfaces too-many-sessions (4410) on the sixth tab and stops that tab', async () => {
    const session = await login(server, '1002');
    const tabs = Array.from({ length: 5 }, () => client(server, session.token));
    await until(() => tabs.every((t) => t.store.getState().connection === 'connected'));
    const sixth = client(server, session.token);
    expect(await until(() => sixth.store.getState().connectionEnd !== null)).toBe(true);
    expect(sixth.store.getState()).toMatchObject({ connection: 'offline', connectionEnd: { reason: 'too-many-sessions', code: 4410 } });
    const connects = sixth.driver.stats.connects;
    await sleep(100);
    expect(sixth.driver.stats.connects).toBe(connects);
    for (const t of [...tabs, sixth]) t.stop();
  });

  it('renewSession keeps the socket open past the first token’s expiry and is used for the next reconnect', async () => {
    const session = await login(server, '1003');
    const renewing = client(server, session.token);
    const stale = client(server, (await login(server, '1004')).token);
    await until(() => renewing.store.getState().connection === 'connected' && stale.store.getState().connection === 'connected');
    await sleep(1500);
    const refreshed = (await (await post(`${server.url}/auth/refresh`, {}, session.token)).json()) as LoginResponse;
    await renewing.telephony.actions.renewSession(refreshed.token);
    // The first token expires within 3 s: the socket that did not renew is closed, the other stays.
    expect(await until(() => stale.store.getState().connection === 'session-ended', 4000)).toBe(true);
    expect(renewing.store.getState().connection).toBe('connected');
    // After a network drop, the driver presents the renewed token (the first one has expired by now).
    renewing.driver.dropConnection();
    await sleep(30);
    expect(await until(() => renewing.store.getState().connection === 'connected')).toBe(true);
    expect(renewing.store.getState().connectionEnd).toBeNull();
    // The driver's own method does the same.
    const again = (await (await post(`${server.url}/auth/refresh`, {}, refreshed.token)).json()) as LoginResponse;
    await expect(renewing.driver.renewSession(again.token)).resolves.toBeUndefined();
    renewing.stop();
    stale.stop();
  }, 10_000);
});
