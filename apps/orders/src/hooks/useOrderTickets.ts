import { skipToken, useQuery } from '@tanstack/react-query';
import { retryTransient, type ApiClient, type CustomerScope } from '@octopus/api-client';
import { orderKeys } from './keys';

/** The customer's tickets, narrowed to one order: the after-sale cases the agent should know about. */
export function useOrderTickets(client: ApiClient, scope: CustomerScope, orderId: string | null) {
  const { userId } = scope;
  return useQuery({
    retry: retryTransient,
    queryKey: orderKeys.tickets(scope),
    queryFn: userId ? ({ signal }) => client.listTickets(userId, {}, { signal }) : skipToken,
    select: (data) => data.tickets.filter((ticket) => ticket.orderId === orderId),
    enabled: orderId !== null,
  });
}
