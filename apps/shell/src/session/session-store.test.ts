import { createSessionStore, LoginError } from './session-store';

const okResponse = (body: unknown, status = 200) => ({ ok: status < 400, status, json: async () => body }) as unknown as Response;

describe('session store', () => {
  it('logs in and keeps the session for a reload', async () => {
    const storage = new Map<string, string>();
    const fakeStorage = {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
      removeItem: (k: string) => void storage.delete(k),
    } as unknown as Storage;
    const fetchImpl = jest.fn(async () => okResponse({ token: 't1', agent: { id: '1001', name: '王芳', skillGroups: ['presale'] } }));
    const session = createSessionStore({ ctiUrl: 'http://cti', storage: fakeStorage, fetchImpl });
    await session.login(' 1001 ', 'octopus');
    expect(fetchImpl).toHaveBeenCalledWith('http://cti/auth/login', expect.objectContaining({ method: 'POST', body: JSON.stringify({ agentId: '1001', password: 'octopus' }) }));
    expect(session.getState().agent?.name).toBe('王芳');
    const restored = createSessionStore({ ctiUrl: 'http://cti', storage: fakeStorage, fetchImpl });
    expect(restored.getState().token).toBe('t1');
    restored.logout();
    expect(storage.size).toBe(0);
  });

  it('says wrong credentials apart from an unreachable server', async () => {
    const wrong = createSessionStore({ ctiUrl: 'http://cti', fetchImpl: async () => okResponse({ error: 'x' }, 401) });
    await expect(wrong.login('1001', 'nope')).rejects.toMatchObject({ kind: 'credentials' });
    const down = createSessionStore({
      ctiUrl: 'http://cti',
      fetchImpl: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(down.login('1001', 'octopus')).rejects.toBeInstanceOf(LoginError);
    await expect(down.login('1001', 'octopus')).rejects.toMatchObject({ kind: 'unreachable' });
  });

  it('rejects a malformed login response', async () => {
    const odd = createSessionStore({ ctiUrl: 'http://cti', fetchImpl: async () => okResponse({ hello: 1 }) });
    await expect(odd.login('1001', 'octopus')).rejects.toMatchObject({ kind: 'server' });
    expect(odd.getState().token).toBeNull();
  });
});
