import { act, render, screen, waitFor } from '@testing-library/react';
import type { ReactElement } from 'react';
import userEvent from '@testing-library/user-event';
import { RemoteLoaderProvider } from './RemoteLoaderContext';
import { RemoteSlot } from './RemoteSlot';
import { createRemoteLoader } from './remote-loader';
import { FakeRuntime, manifestOf, Providers, remoteModule, testProps, testRegistry } from './test-helpers';

const noWait = () => Promise.resolve();

// React 19 only resumes a suspended tree rendered inside an awaited act().
async function renderInAct(ui: ReactElement) {
  let utils!: ReturnType<typeof render>;
  await act(async () => {
    utils = render(ui);
  });
  return utils;
}

async function setup(runtime: FakeRuntime) {
  const loader = createRemoteLoader({ runtime, registry: testRegistry, hostContractVersion: '1.0.0', sleep: noWait });
  const utils = await renderInAct(
    <Providers>
      <RemoteLoaderProvider loader={loader}>
        <div data-testid="slot-tickets">
          <RemoteSlot name="tickets" props={testProps} />
        </div>
        <div data-testid="slot-orders">
          <RemoteSlot name="orders" props={testProps} />
        </div>
      </RemoteLoaderProvider>
    </Providers>,
  );
  return { ...utils, loader };
}

const Tickets = () => <div data-remote="tickets">tickets panel</div>;
const Orders = () => <div data-remote="orders">orders panel</div>;

function fallbackOf(name: string) {
  return document.querySelector(`[data-remote-fallback="${name}"]`);
}

describe('<RemoteSlot>', () => {
  it('shows a loading state, then the remote with the contract props', async () => {
    const runtime = new FakeRuntime();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen: unknown[] = [];
    runtime.set('octopus_tickets', {
      kind: 'ok',
      module: remoteModule('tickets', (props) => {
        seen.push(props.contractVersion);
        return <Tickets />;
      }),
    });
    runtime.set('octopus_orders', { kind: 'ok', module: remoteModule('orders', Orders) });
    const original = runtime.loadRemote.bind(runtime);
    runtime.loadRemote = async <T,>(id: string) => {
      if (id.startsWith('octopus_tickets')) await gate;
      return original<T>(id);
    };
    await setup(runtime);
    expect(document.querySelector('[data-remote-loading="tickets"]')).not.toBeNull();
    await act(async () => release());
    expect(await screen.findByText('tickets panel')).toBeInTheDocument();
    expect(seen[0]).toBe('1.2.0');
  });

  it('renders a remote whose code is already loaded in the first commit, with no skeleton (React would hold a fallback ≥ 300 ms)', async () => {
    const runtime = new FakeRuntime();
    runtime.set('octopus_tickets', { kind: 'ok', module: remoteModule('tickets', Tickets) });
    runtime.set('octopus_orders', { kind: 'ok', module: remoteModule('orders', Orders) });
    const loader = createRemoteLoader({ runtime, registry: testRegistry, hostContractVersion: '1.0.0', sleep: noWait });
    // Preloaded at login: the code is in, but no slot has used the promise yet.
    await act(async () => {
      await loader.load('tickets');
    });
    expect(loader.loaded('tickets')?.name).toBe('tickets');
    // A plain synchronous render (no awaited act): the panel is in the DOM straight away.
    act(() => {
      render(
        <Providers>
          <RemoteLoaderProvider loader={loader}>
            <RemoteSlot name="tickets" props={testProps} />
          </RemoteLoaderProvider>
        </Providers>,
      );
    });
    expect(document.querySelector('[data-remote-loading="tickets"]')).toBeNull();
    expect(screen.getByText('tickets panel')).toBeInTheDocument();
  });

  it.each([
    ['manifest', { kind: 'reject', error: new Error('[ Federation Runtime ]: Failed to get manifest'), lifecycle: 'afterResolve' }, /manifest/],
    ['entry', { kind: 'reject', error: new Error('RUNTIME-008: ScriptExecutionError remoteEntry.js'), lifecycle: 'onLoad' }, /entry script/],
    ['module', { kind: 'reject', error: new Error('boom while importing'), lifecycle: 'onLoad' }, /threw while loading/],
    ['contract', { kind: 'ok', module: remoteModule('tickets', Tickets, '2.0.0') }, /incompatible contract/],
    ['contract', { kind: 'raw', exports: { somethingElse: true } }, /incompatible contract/],
  ] as const)('a %s failure shows a fallback in that slot only, naming what failed', async (stage, behaviour, text) => {
    const runtime = new FakeRuntime();
    runtime.set('octopus_tickets', behaviour);
    runtime.set('octopus_orders', { kind: 'ok', module: remoteModule('orders', Orders) });
    await setup(runtime);
    await waitFor(() => expect(fallbackOf('tickets')).not.toBeNull());
    expect(fallbackOf('tickets')).toHaveAttribute('data-failure-stage', stage);
    expect(fallbackOf('tickets')).toHaveTextContent('Tickets is unavailable');
    expect(fallbackOf('tickets')).toHaveTextContent(text);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    expect(await screen.findByText('orders panel')).toBeInTheDocument();
  });

  it('contains a component that throws while rendering', async () => {
    const runtime = new FakeRuntime();
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    runtime.set('octopus_tickets', {
      kind: 'ok',
      module: remoteModule('tickets', () => {
        throw new Error('render bug');
      }),
    });
    runtime.set('octopus_orders', { kind: 'ok', module: remoteModule('orders', Orders) });
    await setup(runtime);
    await waitFor(() => expect(fallbackOf('tickets')).toHaveAttribute('data-failure-stage', 'render'));
    expect(fallbackOf('tickets')).toHaveTextContent('render bug');
    expect(await screen.findByText('orders panel')).toBeInTheDocument();
    spy.mockRestore();
  });

  it('retries with backoff before giving up, then Retry recovers once the remote is back', async () => {
    const runtime = new FakeRuntime();
    runtime.set('octopus_tickets', { kind: 'reject', error: new Error('Failed to get manifest'), lifecycle: 'afterResolve' });
    runtime.set('octopus_orders', { kind: 'ok', module: remoteModule('orders', Orders) });
    await setup(runtime);
    await waitFor(() => expect(fallbackOf('tickets')).not.toBeNull());
    // Three attempts, re-registering (force) between them so the runtime forgets the failure.
    expect(runtime.loads.filter((id) => id.startsWith('octopus_tickets'))).toHaveLength(3);
    expect(runtime.registrations.filter((r) => r.name === 'octopus_tickets' && r.force)).toHaveLength(2);

    runtime.set('octopus_tickets', { kind: 'ok', module: remoteModule('tickets', Tickets) });
    await act(async () => {
      await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    });
    expect(await screen.findByText('tickets panel')).toBeInTheDocument();
    expect(fallbackOf('tickets')).toBeNull();
  });

  it('does not retry a contract mismatch (it cannot fix itself)', async () => {
    const runtime = new FakeRuntime();
    runtime.set('octopus_tickets', { kind: 'ok', module: remoteModule('tickets', Tickets, '2.1.0') });
    runtime.set('octopus_orders', { kind: 'ok', module: remoteModule('orders', Orders) });
    await setup(runtime);
    await waitFor(() => expect(fallbackOf('tickets')).not.toBeNull());
    expect(runtime.loads.filter((id) => id.startsWith('octopus_tickets'))).toHaveLength(1);
    expect(fallbackOf('tickets')).toHaveTextContent('built for contract 2.1.0, the shell speaks 1.0.0');
  });

  it('shows a fallback for a remote the registry does not list', async () => {
    const runtime = new FakeRuntime();
    const loader = createRemoteLoader({ runtime, registry: { remotes: {} }, hostContractVersion: '1.0.0', sleep: noWait });
    await renderInAct(
      <Providers>
        <RemoteLoaderProvider loader={loader}>
          <RemoteSlot name="finance" props={testProps} />
        </RemoteLoaderProvider>
      </Providers>,
    );
    await waitFor(() => expect(fallbackOf('finance')).toHaveAttribute('data-failure-stage', 'unregistered'));
    expect(runtime.loads).toEqual([]);
  });
});

describe('<RemoteSlot>: the build-time contract and bounded waits', () => {
  it('refuses a release whose manifest says another contract major before any of its code loads', async () => {
    const runtime = new FakeRuntime().withManifests((url) => (url.includes(':3001') ? manifestOf('tickets', '2.0.0') : manifestOf('orders')));
    // The module would claim the shell's version (as a runtime import of the shared constant did).
    runtime.set('octopus_tickets', { kind: 'ok', module: remoteModule('tickets', Tickets, '1.0.0') });
    runtime.set('octopus_orders', { kind: 'ok', module: remoteModule('orders', Orders) });
    await setup(runtime);
    await waitFor(() => expect(fallbackOf('tickets')).toHaveAttribute('data-failure-stage', 'contract'));
    expect(fallbackOf('tickets')).toHaveTextContent('built for contract 2.0.0, the shell speaks 1.0.0 (its mf-manifest.json metadata)');
    expect(runtime.loads.filter((id) => id.startsWith('octopus_tickets'))).toEqual([]);
    expect(await screen.findByText('orders panel')).toBeInTheDocument();
  });

  it('refuses a manifest that declares no contract', async () => {
    const runtime = new FakeRuntime().withManifests((url) => (url.includes(':3001') ? { name: 'octopus_tickets', metaData: {} } : manifestOf('orders')));
    runtime.set('octopus_tickets', { kind: 'ok', module: remoteModule('tickets', Tickets) });
    runtime.set('octopus_orders', { kind: 'ok', module: remoteModule('orders', Orders) });
    await setup(runtime);
    await waitFor(() => expect(fallbackOf('tickets')).toHaveAttribute('data-failure-stage', 'contract'));
    expect(fallbackOf('tickets')).toHaveTextContent(/does not declare/);
  });

  it('loads a compatible release after reading its manifest', async () => {
    const runtime = new FakeRuntime().withManifests((url) => manifestOf(url.includes(':3001') ? 'tickets' : 'orders', '1.3.0'));
    runtime.set('octopus_tickets', { kind: 'ok', module: remoteModule('tickets', Tickets) });
    runtime.set('octopus_orders', { kind: 'ok', module: remoteModule('orders', Orders) });
    await setup(runtime);
    expect(await screen.findByText('tickets panel')).toBeInTheDocument();
    expect(runtime.manifestReads).toContain('http://localhost:3001/0.1.0/mf-manifest.json');
  });

  it('shows the fallback with Retry when the remote never answers, within the bound', async () => {
    const runtime = new FakeRuntime().withManifests((url) => (url.includes(':3001') ? new Promise(() => undefined) : manifestOf('orders')));
    runtime.set('octopus_tickets', { kind: 'ok', module: remoteModule('tickets', Tickets) });
    runtime.set('octopus_orders', { kind: 'ok', module: remoteModule('orders', Orders) });
    const loader = createRemoteLoader({ runtime, registry: testRegistry, hostContractVersion: '1.0.0', sleep: noWait, timeoutMs: 300 });
    const started = Date.now();
    await renderInAct(
      <Providers>
        <RemoteLoaderProvider loader={loader}>
          <RemoteSlot name="tickets" props={testProps} />
        </RemoteLoaderProvider>
      </Providers>,
    );
    await waitFor(() => expect(fallbackOf('tickets')).toHaveAttribute('data-failure-stage', 'timeout'));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(fallbackOf('tickets')).toHaveTextContent('It did not answer in time.');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('bounds a module load that hangs too (entry accepted, never answers)', async () => {
    const runtime = new FakeRuntime();
    runtime.loadRemote = () => new Promise(() => undefined);
    const loader = createRemoteLoader({ runtime, registry: testRegistry, hostContractVersion: '1.0.0', sleep: noWait, timeoutMs: 200 });
    await expect(loader.load('tickets')).rejects.toMatchObject({ stage: 'timeout' });
  });

  it('titles a remote the shell was never built with from its registry entry', async () => {
    const runtime = new FakeRuntime();
    runtime.set('octopus_logistics', { kind: 'reject', error: new Error('Failed to get manifest'), lifecycle: 'afterResolve' });
    const registry = { remotes: { logistics: { entry: 'http://localhost:3105/1.0.0/mf-manifest.json', version: '1.0.0', tab: { title: { 'en-US': 'Logistics' } } } } };
    const loader = createRemoteLoader({ runtime, registry, hostContractVersion: '1.0.0', sleep: noWait });
    await renderInAct(
      <Providers>
        <RemoteLoaderProvider loader={loader}>
          <RemoteSlot name="logistics" props={testProps} />
        </RemoteLoaderProvider>
      </Providers>,
    );
    await waitFor(() => expect(fallbackOf('logistics')).not.toBeNull());
    expect(fallbackOf('logistics')).toHaveTextContent('Logistics is unavailable');
  });
});

describe('<RemoteSlot>: live registry and retries', () => {
  it('retries remotes that failed (a call rings): the slot recovers without a click', async () => {
    const runtime = new FakeRuntime();
    runtime.set('octopus_tickets', { kind: 'reject', error: new Error('Failed to get manifest'), lifecycle: 'afterResolve' });
    runtime.set('octopus_orders', { kind: 'ok', module: remoteModule('orders', Orders) });
    const { loader } = await setup(runtime);
    await waitFor(() => expect(fallbackOf('tickets')).not.toBeNull());
    runtime.set('octopus_tickets', { kind: 'ok', module: remoteModule('tickets', Tickets) });
    let retried: string[] = [];
    await act(async () => {
      retried = loader.retryFailed();
    });
    expect(retried).toEqual(['tickets']);
    expect(await screen.findByText('tickets panel')).toBeInTheDocument();
    expect(loader.outcome('orders')).toBe('ok');
  });

  it('Retry runs beforeRetry (the shell re-reads the registry) before loading again', async () => {
    const runtime = new FakeRuntime();
    runtime.set('octopus_tickets', { kind: 'reject', error: new Error('Failed to get manifest'), lifecycle: 'afterResolve' });
    const order: string[] = [];
    const loader = createRemoteLoader({
      runtime,
      registry: testRegistry,
      hostContractVersion: '1.0.0',
      sleep: noWait,
      beforeRetry: async (name) => {
        order.push(`registry re-read for ${name}`);
        runtime.set('octopus_tickets', { kind: 'ok', module: remoteModule('tickets', Tickets) });
      },
    });
    await renderInAct(
      <Providers>
        <RemoteLoaderProvider loader={loader}>
          <RemoteSlot name="tickets" props={testProps} />
        </RemoteLoaderProvider>
      </Providers>,
    );
    await waitFor(() => expect(fallbackOf('tickets')).not.toBeNull());
    await act(async () => {
      await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    });
    expect(await screen.findByText('tickets panel')).toBeInTheDocument();
    expect(order).toEqual(['registry re-read for tickets']);
  });

  it('a registry change keeps unchanged remotes loaded and loads the changed release', async () => {
    const runtime = new FakeRuntime();
    runtime.set('octopus_tickets', { kind: 'ok', module: remoteModule('tickets', Tickets) });
    runtime.set('octopus_orders', { kind: 'ok', module: remoteModule('orders', Orders) });
    const first = createRemoteLoader({ runtime, registry: testRegistry, hostContractVersion: '1.0.0', sleep: noWait });
    await first.load('tickets');
    await first.load('orders');
    const changed = { remotes: { ...testRegistry.remotes, orders: { entry: 'http://localhost:3002/0.2.0/mf-manifest.json', version: '0.2.0' } } };
    const second = createRemoteLoader({ runtime, registry: changed, hostContractVersion: '1.0.0', sleep: noWait, previous: first });
    expect(second.load('tickets')).toBe(first.load('tickets'));
    await second.load('orders');
    expect(runtime.loads.filter((id) => id.startsWith('octopus_tickets'))).toHaveLength(1);
    expect(runtime.loads.filter((id) => id.startsWith('octopus_orders'))).toHaveLength(2);
    expect(runtime.registrations.at(-1)).toEqual({ name: 'octopus_orders', entry: 'http://localhost:3002/0.2.0/mf-manifest.json', force: true });
  });
});

describe('<RemoteSlot>: a registry entry pointing at another remote’s build', () => {
  it('is refused from the manifest metadata, and from the module if there is none', async () => {
    const runtime = new FakeRuntime().withManifests((url) => (url.includes(':3001') ? manifestOf('orders') : manifestOf('orders')));
    runtime.set('octopus_tickets', { kind: 'ok', module: remoteModule('orders', Orders) });
    runtime.set('octopus_orders', { kind: 'ok', module: remoteModule('orders', Orders) });
    await setup(runtime);
    await waitFor(() => expect(fallbackOf('tickets')).toHaveAttribute('data-failure-stage', 'contract'));
    expect(fallbackOf('tickets')).toHaveTextContent('is the build of "orders", not "tickets"');

    const bare = new FakeRuntime();
    bare.set('octopus_tickets', { kind: 'ok', module: remoteModule('orders', Orders) });
    const loader = createRemoteLoader({ runtime: bare, registry: testRegistry, hostContractVersion: '1.0.0', sleep: noWait });
    await expect(loader.load('tickets')).rejects.toMatchObject({ stage: 'contract', message: './Panel is the remote "orders", not "tickets"' });
  });
});

describe('<RemoteSlot>: a replaced loader', () => {
  it('drops the failure it showed and loads from the new loader; the old one never re-registers its entry', async () => {
    const runtime = new FakeRuntime();
    runtime.set('octopus_tickets', { kind: 'reject', error: new Error('Failed to get manifest'), lifecycle: 'afterResolve' });
    const bad = { remotes: { tickets: { entry: 'http://localhost:3001/9.9.9/mf-manifest.json', version: '9.9.9' } } };
    const first = createRemoteLoader({ runtime, registry: bad, hostContractVersion: '1.0.0', sleep: noWait });
    const tree = (loader: typeof first) => (
      <Providers>
        <RemoteLoaderProvider loader={loader}>
          <RemoteSlot name="tickets" props={testProps} />
        </RemoteLoaderProvider>
      </Providers>
    );
    const { rerender } = await renderInAct(tree(first));
    await waitFor(() => expect(fallbackOf('tickets')).not.toBeNull());
    runtime.set('octopus_tickets', { kind: 'ok', module: remoteModule('tickets', Tickets) });
    const second = createRemoteLoader({ runtime, registry: testRegistry, hostContractVersion: '1.0.0', sleep: noWait, previous: first });
    await act(async () => rerender(tree(second)));
    expect(await screen.findByText('tickets panel')).toBeInTheDocument();
    const before = runtime.registrations.length;
    await first.retry('tickets');
    first.reset('tickets');
    expect(runtime.registrations.length).toBe(before);
  });
});
