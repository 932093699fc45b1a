import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isAboutCustomer, type ApiClient, type CustomerScope } from '@octopus/api-client';
import type { TicketStatus } from '@octopus/contracts';
import { ticketKeys } from './keys';

/** Moves a ticket to another status (with an optional note); the list shows statuses too, so it refetches. */
export function useUpdateTicketStatus(client: ApiClient, scope: CustomerScope, ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ status, note }: { status: TicketStatus; note: string }) => client.updateTicketStatus(ticketId, { status, note: note.trim() ? note : null }),
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketKeys.detail(scope, ticketId), ticket);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ticketKeys.list(scope) }),
        // Every other remote's view of this customer (the service track lists tickets; it may be prefetched).
        queryClient.invalidateQueries({ predicate: (query) => query.queryKey[1] !== 'tickets' && isAboutCustomer(query.queryKey, scope.userId) }),
      ]);
    },
  });
}
