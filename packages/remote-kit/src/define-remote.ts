import type { ComponentType } from 'react';
import type { RemoteModule, RemoteName, RemoteProps } from '@octopus/contracts';

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
 * version its build was made for.
 */
export function defineRemote(remote: { name: RemoteName; version: string; Component: ComponentType<RemoteProps> }): RemoteModule<ComponentType<RemoteProps>> {
  return { ...remote, contractVersion: BUILT_CONTRACT_VERSION };
}
