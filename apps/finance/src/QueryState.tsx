import type { ReactNode } from 'react';
import { isWithheld } from '@octopus/api-client';
import { Skeleton } from '@octopus/ui';
import { ApiErrorState } from '@octopus/remote-kit';
import { Withheld } from './Withheld';
import { isWithheldAnswer, type WithheldAnswer } from './hooks/withheld';

/** Loading, withheld (the api's answer, or an error from elsewhere that says so), error, or the data. */
export function QueryState<T>({
  query,
  children,
}: {
  query: { data: T | WithheldAnswer | undefined; error: unknown; refetch: () => unknown };
  children: (data: T) => ReactNode;
}) {
  if (query.error) return isWithheld(query.error) ? <Withheld /> : <ApiErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return <Skeleton active paragraph={{ rows: 3 }} data-testid="loading" />;
  if (isWithheldAnswer(query.data)) return <Withheld />;
  return <>{children(query.data)}</>;
}
