import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isAboutCustomer, type ApiClient, type CustomerScope } from '@octopus/api-client';
import type { CreateTicketRequest } from '@octopus/contracts';
import { ticketKeys } from './keys';

/** Opens a ticket from the current call; the new detail goes straight into the cache. */
export function useCreateTicket(client: ApiClient, scope: CustomerScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateTicketRequest) => client.createTicket(request),
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketKeys.detail(scope, ticket.ticketId), ticket);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ticketKeys.list(scope) }),
        // Every other remote's view of this customer (the service track lists tickets; it may be prefetched).
        queryClient.invalidateQueries({ predicate: (query) => query.queryKey[1] !== 'tickets' && isAboutCustomer(query.queryKey, scope.userId) }),
      ]);
    },
  });
}
