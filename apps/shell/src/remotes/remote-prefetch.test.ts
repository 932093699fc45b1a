import type { RemoteModule, RemoteName, RemotePrefetchContext, RemoteRegistry } from '@octopus/contracts';
import { TelephonyClient } from '@octopus/telephony';
import { createSimulatedTelephony } from '@octopus/telephony/testing';
import { startRemotePrefetch } from './remote-prefetch';

const registry: RemoteRegistry = {
  remotes: {
    tickets: { entry: 'http://t.test/mf-manifest.json', version: '1.0.0' },
    orders: { entry: 'http://o.test/mf-manifest.json', version: '1.0.0' },
    finance: { entry: 'http://f.test/mf-manifest.json', version: '1.0.0', mode: 'iframe', embed: 'http://f.test/embed.html' },
  },
} as RemoteRegistry;

function setup() {
  const client = new TelephonyClient();
  const store = client.store;
  const driver = createSimulatedTelephony({ autoRing: false, autoAnswerMs: null });
  client.connect(driver);
  const calls: Array<{ name: RemoteName; context: RemotePrefetchContext; queryClient: unknown }> = [];
  const moduleOf = (name: RemoteName): RemoteModule => ({
    name,
    version: '1.0.0',
    contractVersion: '1.1.0',
    Component: () => null,
    prefetch: async (context, queryClient) => void calls.push({ name, context, queryClient }),
  });
  const loader = { registry, load: async (name: RemoteName) => moduleOf(name) };
  const queryClient = { shared: true };
  const stop = startRemotePrefetch({
    telephony: store,
    loader,
    queryClient,
    names: () => ['tickets', 'orders', 'finance'],
    access: () => ({ baseUrl: 'http://api.test', token: 'token' }),
  });
  return { store, driver, calls, queryClient, stop };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('startRemotePrefetch', () => {
  it('on ring, prefetches every federated tab for the caller with the props the tab will get (iframe remotes skipped)', async () => {
    const { store, driver, calls, queryClient, stop } = setup();
    await flush();
    const callId = driver.ring({ phone: '13800138000', userId: 'U100', verification: { status: 'unverified', method: null } });
    await flush();
    expect(calls.map((call) => call.name).sort()).toEqual(['orders', 'tickets']);
    expect(store.getState().calls.get(callId)?.grant).toEqual(expect.stringContaining(callId));
    for (const call of calls) {
      expect(call.queryClient).toBe(queryClient);
      expect(call.context).toEqual({
        callId,
        customer: { userId: 'U100', phone: expect.any(String), verification: { status: 'unverified', method: null } },
        // The grant the call holds (whatever the driver issued): the tab will get the same.
        api: { baseUrl: 'http://api.test', token: 'token', grant: store.getState().calls.get(callId)?.grant },
      });
    }
    // Other events of the same call do not prefetch again.
    const before = calls.length;
    driver.callerHangup(callId);
    await flush();
    expect(calls.length).toBe(before);
    stop();
    driver.stop();
  });

  it('prefetches nothing for a caller with no account', async () => {
    const { driver, calls, stop } = setup();
    await flush();
    driver.ring({ phone: '13800138999', userId: null, verification: { status: 'unverified', method: null } });
    await flush();
    expect(calls).toEqual([]);
    stop();
    driver.stop();
  });
});
