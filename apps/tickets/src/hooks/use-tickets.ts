import { skipToken, useQuery } from '@tanstack/react-query';
import { retryTransient, type ApiClient, type CustomerScope } from '@octopus/api-client';
import { ticketKeys } from './keys';

/** The customer's tickets (newest first as the api sends them). */
export function useTickets(client: ApiClient, scope: CustomerScope) {
  const { userId } = scope;
  return useQuery({
    retry: retryTransient,
    queryKey: ticketKeys.list(scope),
    queryFn: userId ? ({ signal }) => client.listTickets(userId, {}, { signal }) : skipToken,
  });
}
