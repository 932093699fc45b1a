import { infiniteQueryOptions, skipToken, useInfiniteQuery } from '@tanstack/react-query';
import { retryTransient, type ApiClient, type CustomerScope } from '@octopus/api-client';
import type { ServiceChannel } from '@octopus/contracts';
import { trackKeys } from './keys';

export const TRACK_PAGE_SIZE = 20;

/** The customer's contacts across channels, newest first; older pages by `before` = the oldest shown. */
export function useServiceTrack(client: ApiClient, scope: CustomerScope, channel: ServiceChannel | null) {
  return useInfiniteQuery(serviceTrackQuery(client, scope, channel));
}

/** The query behind `useServiceTrack`: the hook's and the prefetch's (the same key). */
export function serviceTrackQuery(client: ApiClient, scope: CustomerScope, channel: ServiceChannel | null) {
  const { userId } = scope;
  return infiniteQueryOptions({
    retry: retryTransient,
    queryKey: trackKeys.timeline(scope, channel),
    queryFn: userId
      ? ({ signal, pageParam }) => client.serviceTrack(userId, { channel: channel ?? undefined, limit: TRACK_PAGE_SIZE, before: pageParam ?? undefined }, { signal })
      : skipToken,
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.events.length < TRACK_PAGE_SIZE ? undefined : (last.events.at(-1)?.at ?? undefined)),
  });
}
