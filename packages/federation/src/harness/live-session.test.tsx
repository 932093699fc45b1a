import { act, renderHook, waitFor } from '@testing-library/react';
import type { LoginResponse } from '@octopus/contracts';
import { TelephonyClient } from '@octopus/telephony';
import { useLiveSession } from './live-session';

class SilentSocket {
  readyState = 0;
  onopen = null;
  onmessage = null;
  onclose = null;
  onerror = null;
  send() {}
  close() {}
}

function loginResponse(token: string, expiresAt: number): LoginResponse {
  return { token, expiresAt, sessionId: 's-1', agent: { id: '1001', name: '王芳', role: 'agent', skillGroups: ['presale', 'aftersale'] } };
}

describe('useLiveSession (standalone harness)', () => {
  const realWebSocket = globalThis.WebSocket;
  beforeEach(() => {
    (globalThis as unknown as { WebSocket: unknown }).WebSocket = SilentSocket;
  });
  afterEach(() => {
    (globalThis as unknown as { WebSocket: unknown }).WebSocket = realWebSocket;
    jest.useRealTimers();
  });

  it('logs in with the contracts’ LoginResponse, shows its agent, renews before expiry and logs out when it goes', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    const calls: Array<{ path: string; auth: string | undefined }> = [];
    globalThis.fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const path = new URL(String(input)).pathname;
      calls.push({ path, auth: (init.headers as Record<string, string>).authorization });
      const body = path === '/auth/login' ? loginResponse('t1', Date.now() + 15 * 60_000) : path === '/auth/refresh' ? loginResponse('t2', Date.now() + 15 * 60_000) : null;
      return { ok: true, status: body ? 200 : 204, json: async () => body } as Response;
    }) as typeof fetch;
    const telephony = new TelephonyClient();
    const { result, unmount } = renderHook(() => useLiveSession(telephony, 'http://cti.test', '1001', 'octopus'));
    await waitFor(() => expect(result.current.status).toBe('online'));
    expect(result.current).toMatchObject({ token: 't1', agent: { name: '王芳', skillGroups: ['presale', 'aftersale'] } });
    await act(async () => {
      jest.advanceTimersByTime(13 * 60_000);
    });
    await waitFor(() => expect(result.current).toMatchObject({ status: 'online', token: 't2' }));
    expect(calls.map((call) => [call.path, call.auth])).toEqual([
      ['/auth/login', undefined],
      ['/auth/refresh', 'Bearer t1'],
    ]);
    unmount();
    expect(calls.at(-1)).toEqual({ path: '/auth/logout', auth: 'Bearer t2' });
  });

  it('stays offline with the reason when the answer is not a session', async () => {
    globalThis.fetch = (async () => ({ ok: true, status: 200, json: async () => ({ token: 'old-shape' }) })) as unknown as typeof fetch;
    const { result } = renderHook(() => useLiveSession(new TelephonyClient(), 'http://cti.test', '1001', 'octopus'));
    await waitFor(() => expect(result.current.status).toBe('offline'));
  });
});
