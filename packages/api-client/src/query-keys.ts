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

export function customerScope(userId: string | null, callId: string | null, api: Pick<ApiAccess, 'grant'>): CustomerScope {
  return { userId, callId, grant: api.grant ? api.grant.slice(-10) : null };
}

/** `['octopus', <remote>, <resource>, scope, ...rest]`: the remote's prefix keeps teams' caches apart. */
export function scopedKey(remote: string, resource: string, scope: CustomerScope, ...rest: unknown[]): readonly unknown[] {
  return ['octopus', remote, resource, scope, ...rest] as const;
}
