import { skipToken, useQuery } from '@tanstack/react-query';
import { retryTransient, type ApiClient, type CustomerScope } from '@octopus/api-client';
import { financeKeys } from './keys';

/** Credit line and loans with instalments (withheld by the api until the caller is verified). */
export function useLoans(client: ApiClient, scope: CustomerScope) {
  const { userId } = scope;
  return useQuery({
    retry: retryTransient,
    queryKey: financeKeys.loans(scope),
    queryFn: userId ? ({ signal }) => client.listLoans(userId, { signal }) : skipToken,
  });
}
