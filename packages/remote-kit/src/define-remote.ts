import type { ComponentType } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { RemoteModule, RemoteName, RemotePrefetchContext, RemoteProps } from '@octopus/contracts';

/**
 * The contract version this remote was compiled against, fixed at its build: webpack's DefinePlugin
 * (`defineRemoteConfig` in webpack.shared.ts, or the scaffold's config) replaces
 * `process.env.OCTOPUS_CONTRACT_VERSION` with the `REMOTE_CONTRACT_VERSION` of the `@octopus/contracts`
 * installed beside the remote. It is never read at runtime from the shared contracts package (that is
 * the shell's copy). Empty when the build defined none: the shell then refuses the remote.
 */
export const BUILT_CONTRACT_VERSION: string = process.env.OCTOPUS_CONTRACT_VERSION ?? '';

/**
 * A remote's `remote` export: its registry name, release version and component, with the contract
 * version its build was made for; optionally `prefetch`, which fills THE shared QueryClient (the
 * shell's) with its first view's queries when a call rings — same keys as the remote's own hooks.
 */
export function defineRemote(remote: {
  name: RemoteName;
  version: string;
  Component: ComponentType<RemoteProps>;
  prefetch?: (context: RemotePrefetchContext, queryClient: QueryClient) => Promise<unknown>;
}): RemoteModule<ComponentType<RemoteProps>> {
  const { prefetch, ...rest } = remote;
  return {
    ...rest,
    contractVersion: BUILT_CONTRACT_VERSION,
    ...(prefetch ? { prefetch: async (context: RemotePrefetchContext, queryClient: unknown) => void (await prefetch(context, queryClient as QueryClient)) } : {}),
  };
}
