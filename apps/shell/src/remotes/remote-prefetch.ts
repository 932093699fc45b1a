import type { CustomerContext, RemoteName, RemotePrefetchContext } from '@octopus/contracts';
import type { RemoteLoader } from '@octopus/federation';
import type { TelephonyState, TelephonyStore } from '@octopus/telephony';

export interface RemotePrefetchOptions {
  telephony: Pick<TelephonyStore, 'getState' | 'subscribe'>;
  loader: Pick<RemoteLoader, 'load' | 'registry'>;
  /** THE shared QueryClient, handed to each remote's `prefetch`. */
  queryClient: unknown;
  /** The remotes this agent sees as tabs (iframe remotes are skipped: their page has its own cache). */
  names: () => readonly RemoteName[];
  /** The api's base URL and the agent's current token. */
  access: () => { baseUrl: string; token: string | null };
}

/**
 * On ring, every tab's data for the caller: for each live call, each visible remote's `prefetch`
 * (contract, optional) fills the shared query cache under the same keys its tab reads, so a tab opened
 * during or after the ring shows data at once. Runs again when the call's customer, verification or
 * grant changes (a verified caller gets a new grant, so new keys). Failures are ignored: the tab then
 * loads as it always did. @returns stop (unsubscribes).
 */
export function startRemotePrefetch(options: RemotePrefetchOptions): () => void {
  // callId → what was last prefetched for it; entries of calls the store dropped are pruned.
  const done = new Map<string, string>();
  const run = (state: TelephonyState) => {
    for (const callId of done.keys()) if (!state.calls.has(callId)) done.delete(callId);
    for (const callId of state.callIds) {
      const call = state.calls.get(callId);
      if (!call || call.state === 'ended' || !call.customer.userId) continue;
      const { userId, phone, verification } = call.customer;
      const grant = call.grant ?? null;
      const key = `${userId}|${verification.status}|${grant ?? ''}`;
      if (done.get(callId) === key) continue;
      done.set(callId, key);
      // The same customer context the tab's props carry (useRemoteProps), so the keys match.
      const customer: CustomerContext | null = phone ? { userId, phone, verification: { status: verification.status, method: verification.method } } : null;
      const context: RemotePrefetchContext = { callId, customer, api: { ...options.access(), grant } };
      for (const name of options.names()) {
        if (options.loader.registry.remotes[name]?.mode === 'iframe') continue;
        options.loader
          .load(name)
          .then((remote) => remote.prefetch?.(context, options.queryClient))
          .catch(() => undefined);
      }
    }
  };
  run(options.telephony.getState());
  return options.telephony.subscribe((state) => run(state));
}
