import { customerScope } from '@octopus/api-client';
import { type RemoteProps, type ServiceChannel } from '@octopus/contracts';
import { Button, Empty, Radio, Skeleton, useT } from '@octopus/ui';
import packageJson from '../package.json';
import { ApiErrorState, CustomerPanelFrame, useApiClient, useWorkspaceDraft, defineRemote, prefetchForCustomer } from '@octopus/remote-kit';
import { serviceTrackQuery, useServiceTrack } from './hooks/useServiceTrack';
import { channelMessages, messages } from './messages';
import { TrackEvent } from './Timeline';

const ALL = 'all';
const CHANNELS: ServiceChannel[] = ['call', 'im', 'ticket'];

function TrackBody({ userId, callId, api, host, workspace }: RemoteProps & { userId: string }) {
  const t = useT(messages);
  const tc = useT(channelMessages);
  const client = useApiClient(api);
  const scope = customerScope(userId, callId, api);
  const [channel, setChannel] = useWorkspaceDraft<ServiceChannel | null>(workspace, 'service-track.channel', null);
  const track = useServiceTrack(client, scope, channel);
  const events = track.data?.pages.flatMap((page) => page.events) ?? [];
  return (
    <section aria-label={t('title')}>
      <Radio.Group
        aria-label={t('filter')}
        optionType="button"
        size="small"
        style={{ marginBottom: 8 }}
        value={channel ?? ALL}
        onChange={(event) => setChannel(event.target.value === ALL ? null : (event.target.value as ServiceChannel))}
        options={[{ value: ALL, label: t('all') }, ...CHANNELS.map((value) => ({ value, label: tc(value) }))]}
      />
      {track.error && events.length === 0 ? (
        <ApiErrorState error={track.error} onRetry={() => void track.refetch()} />
      ) : track.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} data-testid="loading" />
      ) : events.length === 0 ? (
        <Empty description={t('empty')} />
      ) : (
        <>
          <ol style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="service-track">
            {events.map((event) => (
              <TrackEvent key={event.id} event={event} host={host} />
            ))}
          </ol>
          {track.error ? <ApiErrorState error={track.error} onRetry={() => void track.fetchNextPage()} /> : null}
          {track.hasNextPage ? (
            <Button size="small" loading={track.isFetchingNextPage} onClick={() => void track.fetchNextPage()}>
              {t('more')}
            </Button>
          ) : null}
        </>
      )}
    </section>
  );
}

export function ServiceTrackPanel(props: RemoteProps) {
  const t = useT(messages);
  return <CustomerPanelFrame name="service-track" version={packageJson.version} title={t('title')} props={props} Body={TrackBody} />;
}

// The contract version is the one this build was compiled against (fixed by the build, not read from the shell's shared copy).
export const remote = defineRemote({
  name: 'service-track',
  version: packageJson.version,
  Component: ServiceTrackPanel,
  // On ring: the first page of every channel, the tab's first view.
  prefetch: prefetchForCustomer((client, scope, queryClient) => queryClient.prefetchInfiniteQuery(serviceTrackQuery(client, scope, null))),
});
