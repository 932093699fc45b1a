// The contract test kit a remote team runs in its own CI: it renders the remote's exposed module the
// way the host will (the host's contract version, the host's props in every call situation) and fails
// on a break. Use it in one test file:
//   import { describeRemoteContract } from '@octopus/remote-kit/testing';
//   describeRemoteContract(() => import('./Panel'));
import {
  checkContractCompatibility,
  REMOTE_CONTRACT_VERSION,
  REMOTE_NAME_PATTERN,
  type CustomerContext,
  type HostActions,
  type RemoteModule,
  type RemoteProps,
} from '@octopus/contracts';
import { callIdOfScopedKey } from '@octopus/api-client';
import { createFetchMock, type MockRoute } from '@octopus/api-client/testing';
import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { makeProps, renderPanel, testQueryClient } from './test-utils';

export interface ContractKitOptions {
  /**
   * The contract version the host speaks (default: `REMOTE_CONTRACT_VERSION` of the `@octopus/contracts`
   * installed beside the remote — the host contract the team tests against).
   */
  hostContractVersion?: string;
  /** Answers for the api calls the remote makes (`"GET /users/U0000001/orders"` → body); others get 404. */
  routes?: Record<string, MockRoute>;
}

/** The call situations the host renders a remote in: idle, unidentified, unverified, verified, English. */
export const CONTRACT_SCENARIOS: Array<[string, Partial<RemoteProps>]> = [
  ['no call (idle agent)', { callId: null, customer: null, api: { baseUrl: 'http://api.test', token: 'agent.token.sig', grant: null } }],
  ['a caller not identified yet', { customer: { userId: null, phone: '13700000000', verification: { status: 'unverified', method: null } } }],
  ['an identified, unverified caller', { customer: { userId: 'U0000001', phone: '13800138000', verification: { status: 'unverified', method: null } } satisfies CustomerContext }],
  ['a verified caller', {}],
  ['a verified caller in English', { locale: 'en-US' }],
];

/** Host actions that fail the test when a remote calls them outside the contract's types. */
export function strictHostActions(): HostActions & { calls: Array<[keyof HostActions, unknown[]]> } {
  const calls: Array<[keyof HostActions, unknown[]]> = [];
  const refuse = (what: string) => {
    throw new Error(`contract break: ${what}`);
  };
  return {
    calls,
    dial(phone) {
      calls.push(['dial', [phone]]);
      if (typeof phone !== 'string' || !phone.trim()) refuse(`host.dial(${JSON.stringify(phone)}) needs a phone number string`);
    },
    openTicket(request) {
      calls.push(['openTicket', [request]]);
      if (!request || typeof request !== 'object' || !('userId' in request) || !('callId' in request)) refuse('host.openTicket needs { userId, callId, title? }');
    },
    showMessage(kind, text) {
      calls.push(['showMessage', [kind, text]]);
      if (!['info', 'success', 'warning', 'error'].includes(kind) || typeof text !== 'string') refuse(`host.showMessage(${JSON.stringify(kind)}, …) is not a message kind`);
    },
  };
}

/**
 * What is wrong with an exposed module's `remote` export against host contract `host`: empty when it
 * is a valid `{ name, version, contractVersion, Component }` built for a compatible contract.
 */
export function exportBreaks(remote: unknown, host: string = REMOTE_CONTRACT_VERSION): string[] {
  if (!remote || typeof remote !== 'object') return ['the module exports no `remote` object'];
  const { name, version, contractVersion, Component } = remote as Partial<RemoteModule>;
  const breaks: string[] = [];
  if (typeof name !== 'string' || !REMOTE_NAME_PATTERN.test(name)) breaks.push(`remote.name ${JSON.stringify(name)} is not a registry name`);
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+/.test(version)) breaks.push(`remote.version ${JSON.stringify(version)} is not semver`);
  if (typeof Component !== 'function') breaks.push('remote.Component is not a component');
  const check = checkContractCompatibility(host, contractVersion);
  if (!check.compatible) breaks.push(check.reason);
  return breaks;
}

/**
 * Renders `remote` as the host would, with the host's props for one situation (`overrides` of
 * `makeProps`), and returns the breaks: a render that throws, an error caught by an error boundary,
 * no `data-remote="<name>"` root, or a host action called outside its types.
 */
export async function renderBreaks(remote: RemoteModule<ComponentType<RemoteProps>>, overrides: Partial<RemoteProps>, options: ContractKitOptions = {}): Promise<string[]> {
  const host = options.hostContractVersion ?? REMOTE_CONTRACT_VERSION;
  const breaks: string[] = [];
  const logged: string[] = [];
  const errors = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  const onWindowError = (event: ErrorEvent) => {
    event.preventDefault();
    logged.push(`uncaught ${event.message}`);
  };
  window.addEventListener('error', onWindowError);
  try {
    const { container, unmount } = await renderPanel(remote.Component, makeProps({ contractVersion: host, host: strictHostActions(), ...overrides }), { routes: options.routes ?? {} });
    if (!container.querySelector(`[data-remote="${remote.name}"]`)) breaks.push(`nothing rendered inside [data-remote="${remote.name}"]`);
    unmount();
  } catch (error) {
    breaks.push(`render threw: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    window.removeEventListener('error', onWindowError);
    errors.mockRestore();
  }
  for (const line of logged) if (/uncaught|error boundary|The above error|contract break/i.test(line)) breaks.push(line.split('\n')[0]!);
  return breaks;
}

/** The hashes of the customer-scoped queries (`scopedKey`) in a client's cache. */
function scopedQueryHashes(queryClient: QueryClient): string[] {
  return queryClient
    .getQueryCache()
    .getAll()
    .filter((query) => callIdOfScopedKey(query.queryKey) !== undefined)
    .map((query) => query.queryHash);
}

/**
 * What a remote's optional `prefetch` misses: the customer-scoped queries its first view reads for a
 * verified caller that the prefetch (with the same call's context) did not put in the cache — each one
 * a tab that opens on a spinner. Empty when the remote declares no prefetch.
 */
export async function prefetchMisses(remote: RemoteModule<ComponentType<RemoteProps>>, options: ContractKitOptions = {}): Promise<string[]> {
  if (!remote.prefetch) return [];
  const props = makeProps({ contractVersion: options.hostContractVersion ?? REMOTE_CONTRACT_VERSION, host: strictHostActions() });
  const prefetched = testQueryClient();
  globalThis.fetch = createFetchMock(options.routes ?? {}).fetch;
  await remote.prefetch({ callId: props.callId, customer: props.customer, api: props.api }, prefetched);
  const have = new Set(scopedQueryHashes(prefetched));
  const { queryClient, unmount } = await renderPanel(remote.Component, props, { routes: options.routes ?? {} });
  const read = scopedQueryHashes(queryClient);
  unmount();
  if (have.size === 0) return ['prefetch put no customer query in the cache'];
  return read.filter((hash) => !have.has(hash));
}

/**
 * Defines the jest tests of the host contract for one exposed module (`load` imports it, e.g.
 * `() => import('./Panel')`): it exports a valid `remote` (registry name, version, component, contract
 * version); that contract version is compatible with the host's; the component renders in every
 * {@link CONTRACT_SCENARIOS} without throwing, inside its `data-remote="<name>"` root, calling host
 * actions only as typed. Fails (so the remote's CI fails) on any break.
 */
export function describeRemoteContract(load: () => Promise<{ remote?: unknown }> | { remote?: unknown }, options: ContractKitOptions = {}): void {
  const host = options.hostContractVersion ?? REMOTE_CONTRACT_VERSION;
  let remote: RemoteModule<ComponentType<RemoteProps>>;

  describe(`host contract ${host}`, () => {
    beforeAll(async () => {
      remote = (await load()).remote as RemoteModule<ComponentType<RemoteProps>>;
    });

    it('exports a valid `remote` built for a compatible contract', () => {
      expect(exportBreaks(remote, host)).toEqual([]);
    });

    it.each(CONTRACT_SCENARIOS)('renders for %s within its data-remote root', async (_situation, overrides) => {
      expect(await renderBreaks(remote, overrides, options)).toEqual([]);
    });

    it('prefetch (optional) fills every query its first view reads, under the same keys', async () => {
      expect(await prefetchMisses(remote, options)).toEqual([]);
    });
  });
}
