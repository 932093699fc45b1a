import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import { retryTransient, type ApiClient, type CustomerScope } from '@octopus/api-client';
import { financeKeys } from './keys';
import { orWithheld } from './withheld';

/** The query behind `useLoans`: the hook's and the prefetch's (the same key). */
export function loansQuery(client: ApiClient, scope: CustomerScope) {
  const { userId } = scope;
  return queryOptions({
    retry: retryTransient,
    queryKey: financeKeys.loans(scope),
    queryFn: userId ? ({ signal }) => orWithheld(() => client.listLoans(userId, { signal })) : skipToken,
  });
}

/** Credit line and loans with instalments (withheld by the api until the caller is verified). */
export function useLoans(client: ApiClient, scope: CustomerScope) {
  return useQuery(loansQuery(client, scope));
}
