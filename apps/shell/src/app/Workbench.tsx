import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { REMOTE_CONTRACT_VERSION, REMOTE_NAMES, type RemoteRegistry } from '@octopus/contracts';
import { createRemoteLoader, fetchRegistry, RemoteLoaderProvider, type FederationRuntime } from '@octopus/federation';
import { useActiveCall } from '@octopus/telephony/react';
import { Alert, Button, Layout, REGISTRY_QUERY_KEY, Tag, Typography, useLocale, useT } from '@octopus/ui';
import { RemoteTabs } from '../remotes/RemoteTabs';
import { shellMessages } from './messages';

const EMPTY_REGISTRY: RemoteRegistry = { remotes: {} };

function ActiveCallTag() {
  const t = useT(shellMessages);
  const call = useActiveCall();
  return (
    <Tag data-testid="shell-active-call" color={call ? 'green' : 'default'}>
      {call ? t('activeCall', { from: call.from }) : t('noCall')}
    </Tag>
  );
}

function LanguageSwitch() {
  const t = useT(shellMessages);
  const locale = useLocale();
  const target = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <Button type="link" href={`?lng=${target}`} style={{ color: '#cbd5e1' }}>
      {t('language')}
    </Button>
  );
}

export function Workbench({ runtime, registryUrl }: { runtime: FederationRuntime; registryUrl: string }) {
  const t = useT(shellMessages);
  // The registry lives in the shared QueryClient so remotes can show what they were registered as.
  const registry = useQuery({
    queryKey: REGISTRY_QUERY_KEY,
    queryFn: () => fetchRegistry(registryUrl),
    staleTime: Infinity,
    retry: 2,
  });
  const loader = useMemo(() => {
    if (registry.isPending) return null;
    const instance = createRemoteLoader({
      runtime,
      registry: registry.data ?? EMPTY_REGISTRY,
      hostContractVersion: REMOTE_CONTRACT_VERSION,
    });
    // Warm every remote right away so the first tab switch is instant.
    for (const name of REMOTE_NAMES) if (instance.registry.remotes[name]) instance.preload(name);
    return instance;
  }, [runtime, registry.isPending, registry.data]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#0b1f33', paddingInline: 16 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <ActiveCallTag />
        <span style={{ flex: 1 }} />
        <LanguageSwitch />
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>
        {registry.isError ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('registryFailed')}
            description={registry.error.message}
            action={<Button onClick={() => void registry.refetch()}>{t('retry')}</Button>}
          />
        ) : null}
        {loader ? (
          <RemoteLoaderProvider loader={loader}>
            <RemoteTabs />
          </RemoteLoaderProvider>
        ) : null}
      </Layout.Content>
    </Layout>
  );
}
