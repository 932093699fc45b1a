import { loginResponse, NOW } from '../test-utils';
import { createSessionStore, LoginError } from './session-store';

const okResponse = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  ({ ok: status < 400, status, json: async () => body, headers: new Headers(headers) }) as unknown as Response;

function memoryStorage() {
  const map = new Map<string, string>();
  const storage = {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  } as unknown as Storage;
  return { map, storage };
}

type Call = { url: string; init: RequestInit };
function fetchRoutes(routes: Record<string, (init: RequestInit) => Response | Promise<Response>>) {
  const calls: Call[] = [];
  const fetchImpl = jest.fn(async (url: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(url), init });
    const route = routes[new URL(String(url)).pathname];
    if (!route) throw new TypeError('fetch failed');
    return route(init);
  }) as unknown as typeof fetch;
  return { fetchImpl, calls };
}

describe('session store', () => {
  it('logs in with the LoginResponse of the contracts and keeps the session for a reload', async () => {
    const { map, storage } = memoryStorage();
    const { fetchImpl, calls } = fetchRoutes({ '/auth/login': () => okResponse(loginResponse()) });
    const session = createSessionStore({ ctiUrl: 'http://cti', storage, fetchImpl, now: () => NOW });
    await session.login(' 1001 ', 'octopus');
    expect(calls[0]).toEqual({ url: 'http://cti/auth/login', init: expect.objectContaining({ method: 'POST', body: JSON.stringify({ agentId: '1001', password: 'octopus' }) }) });
    expect(session.getState()).toMatchObject({ token: 't1', sessionId: 's-1', expiresAt: NOW + 15 * 60_000, localExpiresAt: NOW + 15 * 60_000, ended: null });
    expect(session.getState().agent).toEqual({ id: '1001', name: '王芳', role: 'agent', skillGroups: ['presale'] });
    const restored = createSessionStore({ ctiUrl: 'http://cti', storage, fetchImpl, now: () => NOW + 60_000 });
    expect(restored.getState()).toMatchObject({ token: 't1', sessionId: 's-1' });
    restored.end('ended');
    expect(map.size).toBe(0);
  });

  it('does not restore an expired session, nor one stored in the old shape (no expiry, no session id)', () => {
    const { map, storage } = memoryStorage();
    map.set('octopus.session', JSON.stringify({ session: loginResponse(), localExpiresAt: NOW - 1 }));
    expect(createSessionStore({ ctiUrl: 'http://cti', storage, now: () => NOW }).getState().token).toBeNull();
    map.set('octopus.session', JSON.stringify({ token: 't1', agent: { id: '1001', name: '王芳', skillGroups: [] } }));
    expect(createSessionStore({ ctiUrl: 'http://cti', storage, now: () => NOW }).getState().token).toBeNull();
  });

  it('counts the token’s lifetime on this browser’s clock, never longer than a token lives', async () => {
    // The server's clock is an hour ahead of ours: its expiresAt must not give us 75 minutes.
    const { fetchImpl } = fetchRoutes({ '/auth/login': () => okResponse(loginResponse({ expiresAt: NOW + 75 * 60_000 })) });
    const session = createSessionStore({ ctiUrl: 'http://cti', fetchImpl, now: () => NOW });
    await session.login('1001', 'octopus');
    expect(session.getState().localExpiresAt).toBe(NOW + 15 * 60_000);
  });

  it('tells wrong credentials, a disabled account, throttling and an unreachable server apart', async () => {
    const login = (response: Response | Error) =>
      createSessionStore({
        ctiUrl: 'http://cti',
        fetchImpl: async () => {
          if (response instanceof Error) throw response;
          return response;
        },
      }).login('1001', 'x');
    await expect(login(okResponse({ error: 'invalid_credentials' }, 401))).rejects.toMatchObject({ kind: 'credentials' });
    await expect(login(okResponse({ error: 'account_disabled' }, 403))).rejects.toMatchObject({ kind: 'disabled' });
    await expect(login(okResponse({ error: 'login_throttled' }, 429, { 'retry-after': '32' }))).rejects.toMatchObject({ kind: 'throttled', retryAfterSeconds: 32 });
    // Cross-origin, Retry-After is readable only when exposed: the body's value serves too.
    await expect(login(okResponse({ error: 'login_throttled', retryAfterSeconds: 7.2 }, 429))).rejects.toMatchObject({ kind: 'throttled', retryAfterSeconds: 8 });
    await expect(login(okResponse({ error: 'login_throttled' }, 429))).rejects.toMatchObject({ kind: 'throttled', retryAfterSeconds: null });
    await expect(login(new TypeError('fetch failed'))).rejects.toBeInstanceOf(LoginError);
    await expect(login(new TypeError('fetch failed'))).rejects.toMatchObject({ kind: 'unreachable' });
  });

  it('rejects a malformed login response', async () => {
    const odd = createSessionStore({ ctiUrl: 'http://cti', fetchImpl: async () => okResponse({ token: 't', agent: { id: '1001', name: 'x', skillGroups: [] } }) });
    await expect(odd.login('1001', 'octopus')).rejects.toMatchObject({ kind: 'server' });
    expect(odd.getState().token).toBeNull();
  });

  it('logs out at the server (Bearer) and then clears the session; a server close meanwhile is not "ended"', async () => {
    const { map, storage } = memoryStorage();
    let release!: () => void;
    const { fetchImpl, calls } = fetchRoutes({
      '/auth/login': () => okResponse(loginResponse()),
      '/auth/logout': () => new Promise<Response>((resolve) => (release = () => resolve(okResponse(null, 204)))),
    });
    const session = createSessionStore({ ctiUrl: 'http://cti', storage, fetchImpl, now: () => NOW });
    await session.login('1001', 'octopus');
    const done = session.logout();
    await Promise.resolve();
    expect(calls[1]).toEqual({ url: 'http://cti/auth/logout', init: expect.objectContaining({ method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer t1' }, body: '{}' }) });
    expect(session.getState().token).toBe('t1');
    // The cti-server closes our socket (4403) because of this very logout.
    session.end('ended');
    release();
    await done;
    expect(session.getState()).toMatchObject({ token: null, agent: null, ended: null, loggingOut: false });
    expect(map.size).toBe(0);
  });

  it('still logs out here when the server cannot be reached or does not answer in time', async () => {
    const unreachable = createSessionStore({ ctiUrl: 'http://cti', fetchImpl: fetchRoutes({ '/auth/login': () => okResponse(loginResponse()) }).fetchImpl });
    await unreachable.login('1001', 'octopus');
    await unreachable.logout();
    expect(unreachable.getState().token).toBeNull();

    const hanging = createSessionStore({
      ctiUrl: 'http://cti',
      logoutTimeoutMs: 20,
      fetchImpl: fetchRoutes({
        '/auth/login': () => okResponse(loginResponse()),
        '/auth/logout': (init) => new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted')))),
      }).fetchImpl,
    });
    await hanging.login('1001', 'octopus');
    await hanging.logout();
    expect(hanging.getState().token).toBeNull();
  });

  it('renews the token of the same session, and ends the session when the server says it is over', async () => {
    let now = NOW;
    const { fetchImpl, calls } = fetchRoutes({
      '/auth/login': () => okResponse(loginResponse()),
      '/auth/refresh': () => okResponse(loginResponse({ token: 't2', expiresAt: NOW + 28 * 60_000 })),
    });
    const session = createSessionStore({ ctiUrl: 'http://cti', fetchImpl, now: () => now });
    await session.login('1001', 'octopus');
    now = NOW + 13 * 60_000;
    await expect(session.refresh()).resolves.toBe('t2');
    expect(calls[1]).toEqual({ url: 'http://cti/auth/refresh', init: expect.objectContaining({ method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer t1' }, body: '{}' }) });
    expect(session.getState()).toMatchObject({ token: 't2', sessionId: 's-1', localExpiresAt: NOW + 28 * 60_000 });

    const revoked = createSessionStore({
      ctiUrl: 'http://cti',
      fetchImpl: fetchRoutes({ '/auth/login': () => okResponse(loginResponse()), '/auth/refresh': () => okResponse({ error: 'session_ended' }, 401) }).fetchImpl,
    });
    await revoked.login('1001', 'octopus');
    await expect(revoked.refresh()).rejects.toMatchObject({ kind: 'ended' });
    expect(revoked.getState()).toMatchObject({ token: null, ended: 'ended' });
  });

  it('keeps the session when a renewal fails for a passing reason, and never revives a session that ended meanwhile', async () => {
    let answer: (init: RequestInit) => Response | Promise<Response> = () => okResponse({ error: 'internal' }, 502);
    const { fetchImpl } = fetchRoutes({ '/auth/login': () => okResponse(loginResponse()), '/auth/refresh': (init) => answer(init) });
    const session = createSessionStore({ ctiUrl: 'http://cti', fetchImpl, now: () => NOW });
    await session.login('1001', 'octopus');
    await expect(session.refresh()).rejects.toMatchObject({ kind: 'server' });
    expect(session.getState().token).toBe('t1');

    let release!: () => void;
    answer = () => new Promise<Response>((resolve) => (release = () => resolve(okResponse(loginResponse({ token: 't2' })))));
    const pending = session.refresh();
    await Promise.resolve();
    session.end('ended');
    release();
    await expect(pending).rejects.toMatchObject({ kind: 'ended' });
    expect(session.getState()).toMatchObject({ token: null, ended: 'ended' });

    // A refresh answer for another session is not ours.
    answer = () => okResponse(loginResponse({ token: 't3', sessionId: 's-other' }));
    await session.login('1001', 'octopus');
    await expect(session.refresh()).rejects.toMatchObject({ kind: 'server' });
    expect(session.getState().token).toBe('t1');
  });
});
