import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { retryTransient, type ApiClient, type CustomerScope } from '@octopus/api-client';
import type { OrderStatus } from '@octopus/contracts';
import { orderKeys } from './keys';

export const ORDERS_PAGE_SIZE = 10;

/** One page of the customer's orders, newest first, optionally of one status. */
export function useOrders(client: ApiClient, scope: CustomerScope, status: OrderStatus | null, page: number) {
  const { userId } = scope;
  return useQuery({
    retry: retryTransient,
    queryKey: orderKeys.list(scope, status, page),
    queryFn: userId
      ? ({ signal }) => client.listOrders(userId, { status: status ?? undefined, limit: ORDERS_PAGE_SIZE, offset: (page - 1) * ORDERS_PAGE_SIZE }, { signal })
      : skipToken,
    // Paging or filtering keeps the old rows on screen until the new ones arrive (same customer: the key's scope is unchanged).
    placeholderData: keepPreviousData,
  });
}
