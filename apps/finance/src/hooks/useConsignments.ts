import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import { retryTransient, type ApiClient, type CustomerScope } from '@octopus/api-client';
import { financeKeys } from './keys';
import { orWithheld } from './withheld';

/** The query behind `useConsignments`: the hook's and the prefetch's (the same key). */
export function consignmentsQuery(client: ApiClient, scope: CustomerScope) {
  const { userId } = scope;
  return queryOptions({
    retry: retryTransient,
    queryKey: financeKeys.consignments(scope),
    queryFn: userId ? ({ signal }) => orWithheld(() => client.listConsignments(userId, { signal })) : skipToken,
  });
}

/** The customer's consignment orders (withheld by the api until the caller is verified). */
export function useConsignments(client: ApiClient, scope: CustomerScope) {
  return useQuery(consignmentsQuery(client, scope));
}
