import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiClient, CustomerScope } from '@octopus/api-client';
import type { CreateTicketRequest } from '@octopus/contracts';
import { ticketKeys } from './keys';

/** Opens a ticket from the current call; the new detail goes straight into the cache. */
export function useCreateTicket(client: ApiClient, scope: CustomerScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateTicketRequest) => client.createTicket(request),
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketKeys.detail(scope, ticket.ticketId), ticket);
      return queryClient.invalidateQueries({ queryKey: ticketKeys.list(scope) });
    },
  });
}
