import { createStore, type StoreApi } from 'zustand/vanilla';
import { loginResponseSchema, type LoginResponse } from '@octopus/contracts';

export interface SessionState {
  token: string | null;
  agent: LoginResponse['agent'] | null;
}

export interface SessionStore extends StoreApi<SessionState> {
  login(agentId: string, password: string): Promise<void>;
  logout(): void;
}

export class LoginError extends Error {
  constructor(
    message: string,
    readonly kind: 'credentials' | 'unreachable' | 'server',
  ) {
    super(message);
    this.name = 'LoginError';
  }
}

const STORAGE_KEY = 'octopus.session';

/** The session survives a reload (sessionStorage: per tab, gone when the tab closes). */
function restore(storage: Storage | undefined): SessionState {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return { token: null, agent: null };
    const parsed = JSON.parse(raw) as SessionState;
    return typeof parsed.token === 'string' && parsed.agent ? parsed : { token: null, agent: null };
  } catch {
    return { token: null, agent: null };
  }
}

export function createSessionStore(options: { ctiUrl: string; storage?: Storage; fetchImpl?: typeof fetch }): SessionStore {
  const storage = options.storage;
  const doFetch = options.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const store = createStore<SessionState>()(() => restore(storage));
  store.subscribe((state) => {
    if (state.token) storage?.setItem(STORAGE_KEY, JSON.stringify(state));
    else storage?.removeItem(STORAGE_KEY);
  });
  return {
    ...store,
    async login(agentId, password) {
      let response: Response;
      try {
        response = await doFetch(`${options.ctiUrl}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ agentId: agentId.trim(), password }),
        });
      } catch {
        throw new LoginError('the telephony server is unreachable', 'unreachable');
      }
      if (response.status === 401 || response.status === 403 || response.status === 400) {
        throw new LoginError('wrong agent id or password', 'credentials');
      }
      if (!response.ok) throw new LoginError(`login failed (${response.status})`, 'server');
      const parsed = loginResponseSchema.safeParse(await response.json());
      if (!parsed.success) throw new LoginError('the telephony server answered an unexpected login response', 'server');
      store.setState({ token: parsed.data.token, agent: parsed.data.agent });
    },
    logout() {
      store.setState({ token: null, agent: null });
    },
  };
}
