import type { ReactNode } from 'react';
import { Button, Skeleton, useT } from '@octopus/ui';
import { ApiErrorState } from './ApiErrorState';
import { commonMessages } from './messages';

/** The part of a TanStack query result a detail view reads. */
export interface DetailQuery<T> {
  data: T | undefined;
  error: unknown;
  refetch: () => unknown;
}

/**
 * One record opened from a remote's list (an order, a ticket): "Back to list", then the query's error
 * (with a retry that refetches), a loading skeleton (`data-testid="loading"`), or `children(data)`.
 * `label` names the section for assistive technology (the record's id).
 */
export function DetailView<T>({ label, query, onBack, children }: { label: string; query: DetailQuery<T>; onBack: () => void; children: (data: T) => ReactNode }) {
  const t = useT(commonMessages);
  return (
    <section aria-label={label}>
      <div style={{ marginBottom: 8 }}>
        <Button size="small" onClick={onBack}>
          {t('backToList')}
        </Button>
      </div>
      {query.error ? (
        <ApiErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data === undefined ? (
        <Skeleton active data-testid="loading" />
      ) : (
        children(query.data)
      )}
    </section>
  );
}
