import { skipToken, useQuery } from '@tanstack/react-query';
import { retryTransient, type ApiClient, type CustomerScope } from '@octopus/api-client';
import { ticketKeys } from './keys';

/** One ticket with its history and comments. */
export function useTicket(client: ApiClient, scope: CustomerScope, ticketId: string | null) {
  return useQuery({
    retry: retryTransient,
    queryKey: ticketKeys.detail(scope, ticketId ?? ''),
    queryFn: ticketId ? ({ signal }) => client.getTicket(ticketId, { signal }) : skipToken,
  });
}
