import { keepPreviousData, queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import { retryTransient, type ApiClient, type CustomerScope } from '@octopus/api-client';
import type { OrderStatus } from '@octopus/contracts';
import { orderKeys } from './keys';

export const ORDERS_PAGE_SIZE = 10;

/** One page of the customer's orders, newest first, optionally of one status. */
export function useOrders(client: ApiClient, scope: CustomerScope, status: OrderStatus | null, page: number) {
  return useQuery(ordersQuery(client, scope, status, page));
}

/** The query of one page of orders: the hook's and the prefetch's (the same key). */
export function ordersQuery(client: ApiClient, scope: CustomerScope, status: OrderStatus | null, page: number) {
  const { userId } = scope;
  return queryOptions({
    retry: retryTransient,
    queryKey: orderKeys.list(scope, status, page),
    queryFn: userId
      ? ({ signal }) => client.listOrders(userId, { status: status ?? undefined, limit: ORDERS_PAGE_SIZE, offset: (page - 1) * ORDERS_PAGE_SIZE }, { signal })
      : skipToken,
    // Paging or filtering keeps the old rows on screen until the new ones arrive (same customer: the key's scope is unchanged).
    placeholderData: keepPreviousData,
  });
}
