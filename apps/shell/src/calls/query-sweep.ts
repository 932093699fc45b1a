import type { QueryClient } from '@tanstack/react-query';
import { scopeOfKey } from '@octopus/api-client';

/**
 * Drops the cached answers a shift would otherwise pile up. Every answer about a call is cached under a
 * `scopedKey` carrying the call id and its grant's fingerprint (the shell's customer summary and history,
 * every remote's data), so each call — and each grant re-issued within one, e.g. on verification — makes
 * new entries that nothing asks for again once the call is gone: +1 cache entry, its gc timer and its data
 * per call over a shift (issue [2/7] point 8). Removed here, when no component uses them (no observer):
 * - entries about a call that is not in `keep` (calls the workbench no longer shows);
 * - entries about a kept call under a grant other than the call's current one (superseded).
 * @param keep the calls still shown → the fingerprint of each one's current grant (`grantFingerprint`),
 *   or null when it has none (ended calls): then only other calls' entries go, not its old grants'.
 * @returns how many entries were removed.
 */
export function sweepCallQueries(queryClient: QueryClient, keep: ReadonlyMap<string, string | null>): number {
  const stale = queryClient
    .getQueryCache()
    .findAll({
      predicate: (query) => {
        if (query.getObserversCount() > 0) return false;
        const scope = scopeOfKey(query.queryKey);
        if (!scope || typeof scope.callId !== 'string') return false;
        if (!keep.has(scope.callId)) return true;
        const current = keep.get(scope.callId) ?? null;
        return current !== null && scope.grant !== current;
      },
    });
  for (const query of stale) queryClient.getQueryCache().remove(query);
  return stale.length;
}
