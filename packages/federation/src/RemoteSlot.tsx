import { Suspense, use, useCallback, useSyncExternalStore, type ComponentType } from 'react';
import type { RemoteName, RemoteProps } from '@octopus/contracts';
import { Alert, Button, Skeleton, Typography, useT } from '@octopus/ui';
import { RemoteErrorBoundary } from './RemoteErrorBoundary';
import { useOptionalRemoteLoader, useRemoteLoader } from './RemoteLoaderContext';
import type { RemoteLoadError } from './errors';
import { slotMessages, useRemoteTitle } from './messages';

/**
 * A `RemoteSlot`'s props: which remote, the contract props it renders with, and a failure callback (called
 * once per failure with its stage).
 */
export interface RemoteSlotProps {
  name: RemoteName;
  props: RemoteProps;
  onError?: (error: RemoteLoadError) => void;
}

function RemoteBody({ name, props }: { name: RemoteName; props: RemoteProps }) {
  const loader = useRemoteLoader();
  // Code already loaded (preloaded at login, or shown before): render at once, no Suspense fallback.
  const remote = loader.loaded(name) ?? use(loader.load(name));
  const Panel = remote.Component as ComponentType<RemoteProps>;
  return <Panel {...props} />;
}

function RemoteLoading({ name }: { name: RemoteName }) {
  const t = useT(slotMessages);
  const title = useRemoteTitle(name, useRemoteLoader().registry);
  return (
    <div data-remote-loading={name} aria-busy="true" aria-label={t('loading', { remote: title })}>
      <Skeleton active paragraph={{ rows: 4 }} />
    </div>
  );
}

/** The fallback of a failed slot (federated or iframe): what failed, and Retry. */
export function RemoteFallback({ name, error, retry }: { name: RemoteName; error: RemoteLoadError; retry: () => void }) {
  const t = useT(slotMessages);
  const title = useRemoteTitle(name, useOptionalRemoteLoader()?.registry);
  return (
    // An Alert, not antd's Result: Result's illustrations would add ~10 KB gzip to every login (ADR 0003).
    <div data-remote-fallback={name} data-failure-stage={error.stage} style={{ padding: 24 }}>
      <Alert
        type="warning"
        showIcon
        role="alert"
        message={t('unavailable', { remote: title })}
        description={
          <>
            <div>{t(`stage.${error.stage}`)}</div>
            <div>{t('otherTabsFine')}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="remote-failure-detail">
              {error.message}
            </Typography.Text>
          </>
        }
        action={
          <Button type="primary" onClick={retry}>
            {t('retry')}
          </Button>
        }
      />
    </div>
  );
}

/**
 * One remote in one slot: Suspense while it loads, an error boundary around loading and rendering,
 * and Retry. Whatever the remote does wrong stays inside this slot.
 */
export function RemoteSlot({ name, props, onError }: RemoteSlotProps) {
  const loader = useRemoteLoader();
  // Bumped by Retry, by a retry of failed remotes (a call rings) and by a registry change: remounts the boundary.
  const generation = useSyncExternalStore(loader.subscribe, () => loader.generation(name));
  const retry = useCallback(() => void loader.retry(name), [loader, name]);

  return (
    <RemoteErrorBoundary
      // A new loader (registry change) or a reset remounts the boundary, dropping a shown failure.
      key={`${loader.id}:${generation}`}
      name={name}
      onRetry={retry}
      onError={onError}
      fallback={(error, reset) => <RemoteFallback name={name} error={error} retry={reset} />}
    >
      <Suspense fallback={<RemoteLoading name={name} />}>
        <RemoteBody name={name} props={props} />
      </Suspense>
    </RemoteErrorBoundary>
  );
}
