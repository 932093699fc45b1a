import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiClient, CustomerScope } from '@octopus/api-client';
import { ticketKeys } from './keys';

/** Adds a comment; the api answers with the whole ticket, which replaces the cached detail. */
export function useAddComment(client: ApiClient, scope: CustomerScope, ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => client.addTicketComment(ticketId, { body }),
    onSuccess: (ticket) => queryClient.setQueryData(ticketKeys.detail(scope, ticketId), ticket),
  });
}
