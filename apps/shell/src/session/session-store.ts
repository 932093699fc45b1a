import { createStore, type StoreApi } from 'zustand/vanilla';
import { AGENT_TOKEN_TTL_SECONDS, loginResponseSchema, type LoginResponse, type SessionAgent } from '@octopus/contracts';

/**
 * Why the agent is back at the login page without having logged out: `ended` the server ended the
 * session (logout elsewhere, revoked, expired: WebSocket close 4403 or api 401 `session_ended`);
 * `expired` the token ran out while the agent was inactive; `too-many-sessions` the cti-server refused
 * another connection for this agent (close 4410).
 */
export type SessionEndReason = 'ended' | 'expired' | 'too-many-sessions';

export interface SessionState {
  token: string | null;
  /** When `token` stops being accepted, by the server's clock (epoch ms). */
  expiresAt: number | null;
  /**
   * When `token` runs out by this browser's clock (epoch ms): the lifetime the server gave it, counted
   * from when it arrived and capped at AGENT_TOKEN_TTL_SECONDS, so a slow local clock cannot stretch it.
   */
  localExpiresAt: number | null;
  sessionId: string | null;
  agent: SessionAgent | null;
  /** Why the previous session ended; shown on the login page. Null after a deliberate logout. */
  ended: SessionEndReason | null;
  /** Between pressing Log out and the server's answer (the server then closes our socket: not an "ended"). */
  loggingOut: boolean;
}

export interface SessionStore extends StoreApi<SessionState> {
  /** `POST /auth/login`. Throws a {@link LoginError}. */
  login(agentId: string, password: string): Promise<void>;
  /**
   * `POST /auth/refresh` with the current token: stores the new token (same session) and returns it.
   * A 401 means the session is over: the state is cleared with reason `ended` and a LoginError
   * `ended` is thrown. Network or server failures throw without touching the session (try again later).
   */
  refresh(): Promise<string>;
  /** `POST /auth/logout` (waits at most `logoutTimeoutMs`, failures ignored), then clears the session. */
  logout(): Promise<void>;
  /** The server says the session is over: clear it and remember why. No-op while logging out or logged out. */
  end(reason: SessionEndReason): void;
}

export type LoginErrorKind = 'credentials' | 'throttled' | 'disabled' | 'unreachable' | 'server' | 'ended';

export class LoginError extends Error {
  constructor(
    message: string,
    readonly kind: LoginErrorKind,
    /** For `throttled`: seconds to wait before the next attempt (Retry-After). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'LoginError';
  }
}

const STORAGE_KEY = 'octopus.session';
const EMPTY: SessionState = { token: null, expiresAt: null, localExpiresAt: null, sessionId: null, agent: null, ended: null, loggingOut: false };

interface Stored {
  session: LoginResponse;
  localExpiresAt: number;
}

/** The session survives a reload (sessionStorage: per tab, gone when the tab closes); an expired one does not. */
function restore(storage: Storage | undefined, now: number): SessionState {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return EMPTY;
    const stored = JSON.parse(raw) as Partial<Stored>;
    const parsed = loginResponseSchema.safeParse(stored.session);
    if (!parsed.success || typeof stored.localExpiresAt !== 'number' || stored.localExpiresAt <= now) return EMPTY;
    return { ...fromResponse(parsed.data, now), localExpiresAt: stored.localExpiresAt };
  } catch {
    return EMPTY;
  }
}

function fromResponse(response: LoginResponse, now: number): SessionState {
  const lifetime = Math.min(Math.max(response.expiresAt - now, 0), AGENT_TOKEN_TTL_SECONDS * 1000);
  return {
    token: response.token,
    expiresAt: response.expiresAt,
    localExpiresAt: now + lifetime,
    sessionId: response.sessionId,
    agent: response.agent,
    ended: null,
    loggingOut: false,
  };
}

/** Retry-After in seconds: the header (when the cti-server exposes it to CORS), else the body's field. */
function retryAfter(response: Response, body: unknown): number | null {
  const header = typeof response.headers?.get === 'function' ? response.headers.get('retry-after') : null;
  const fromBody = body && typeof body === 'object' ? ((body as Record<string, unknown>).retryAfterSeconds ?? (body as Record<string, unknown>).retryAfter) : null;
  for (const candidate of [header, fromBody]) {
    const seconds = Number(candidate);
    if (candidate !== null && candidate !== undefined && candidate !== '' && Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  }
  return null;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

export interface SessionStoreOptions {
  ctiUrl: string;
  storage?: Storage;
  fetchImpl?: typeof fetch;
  now?: () => number;
  /** How long Log out waits for the server before clearing anyway (ms, default 3000). */
  logoutTimeoutMs?: number;
}

export function createSessionStore(options: SessionStoreOptions): SessionStore {
  const storage = options.storage;
  const now = options.now ?? Date.now;
  const doFetch = options.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const store = createStore<SessionState>()(() => restore(storage, now()));
  store.subscribe((state, previous) => {
    if (state.token === previous.token && state.agent === previous.agent) return;
    if (state.token && state.expiresAt !== null && state.sessionId && state.agent && state.localExpiresAt !== null) {
      const stored: Stored = { session: { token: state.token, expiresAt: state.expiresAt, sessionId: state.sessionId, agent: state.agent }, localExpiresAt: state.localExpiresAt };
      storage?.setItem(STORAGE_KEY, JSON.stringify(stored));
    } else {
      storage?.removeItem(STORAGE_KEY);
    }
  });

  const post = (path: string, init: { token?: string; body?: unknown; signal?: AbortSignal }) =>
    doFetch(`${options.ctiUrl}${path}`, {
      method: 'POST',
      headers: {
        // Always JSON, even with nothing to say: the cti-server refuses other POSTs (no cross-site form posts).
      'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: JSON.stringify(init.body ?? {}),
      signal: init.signal,
    });

  const end = (reason: SessionEndReason) => {
    const state = store.getState();
    if (!state.token || state.loggingOut) return;
    store.setState({ ...EMPTY, ended: reason });
  };

  return {
    ...store,
    async login(agentId, password) {
      let response: Response;
      try {
        response = await post('/auth/login', { body: { agentId: agentId.trim(), password } });
      } catch {
        throw new LoginError('the telephony server is unreachable', 'unreachable');
      }
      if (response.status === 429) {
        throw new LoginError('too many failed attempts', 'throttled', retryAfter(response, await readJson(response)));
      }
      if (response.status === 403) throw new LoginError('this account is disabled', 'disabled');
      if (response.status === 401 || response.status === 400) {
        throw new LoginError('wrong agent id or password', 'credentials');
      }
      if (!response.ok) throw new LoginError(`login failed (${response.status})`, 'server');
      const parsed = loginResponseSchema.safeParse(await readJson(response));
      if (!parsed.success) throw new LoginError('the telephony server answered an unexpected login response', 'server');
      store.setState(fromResponse(parsed.data, now()));
    },
    async refresh() {
      const { token, sessionId } = store.getState();
      if (!token) throw new LoginError('not logged in', 'ended');
      let response: Response;
      try {
        response = await post('/auth/refresh', { token });
      } catch {
        throw new LoginError('the telephony server is unreachable', 'unreachable');
      }
      if (response.status === 401) {
        if (store.getState().token === token) end('ended');
        throw new LoginError('the session has ended', 'ended');
      }
      if (!response.ok) throw new LoginError(`refresh failed (${response.status})`, 'server');
      const parsed = loginResponseSchema.safeParse(await readJson(response));
      if (!parsed.success || parsed.data.sessionId !== sessionId) throw new LoginError('the telephony server answered an unexpected refresh response', 'server');
      // Logged out (or ended) while the request was in flight: the new token must not bring the session back.
      if (store.getState().token !== token) throw new LoginError('the session changed meanwhile', 'ended');
      store.setState(fromResponse(parsed.data, now()));
      return parsed.data.token;
    },
    async logout() {
      const { token } = store.getState();
      if (!token) return;
      store.setState({ loggingOut: true });
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), options.logoutTimeoutMs ?? 3000);
      try {
        // Revokes the session server-side; the cti-server closes this agent's sockets at once.
        await post('/auth/logout', { token, signal: controller.signal });
      } catch {
        // Unreachable: the session still ends here, and server-side at its idle expiry.
      } finally {
        clearTimeout(timer);
      }
      store.setState(EMPTY);
    },
    end,
  };
}
