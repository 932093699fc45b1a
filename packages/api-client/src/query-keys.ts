import type { ApiAccess } from '@octopus/contracts';

/** Who and which call a query is about. Query keys carry it so one call's data never shows on another. */
export interface CustomerScope {
  userId: string | null;
  callId: string | null;
  /**
   * A fingerprint of the grant (its signature's tail, useless on its own): a re-issued grant, e.g. after
   * the caller is verified mid-call, refetches instead of reusing the masked answer.
   */
  grant: string | null;
}

/** The fingerprint of a grant that query keys carry (`CustomerScope.grant`): its last 10 characters, or null. */
export function grantFingerprint(grant: string | null | undefined): string | null {
  return grant ? grant.slice(-10) : null;
}

/** The `CustomerScope` of a query about `userId` on `callId` with the access's current grant (fingerprinted). */
export function customerScope(userId: string | null, callId: string | null, api: Pick<ApiAccess, 'grant'>): CustomerScope {
  return { userId, callId, grant: grantFingerprint(api.grant) };
}

/** `['octopus', <remote>, <resource>, scope, ...rest]`: the remote's prefix keeps teams' caches apart. */
export function scopedKey(remote: string, resource: string, scope: CustomerScope, ...rest: unknown[]): readonly unknown[] {
  return ['octopus', remote, resource, scope, ...rest] as const;
}

/**
 * The call a `scopedKey` is about: its callId (null when it is about no call), or undefined for any
 * other key. The shell drops the cached answers of calls it no longer shows with it, so a shift's
 * memory stays flat (every call's keys are new: its callId and grant).
 */
export function callIdOfScopedKey(key: readonly unknown[]): string | null | undefined {
  const scope = key[3];
  if (key[0] !== 'octopus' || typeof scope !== 'object' || scope === null || !('callId' in scope)) return undefined;
  const callId = (scope as { callId: unknown }).callId;
  return typeof callId === 'string' ? callId : null;
}

/** The scope of a `scopedKey` (who, which call, which grant), or null for any other key. */
export function scopeOfKey(key: readonly unknown[]): CustomerScope | null {
  const scope = key[3];
  if (key[0] !== 'octopus' || typeof scope !== 'object' || scope === null || !('callId' in scope) || !('grant' in scope)) return null;
  return scope as CustomerScope;
}

/**
 * True when `key` is a `scopedKey` about customer `userId`, in any remote. After a write about a customer
 * (a ticket opened or moved, say), invalidate with it so every remote's view of that customer refetches:
 * `queryClient.invalidateQueries({ predicate: (query) => isAboutCustomer(query.queryKey, userId) })`.
 * Remotes prefetch their first view on ring and the shell keeps answers fresh for 5 minutes, so without it
 * another tab (the service track) would show the customer as they were before the write.
 * @param userId null matches nothing.
 */
export function isAboutCustomer(key: readonly unknown[], userId: string | null): boolean {
  const scope = key[3];
  if (userId === null || key[0] !== 'octopus' || typeof scope !== 'object' || scope === null || !('userId' in scope)) return false;
  return (scope as { userId: unknown }).userId === userId;
}
