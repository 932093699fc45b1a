import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import { customerScope, scopedKey, type ApiClient } from '@octopus/api-client';
import type { CreateTicketRequest, TicketDetail } from '@octopus/contracts';
import { useCreateTicket } from './useCreateTicket';

describe('useCreateTicket', () => {
  it('marks every remote’s cached view of the customer stale (a prefetched service track shows the new ticket), not other customers’', async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 5 * 60_000 } } });
    const scope = customerScope('U1', 'c-1', { grant: 'grant-of-the-call-0123' });
    const track = scopedKey('service-track', 'timeline', scope, null);
    const otherCustomer = scopedKey('service-track', 'timeline', customerScope('U2', 'c-2', { grant: null }), null);
    queryClient.setQueryData(track, { pages: [] });
    queryClient.setQueryData(otherCustomer, { pages: [] });
    const ticket = { ticketId: 'T1' } as TicketDetail;
    const client = { createTicket: async () => ticket } as unknown as ApiClient;
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
    const { result } = renderHook(() => useCreateTicket(client, scope), { wrapper });
    await act(async () => void (await result.current.mutateAsync({} as CreateTicketRequest)));
    expect(queryClient.getQueryState(track)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(otherCustomer)?.isInvalidated).toBe(false);
  });
});
