// Sessions as the client sees them: ended by the server (4403), too many tabs (4410), flooding (4430),
// renewal that keeps the socket open and is used on reconnect, and bindCustomer's proof.
import type { CtiCommand, LoginResponse } from '@octopus/contracts';
import { CTI_CLOSE_CODES } from '@octopus/contracts';
import { MemoryAccountDirectory, startCtiServer, type CtiServer } from '@octopus/cti-server';
import WS from 'ws';
import { connectTelephony } from './connect';
import { createCtiDriver, type WebSocketConstructor, type WebSocketLike } from './ctiDriver';
import { CommandError, type TelephonyDriver } from './driver';
import { createTelephonyStore } from './store';

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
  const store = createTelephonyStore();
  const driver = createCtiDriver({ url: server.url, token, WebSocket: WS as unknown as WebSocketConstructor, backoff: { initialMs: 5, maxMs: 20 }, commandTimeoutMs: 2000 });
  const stop = connectTelephony(store, driver);
  return { store, driver, stop };
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
    await renewing.store.actions.renewSession(refreshed.token);
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

describe('client-side session API', () => {
  /** A driver that records commands and tokens. */
  function recordingDriver(fail?: CommandError) {
    const commands: CtiCommand[] = [];
    const tokens: string[] = [];
    const driver: TelephonyDriver = {
      start: () => undefined,
      stop: () => undefined,
      command: async (command) => {
        commands.push(command);
        if (fail) throw fail;
        return command.name === 'bindCustomer' ? { grant: 'g' } : null;
      },
      setToken: (token) => tokens.push(token),
    };
    return { driver, commands, tokens };
  }

  it('bindCustomer sends the proof when there is one', async () => {
    const store = createTelephonyStore();
    const d = recordingDriver();
    connectTelephony(store, d.driver);
    expect(await store.actions.bindCustomer('C1', 'U1', 'agent-search')).toBe('g');
    expect(await store.actions.bindCustomer('C1', 'U1', 'agent-confirm', 'proof-token')).toBe('g');
    expect(d.commands).toEqual([
      { name: 'bindCustomer', callId: 'C1', userId: 'U1', method: 'agent-search' },
      { name: 'bindCustomer', callId: 'C1', userId: 'U1', method: 'agent-confirm', proof: 'proof-token' },
    ]);
  });

  it('renewSession sets the driver’s token and sends the command; offline it only sets the token', async () => {
    const store = createTelephonyStore();
    const online = recordingDriver();
    connectTelephony(store, online.driver);
    await store.actions.renewSession('t2');
    expect(online.tokens).toEqual(['t2']);
    expect(online.commands).toEqual([{ name: 'renewSession', token: 't2' }]);
    const offline = recordingDriver(new CommandError('offline', 'not connected'));
    connectTelephony(store, offline.driver);
    await expect(store.actions.renewSession('t3')).resolves.toBeUndefined();
    expect(offline.tokens).toEqual(['t3']);
    const refused = recordingDriver(new CommandError('invalid-command', 'the token belongs to another session'));
    connectTelephony(store, refused.driver);
    await expect(store.actions.renewSession('t4')).rejects.toMatchObject({ reason: 'invalid-command' });
  });

  it('reports flooding (4430) with its reason and reconnects; the reason clears once connected', async () => {
    let opened = 0;
    const snapshot = (seq: number) =>
      JSON.stringify({
        seq,
        type: 'snapshot',
        protocol: 1,
        epoch: 'e',
        rev: 0,
        serverTime: Date.now(),
        session: { id: 's', phone: true, sessions: 1 },
        agent: { id: '1001', name: 'A', skillGroups: [], state: 'idle', chosenState: 'idle', nextState: null, stateSince: 0, wrapUpDeadline: null, reason: null, rev: 1 },
        calls: [],
        agents: null,
        groups: null,
        config: { ringTimeoutMs: 1, wrapUpMs: 1, heartbeatMs: 1000, reconnectGraceMs: 1 },
      });
    class FloodedSocket implements WebSocketLike {
      readyState = 0;
      onopen: WebSocketLike['onopen'] = null;
      onmessage: WebSocketLike['onmessage'] = null;
      onclose: WebSocketLike['onclose'] = null;
      onerror: WebSocketLike['onerror'] = null;
      constructor() {
        const n = ++opened;
        setTimeout(() => {
          this.readyState = 1;
          this.onopen?.({});
          this.onmessage?.({ data: snapshot(1) });
          if (n === 1) {
            this.onmessage?.({ data: JSON.stringify({ seq: 2, type: 'error', code: 'flooding', message: 'too many frames for too long' }) });
            this.readyState = 3;
            this.onclose?.({ code: CTI_CLOSE_CODES.flooding, reason: 'flooding' });
          }
        }, 1);
      }
      send(): void {}
      close(): void {
        this.readyState = 3;
      }
    }
    const store = createTelephonyStore();
    const seen: string[] = [];
    store.subscribe((s) => seen.push(`${s.connection}:${s.connectionEnd?.reason ?? '-'}`));
    const driver = createCtiDriver({ url: 'ws://x', token: 't', WebSocket: FloodedSocket, backoff: { initialMs: 1, maxMs: 2 } });
    const stop = connectTelephony(store, driver);
    expect(await until(() => opened === 2 && store.getState().connection === 'connected')).toBe(true);
    expect(seen).toContain('reconnecting:flooding');
    expect(store.getState().connectionEnd).toBeNull();
    stop();
  });

  it('store: session-ended is kept with its reason until a new connection succeeds; reset clears it', () => {
    const store = createTelephonyStore();
    const end = { reason: 'session-ended' as const, code: 4403, message: 'log in again', at: 1 };
    store.setConnection('session-ended', end);
    expect(store.getState()).toMatchObject({ connection: 'session-ended', connectionEnd: end });
    store.setConnection('offline');
    expect(store.getState().connectionEnd).toBe(end);
    store.setConnection('connected');
    expect(store.getState().connectionEnd).toBeNull();
    store.setConnection('session-ended', end);
    store.reset();
    expect(store.getState()).toMatchObject({ connection: 'offline', connectionEnd: null });
  });
});
