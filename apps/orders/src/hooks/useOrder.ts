import { skipToken, useQuery } from '@tanstack/react-query';
import { retryTransient, type ApiClient, type CustomerScope } from '@octopus/api-client';
import { orderKeys } from './keys';

/** One order with items, receiver and logistics (newest event first). */
export function useOrder(client: ApiClient, scope: CustomerScope, orderId: string | null) {
  return useQuery({
    retry: retryTransient,
    queryKey: orderKeys.detail(scope, orderId ?? ''),
    queryFn: orderId ? ({ signal }) => client.getOrder(orderId, { signal }) : skipToken,
  });
}
