import { getInstance } from '@module-federation/enhanced/runtime';
import type { FederationRuntime } from '@octopus/federation';

/** The MF runtime instance webpack created for the shell, seen through the loader's small interface. */
export function createBrowserFederationRuntime(): FederationRuntime {
  const instance = () => {
    const federation = getInstance();
    if (!federation) throw new Error('the Module Federation runtime is not initialised');
    return federation;
  };
  return {
    registerRemotes: (remotes, options) => instance().registerRemotes(remotes, options),
    loadRemote: <T,>(id: string) => instance().loadRemote<T>(id),
    // The same URL the MF runtime fetches next: revalidated (no-cache + ETag), so the second read is a 304.
    readManifest: async (url, signal) => {
      const response = await fetch(url, { signal, cache: 'no-cache' });
      if (!response.ok) throw new Error(`answered ${response.status}`);
      return response.json();
    },
  };
}
