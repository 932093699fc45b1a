import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  REMOTE_CONTRACT_VERSION,
  type RemoteModule,
  type RemoteName,
  type RemoteProps,
  type RemoteRegistry,
} from '@octopus/contracts';
import { OctopusUiProvider } from '@octopus/ui';
import { failureJournal } from './failure-journal';
import type { FederationRuntime } from './remote-loader';

export const testRegistry: RemoteRegistry = {
  remotes: {
    tickets: { entry: 'http://localhost:3001/0.1.0/mf-manifest.json', version: '0.1.0' },
    orders: { entry: 'http://localhost:3002/0.1.0/mf-manifest.json', version: '0.1.0' },
  },
};

export type Behaviour =
  | { kind: 'ok'; module: RemoteModule }
  | { kind: 'reject'; error: Error; lifecycle?: string }
  | { kind: 'raw'; exports: unknown };

/** A stand-in for the MF runtime whose behaviour per container each test scripts. */
export class FakeRuntime implements FederationRuntime {
  readonly registrations: Array<{ name: string; entry: string; force: boolean }> = [];
  readonly loads: string[] = [];
  private readonly behaviours = new Map<string, Behaviour>();

  set(container: string, behaviour: Behaviour): void {
    this.behaviours.set(container, behaviour);
  }

  /** Manifests read, by URL. */
  readonly manifestReads: string[] = [];
  readManifest?: (url: string, signal: AbortSignal) => Promise<unknown>;

  /**
   * Serve manifests: `manifest(url)` answers the manifest JSON, or a promise (e.g. one that never
   * settles, to play a hanging server), or throws.
   */
  withManifests(manifest: (url: string) => unknown): this {
    this.readManifest = async (url, signal) => {
      this.manifestReads.push(url);
      const answer = manifest(url);
      return answer instanceof Promise
        ? Promise.race([answer, new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))))])
        : answer;
    };
    return this;
  }

  registerRemotes(remotes: Array<{ name: string; entry: string }>, options?: { force?: boolean }): void {
    for (const remote of remotes) this.registrations.push({ name: remote.name, entry: remote.entry, force: options?.force ?? false });
  }

  async loadRemote<T>(id: string): Promise<T | null> {
    this.loads.push(id);
    const container = id.split('/')[0]!;
    const behaviour = this.behaviours.get(container);
    if (!behaviour) throw new Error(`no behaviour for ${container}`);
    if (behaviour.kind === 'reject') {
      // What the runtime plugin would have recorded.
      if (behaviour.lifecycle) failureJournal().set(container, { lifecycle: behaviour.lifecycle, message: behaviour.error.message, at: Date.now() });
      throw behaviour.error;
    }
    if (behaviour.kind === 'raw') return behaviour.exports as T;
    return { remote: behaviour.module } as T;
  }
}

/** An mf-manifest.json as an Octopus remote's build writes it. */
export function manifestOf(remote: string, contractVersion: string = REMOTE_CONTRACT_VERSION, version = '0.1.0'): unknown {
  return { name: `octopus_${remote.replace(/[^a-zA-Z0-9]/g, '_')}`, metaData: { octopus: { remote, version, contractVersion } } };
}

export function remoteModule(name: RemoteName, Component: (props: RemoteProps) => ReactNode, contractVersion = REMOTE_CONTRACT_VERSION): RemoteModule {
  return { name, version: '0.1.0', contractVersion, Component };
}

export const testProps: RemoteProps = {
  contractVersion: REMOTE_CONTRACT_VERSION,
  locale: 'en-US',
  callId: null,
  customer: null,
  agent: null,
  api: { baseUrl: 'http://localhost:4100', token: null, grant: null },
  host: { dial: () => undefined, openTicket: () => undefined, showMessage: () => undefined },
  workspace: { read: () => undefined, write: () => undefined },
};

export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={new QueryClient()}>
      <OctopusUiProvider locale="en-US">{children}</OctopusUiProvider>
    </QueryClientProvider>
  );
}
