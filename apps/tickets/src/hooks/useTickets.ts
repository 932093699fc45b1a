import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import { retryTransient, type ApiClient, type CustomerScope } from '@octopus/api-client';
import { ticketKeys } from './keys';

/** The query of the customer's tickets: the hook's and the prefetch's (the same key). */
export function ticketsQuery(client: ApiClient, scope: CustomerScope) {
  const { userId } = scope;
  return queryOptions({
    retry: retryTransient,
    queryKey: ticketKeys.list(scope),
    queryFn: userId ? ({ signal }) => client.listTickets(userId, {}, { signal }) : skipToken,
  });
}

/** The customer's tickets (newest first as the api sends them). */
export function useTickets(client: ApiClient, scope: CustomerScope) {
  return useQuery(ticketsQuery(client, scope));
}
