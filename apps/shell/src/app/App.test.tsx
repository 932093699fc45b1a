import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient } from '@tanstack/react-query';
import type { SessionAgent } from '@octopus/contracts';
import type { FederationRuntime } from '@octopus/federation';
import { TelephonyClient, type TelephonyCall, type WebSocketLike } from '@octopus/telephony';
import { createSessionStore } from '../session/session-store';
import { loginResponse, NOW } from '../test-utils';
import type * as CountRendersModule from '../testing/count-renders';
import { rendersOf } from '../testing/count-renders';
import { App } from './App';

// The header's language switch renders exactly when the workbench frame does (no props, not memoised):
// it counts the frame's renders.
jest.mock('../layout/LanguageSwitch', () =>
  jest.requireActual<typeof CountRendersModule>('../testing/count-renders').countRenders(jest.requireActual('../layout/LanguageSwitch'), 'LanguageSwitch'),
);

/** Sockets the CTI driver opened; the test plays the server. */
const sockets: FakeSocket[] = [];
class FakeSocket implements WebSocketLike {
  readyState = 0;
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  constructor(readonly url: string) {
    sockets.push(this);
  }
  send() {}
  close() {
    this.readyState = 3;
  }
  serverCloses(code: number) {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
}

const runtime: FederationRuntime = {
  registerRemotes: () => undefined,
  loadRemote: async () => {
    throw new Error('no remotes in this test');
  },
};

type Route = (init: RequestInit) => { status?: number; body?: unknown };
function fetchWith(routes: Record<string, Route>) {
  const calls: Array<{ path: string; init: RequestInit }> = [];
  const impl = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const path = new URL(String(input), 'http://localhost').pathname;
    calls.push({ path, init });
    const answer = routes[path]?.(init) ?? { status: 404, body: { error: 'not_found', message: path } };
    const status = answer.status ?? 200;
    const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    return { ok: status < 400, status, headers: new Headers(), text: async () => text, json: async () => JSON.parse(text) as unknown } as Response;
  }) as typeof fetch;
  return { impl, calls };
}

async function renderApp(options: { agent?: Partial<SessionAgent>; api?: Record<string, Route>; cti?: Record<string, Route>; registry?: typeof fetch; runtime?: FederationRuntime; registryPollMs?: number } = {}) {
  sockets.length = 0;
  globalThis.fetch = options.registry ?? fetchWith({ '/registry.json': () => ({ body: { remotes: {} } }) }).impl;
  const api = fetchWith({ '/call-records': () => ({ body: { records: [] } }), ...options.api });
  const cti = fetchWith({ '/auth/logout': () => ({ status: 204 }), ...options.cti });
  const session = createSessionStore({ ctiUrl: 'http://cti.test', fetchImpl: cti.impl });
  const response = loginResponse({ expiresAt: Date.now() + 15 * 60_000 });
  session.setState({ token: response.token, expiresAt: response.expiresAt, localExpiresAt: response.expiresAt, sessionId: response.sessionId, agent: { ...response.agent, ...options.agent } });
  const client = new TelephonyClient();
  const telephony = client.store;
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  await act(async () => {
    render(
      <App
        queryClient={queryClient}
        telephony={client}
        session={session}
        config={{ ctiUrl: 'http://cti.test', apiUrl: 'http://api.test' }}
        locale="en-US"
        runtime={options.runtime ?? runtime}
        registryUrl="/registry.json"
        registryPollMs={options.registryPollMs}
        WebSocketImpl={FakeSocket}
        fetchImpl={api.impl}
      />,
    );
  });
  await waitFor(() => expect(sockets).toHaveLength(1));
  return { session, telephony, queryClient, api, cti };
}

describe('<App>: the session', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('returns to the login page with a message when the cti-server ends the session (close 4403)', async () => {
    const { session } = await renderApp();
    expect(screen.getByTestId('agent-identity')).toHaveTextContent('王芳 (1001)');
    await act(async () => sockets[0]!.serverCloses(4403));
    expect(await screen.findByRole('status')).toHaveTextContent('Your session ended (logged out elsewhere, revoked or expired); log in again');
    expect(screen.getByRole('button', { name: 'Log in' })).toBeInTheDocument();
    expect(session.getState()).toMatchObject({ token: null, ended: 'ended' });
  });

  it('returns to the login page when the api answers 401 session_ended', async () => {
    await renderApp({ api: { '/call-records': () => ({ status: 401, body: { error: 'session_ended', message: 'the session has ended' } }) } });
    expect(await screen.findByRole('status')).toHaveTextContent('Your session ended');
  });

  it('says so when the agent already has too many sessions (close 4410)', async () => {
    await renderApp();
    await act(async () => sockets[0]!.serverCloses(4410));
    expect(await screen.findByRole('status')).toHaveTextContent('This agent has too many open sessions');
  });

  it('keeps the connection open when the token is renewed: the session, not the token, owns it', async () => {
    const { session } = await renderApp();
    await act(async () => session.setState({ token: 't2', localExpiresAt: NOW + 30 * 60_000 }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.readyState).toBe(0);
  });

  it('Log out revokes the session at the cti-server, then shows the login page without an alarm', async () => {
    const { cti } = await renderApp({
      cti: {
        '/auth/logout': () => {
          // The cti-server closes this session's sockets at once.
          sockets[0]!.serverCloses(4403);
          return { status: 204 };
        },
      },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Log out' }));
    expect(await screen.findByRole('button', { name: 'Log in' })).toBeInTheDocument();
    expect(cti.calls.map((call) => [call.path, (call.init.headers as Record<string, string>).authorization])).toEqual([['/auth/logout', 'Bearer t1']]);
    expect(screen.queryByRole('status')).toBeNull();
  });
});

describe('<App>: the audit log link', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('is hidden from agents, and /audit-log shows them the workbench', async () => {
    window.history.replaceState(null, '', '/audit-log');
    await renderApp();
    expect(screen.queryByRole('button', { name: 'Audit log' })).toBeNull();
    expect(screen.queryByTestId('audit-log')).toBeNull();
    expect(screen.getByTestId('workbench-body')).not.toHaveStyle({ display: 'none' });
  });

  it('opens the audit log for a supervisor, keeping the workbench mounted behind it, and Back returns', async () => {
    const entries = [
      { seq: 7, at: '2026-11-30T09:00:00.000Z', agentId: '1004', sessionId: 's-9', userId: 'U0000002', callId: 'c-1', ticketId: null, action: 'read-user', outcome: 'masked', via: 'grant', reason: 'unverified' },
    ];
    await renderApp({ agent: { id: '2001', name: '主管', role: 'supervisor' }, api: { '/audit-log': () => ({ body: { entries, nextBefore: null } }) } });
    expect(screen.getByTestId('agent-identity')).toHaveTextContent('主管 (2001) · Supervisor');
    await userEvent.click(screen.getByRole('button', { name: 'Audit log' }));
    expect(window.location.pathname).toBe('/audit-log');
    // The page is loaded lazily (its table is not in the login JavaScript): a generous ceiling.
    expect(await screen.findByText('read-user', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByTestId('workbench-body')).toHaveStyle({ display: 'none' });
    expect(screen.getByTestId('phone-bar')).toBeInTheDocument();
    await act(async () => {
      window.history.back();
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    await waitFor(() => expect(screen.queryByTestId('audit-log')).toBeNull());
    expect(screen.getByTestId('workbench-body')).not.toHaveStyle({ display: 'none' });
  });
});

describe('<App>: the remote tabs come from the registry', () => {
  const entry = (port: number, extra: Record<string, unknown> = {}) => ({ entry: `http://localhost:${port}/1.0.0/mf-manifest.json`, version: '1.0.0', ...extra });
  const registry = {
    remotes: {
      tickets: entry(3001),
      orders: entry(3002),
      logistics: entry(3105, { tab: { title: { 'zh-CN': '物流', 'en-US': 'Logistics' }, order: 15 } }),
      board: entry(3106, { tab: { title: { 'en-US': 'Board' }, roles: ['supervisor', 'admin'] } }),
    },
    invalid: [{ remote: 'payroll', reason: 'payroll.entry: Invalid URL' }],
  };
  beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  const tabLabels = () => screen.getAllByRole('tab').map((tab) => tab.textContent);

  it('shows every remote the registry lists for the role, in the registry order, titled per locale', async () => {
    await renderApp({ registry: fetchWith({ '/registry.json': () => ({ body: registry }) }).impl });
    await waitFor(() => expect(tabLabels()).toEqual(['Tickets', 'Logistics', 'Orders']));
  });

  it('shows role-restricted tabs to the roles that see them', async () => {
    await renderApp({ agent: { role: 'supervisor' }, registry: fetchWith({ '/registry.json': () => ({ body: registry }) }).impl });
    await waitFor(() => expect(tabLabels()).toEqual(['Tickets', 'Logistics', 'Orders', 'Board']));
  });

  it('paints the caller panel while the registry has not answered', async () => {
    const never = (() => new Promise<Response>(() => undefined)) as typeof fetch;
    await renderApp({ registry: never });
    expect(screen.getByTestId('caller-panel')).toBeInTheDocument();
    expect(screen.queryAllByRole('tab')).toHaveLength(0);
  });
});

describe('<App>: canary releases', () => {
  const stable = { entry: 'http://localhost:3001/0.1.0/mf-manifest.json', version: '0.1.0' };
  const canary = { entry: 'http://localhost:3001/0.2.0/mf-manifest.json', version: '0.2.0', groups: ['presale'] };
  const registry = { remotes: { tickets: { ...stable, canary } } };

  async function registeredEntries(agent: Partial<SessionAgent>) {
    const registered: string[] = [];
    const capture: FederationRuntime = { ...runtime, registerRemotes: (remotes) => void registered.push(...remotes.map((remote) => remote.entry)) };
    await renderApp({ agent, runtime: capture, registry: fetchWith({ '/registry.json': () => ({ body: registry }) }).impl });
    await waitFor(() => expect(registered.length).toBeGreaterThan(0));
    return registered;
  }

  it('loads the canary release for an agent of the canary group', async () => {
    expect(await registeredEntries({ skillGroups: ['presale'] })).toEqual([canary.entry]);
  });

  it('loads the stable release for the other agents', async () => {
    expect(await registeredEntries({ id: '1004', skillGroups: ['aftersale'] })).toEqual([stable.entry]);
  });
});

describe('<App>: live rollout', () => {
  beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('an open page picks up a registry change by itself (no reload): a new remote appears', async () => {
    const tickets = { entry: 'http://localhost:3001/0.1.0/mf-manifest.json', version: '0.1.0' };
    let served: unknown = { remotes: { tickets } };
    await renderApp({ registryPollMs: 200, registry: fetchWith({ '/registry.json': () => ({ body: served }) }).impl });
    await waitFor(() => expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Tickets']));
    served = { remotes: { tickets, logistics: { entry: 'http://localhost:3105/1.0.0/mf-manifest.json', version: '1.0.0', tab: { title: { 'en-US': 'Logistics' } } } } };
    await waitFor(() => expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Tickets', 'Logistics']), { timeout: 5000 });
  });

  it('holds a change while the agent is on a call and applies it when the call ends', async () => {
    const tickets = { entry: 'http://localhost:3001/0.1.0/mf-manifest.json', version: '0.1.0' };
    let served: unknown = { remotes: { tickets } };
    const { telephony } = await renderApp({ registryPollMs: 100, registry: fetchWith({ '/registry.json': () => ({ body: served }) }).impl });
    await waitFor(() => expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Tickets']));
    await act(async () => telephony.setState({ activeCallId: 'call-under-hands' }));
    served = { remotes: { tickets, logistics: { entry: 'http://localhost:3105/1.0.0/mf-manifest.json', version: '1.0.0', tab: { title: { 'en-US': 'Logistics' } } } } };
    await act(async () => new Promise((resolve) => setTimeout(resolve, 800)));
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Tickets']);
    await act(async () => telephony.setState({ activeCallId: null }));
    await waitFor(() => expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Tickets', 'Logistics']));
  });

  it('a ring, its answer and its end do not re-render the workbench frame (only the parts that show the call)', async () => {
    const tickets = { entry: 'http://localhost:3001/0.1.0/mf-manifest.json', version: '0.1.0' };
    const { telephony } = await renderApp({ registry: fetchWith({ '/registry.json': () => ({ body: { remotes: { tickets } } }) }).impl });
    await waitFor(() => expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Tickets']), { timeout: 10_000 });
    await act(async () => new Promise((resolve) => setTimeout(resolve, 100)));
    const before = rendersOf('LanguageSwitch');
    const call: TelephonyCall = {
      id: 'c-1', rev: 1, direction: 'inbound', number: '13800138000', from: '13800138000', callerId: null, province: '北京', city: '北京', skillGroup: 'presale',
      state: 'ringing', role: 'owner', customer: { userId: null, name: null, phone: '13800138000', verification: { status: 'unverified', method: null }, numberMatchesAccount: false }, keyTrack: '1', muted: false, held: false, heldSince: null, dispositionRequired: false, disposition: null, ringingSince: Date.now(), ringDeadline: Date.now() + 20_000, connectedAt: null, endedAt: null,
      endReason: null, wrapUpDeadline: null, fromAgentId: null, transfer: null, consult: null, participants: [], transfers: [],
      ratingInvited: false, rating: null, dtmfSent: '', grant: null,
    };
    await act(async () => telephony.setState({ calls: new Map([['c-1', call]]), callIds: ['c-1'], activeCallId: 'c-1' }));
    await waitFor(() => expect(document.querySelector('[data-caller-call-id="c-1"]')).not.toBeNull());
    await act(async () => telephony.setState({ calls: new Map([['c-1', { ...call, state: 'talking' as const, connectedAt: Date.now() }]]) }));
    await act(async () => telephony.setState({ calls: new Map([['c-1', { ...call, state: 'ended' as const, endedAt: Date.now() }]]) }));
    expect(rendersOf('LanguageSwitch') - before).toBe(0);
  });

  it('applies a held change once the call on screen has ended, though it stays on screen', async () => {
    const tickets = { entry: 'http://localhost:3001/0.1.0/mf-manifest.json', version: '0.1.0' };
    let served: unknown = { remotes: { tickets } };
    const { telephony } = await renderApp({ registryPollMs: 100, registry: fetchWith({ '/registry.json': () => ({ body: served }) }).impl });
    await waitFor(() => expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Tickets']), { timeout: 10_000 });
    const call: TelephonyCall = {
      id: 'c-1', rev: 1, direction: 'inbound', number: '13800138000', from: '13800138000', callerId: null, province: '北京', city: '北京', skillGroup: 'presale',
      state: 'wrap-up', role: 'owner', customer: { userId: null, name: null, phone: '13800138000', verification: { status: 'unverified', method: null }, numberMatchesAccount: false }, keyTrack: '1', muted: false, held: false, heldSince: null, dispositionRequired: false, disposition: null, ringingSince: 1, ringDeadline: 2, connectedAt: 3, endedAt: 4,
      endReason: 'agent-hangup', wrapUpDeadline: Date.now() + 60_000, fromAgentId: null, transfer: null, consult: null, participants: [], transfers: [],
      ratingInvited: false, rating: null, dtmfSent: '', grant: null,
    };
    await act(async () => telephony.setState({ calls: new Map([['c-1', call]]), callIds: ['c-1'], activeCallId: 'c-1' }));
    served = { remotes: { tickets, logistics: { entry: 'http://localhost:3105/1.0.0/mf-manifest.json', version: '1.0.0', tab: { title: { 'en-US': 'Logistics' } } } } };
    await act(async () => new Promise((resolve) => setTimeout(resolve, 800)));
    // After-call work is still the call's: nothing switches under the agent's hands.
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Tickets']);
    await act(async () => telephony.setState({ calls: new Map([['c-1', { ...call, state: 'ended' as const }]]) }));
    await waitFor(() => expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Tickets', 'Logistics']), { timeout: 10_000 });
    expect(telephony.getState().activeCallId).toBe('c-1');
  });
});

describe('<App>: remote load telemetry', () => {
  beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('reports each remote load (remote, version, track, outcome, stage, duration) to the api collector', async () => {
    const reports: Array<{ auth: unknown; loads: unknown[] }> = [];
    const routes = {
      '/registry.json': () => ({ body: { remotes: { tickets: { entry: 'http://localhost:3001/0.1.0/mf-manifest.json', version: '0.1.0' } } } }),
      '/telemetry/remote-loads': (init: RequestInit) => {
        reports.push({ auth: (init.headers as Record<string, string>).Authorization, loads: (JSON.parse(String(init.body)) as { loads: unknown[] }).loads });
        return { status: 204 };
      },
    };
    await renderApp({ registry: fetchWith(routes).impl });
    await waitFor(() => expect(reports).toHaveLength(1), { timeout: 10_000 });
    expect(reports[0]!.auth).toMatch(/^Bearer /);
    expect(reports[0]!.loads).toEqual([{ remote: 'tickets', version: '0.1.0', track: 'stable', outcome: 'failed', stage: 'module', durationMs: expect.any(Number) }]);
  });
});

describe('<App>: Retry re-reads the registry', () => {
  beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('loads the release the registry names now', async () => {
    const bad = { entry: 'http://localhost:3001/9.9.9/mf-manifest.json', version: '9.9.9' };
    const good = { entry: 'http://localhost:3001/0.1.0/mf-manifest.json', version: '0.1.0' };
    let served: unknown = { remotes: { tickets: bad } };
    const registered: string[] = [];
    const capture: FederationRuntime = { ...runtime, registerRemotes: (remotes) => void registered.push(...remotes.map((remote) => remote.entry)) };
    await renderApp({ runtime: capture, registry: fetchWith({ '/registry.json': () => ({ body: served }) }).impl });
    // The three attempts with backoff take a while on a loaded machine; query the slot, not the whole tree.
    await waitFor(() => expect(document.querySelector('[data-remote-fallback="tickets"] button')).not.toBeNull(), { timeout: 25_000 });
    const retry = document.querySelector<HTMLButtonElement>('[data-remote-fallback="tickets"] button')!;
    served = { remotes: { tickets: good } };
    await act(async () => {
      await userEvent.click(retry);
    });
    await waitFor(() => expect(registered).toContain(good.entry));
    expect(registered.at(-1)).toBe(good.entry);
  });
});
