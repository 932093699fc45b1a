import { startTransition, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Layout, Typography, useT } from '@octopus/ui';
import { useQuery } from '@tanstack/react-query';
import { REMOTE_CONTRACT_VERSION, REMOTE_NAMES, type RemoteRegistry } from '@octopus/contracts';
import { createRemoteLoader, fetchRegistry, RemoteLoaderProvider, type FederationRuntime } from '@octopus/federation';
import { useActiveCallId } from '@octopus/telephony/react';
import { REGISTRY_QUERY_KEY } from '@octopus/ui';
import { CallerPanel } from '../caller/CallerPanel';
import { CallList } from '../calls/CallList';
import { AgentStatus } from '../layout/AgentStatus';
import { ConnectionBanner } from '../layout/ConnectionBanner';
import { ConnectionTag } from '../layout/ConnectionTag';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { PhoneBar } from '../phone/PhoneBar';
import { RemoteTabs } from '../remotes/RemoteTabs';
import { shellMessages } from './messages';

const EMPTY_REGISTRY: RemoteRegistry = { remotes: {} };

function useRemoteLoader(runtime: FederationRuntime, registryUrl: string) {
  // The registry lives in the shared QueryClient so remotes can show what they were registered as.
  const registry = useQuery({ queryKey: REGISTRY_QUERY_KEY, queryFn: () => fetchRegistry(registryUrl), staleTime: Infinity, retry: 2 });
  const loader = useMemo(() => {
    if (registry.isPending) return null;
    const instance = createRemoteLoader({ runtime, registry: registry.data ?? EMPTY_REGISTRY, hostContractVersion: REMOTE_CONTRACT_VERSION });
    // Warm every remote at once, so a ringing call paints its tabs without waiting for code.
    for (const name of REMOTE_NAMES) if (instance.registry.remotes[name]) instance.preload(name);
    return instance;
  }, [runtime, registry.isPending, registry.data]);
  return { registry, loader };
}

/**
 * The call the remote tabs show: follows the active call one painted frame later, in a transition, so
 * a ring or a call switch paints the caller panel first and is never held up by a remote mounting.
 */
function useRemoteCallId(callId: string | null): string | null {
  const [remoteCallId, setRemoteCallId] = useState(callId);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setRemoteCallId(callId)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [callId]);
  return remoteCallId;
}

function CallArea() {
  const callId = useActiveCallId();
  const remoteCallId = useRemoteCallId(callId);
  return (
    <>
      <CallerPanel callId={callId} />
      <RemoteTabs callId={remoteCallId} />
    </>
  );
}

export interface WorkbenchProps {
  runtime: FederationRuntime;
  registryUrl: string;
  agent: { id: string; name: string };
  onLogout: () => void;
}

/** The agent's screen: status and phone bar on top, calls on the left, the caller and remotes in the middle. */
export function Workbench({ runtime, registryUrl, agent, onLogout }: WorkbenchProps) {
  const t = useT(shellMessages);
  const { registry, loader } = useRemoteLoader(runtime, registryUrl);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#0b1f33', paddingInline: 16, height: 'auto', minHeight: 64, flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Text style={{ color: '#cbd5e1' }} data-testid="agent-identity">
          {agent.name} ({agent.id})
        </Typography.Text>
        <ConnectionTag />
        <AgentStatus />
        <span style={{ flex: 1 }} />
        <LanguageSwitch />
        <Button size="small" onClick={onLogout}>
          {t('logout')}
        </Button>
      </Layout.Header>
      <ConnectionBanner />
      <Layout>
        <Layout.Sider width={340} theme="light" style={{ padding: 12, background: '#f8fafc', borderRight: '1px solid #e5e7eb' }}>
          <CallList agentId={agent.id} />
        </Layout.Sider>
        <Layout.Content style={{ padding: 16, display: 'flex', flexDirection: 'column', gap: 12 }}>
          <PhoneBar />
          {registry.isError ? (
            <Alert
              type="error"
              showIcon
              message={t('registryFailed')}
              description={registry.error.message}
              action={<Button onClick={() => void registry.refetch()}>{t('retry')}</Button>}
            />
          ) : null}
          {loader ? (
            <RemoteLoaderProvider loader={loader}>
              <CallArea />
            </RemoteLoaderProvider>
          ) : null}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
