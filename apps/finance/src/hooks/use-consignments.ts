import { skipToken, useQuery } from '@tanstack/react-query';
import { retryTransient, type ApiClient, type CustomerScope } from '@octopus/api-client';
import { financeKeys } from './keys';

/** The customer's consignment orders (withheld by the api until the caller is verified). */
export function useConsignments(client: ApiClient, scope: CustomerScope) {
  const { userId } = scope;
  return useQuery({
    retry: retryTransient,
    queryKey: financeKeys.consignments(scope),
    queryFn: userId ? ({ signal }) => client.listConsignments(userId, { signal }) : skipToken,
  });
}
