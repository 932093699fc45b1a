import { skipToken, useQuery } from '@tanstack/react-query';
import type { ApiClient, CustomerScope } from '@octopus/api-client';
import { ticketKeys } from './keys';

/** The customer's tickets (newest first as the api sends them). */
export function useTickets(client: ApiClient, scope: CustomerScope) {
  const { userId } = scope;
  return useQuery({
    queryKey: ticketKeys.list(scope),
    queryFn: userId ? ({ signal }) => client.listTickets(userId, {}, { signal }) : skipToken,
  });
}
