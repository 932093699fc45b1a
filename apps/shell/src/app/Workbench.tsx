import { lazy, memo, startTransition, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Layout, Skeleton, TEXT_WRAP_STYLE, Typography, useT } from '@octopus/ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { inertText, registryForAgent, REMOTE_CONTRACT_VERSION, SUPERVISING_ROLES, visibleRemotes, type AgentRole, type RemoteRegistry, type SessionAgent } from '@octopus/contracts';
import { createRemoteLoader, createTelemetryReporter, fetchRegistry, RemoteLoaderProvider, type FederationRuntime, type RemoteLoader } from '@octopus/federation';
import { useShellContext } from '../config/ShellContext';
import { TelephonyProvider, useActiveCallId, useTelephonyClient, useTelephonyStoreApi } from '@octopus/telephony/react';
import type { TelephonyState, TelephonyStore } from '@octopus/telephony';
import { REGISTRY_QUERY_KEY } from '@octopus/ui';
import { CallerPanel } from '../caller/CallerPanel';
import { CallList } from '../calls/CallList';
import { CustomerLookup } from '../customer/CustomerLookup';
import { CustomerPanel } from '../customer/CustomerPanel';
import { AgentStatus } from '../layout/AgentStatus';
import { ConnectionBanner } from '../layout/ConnectionBanner';
import { ConnectionTag } from '../layout/ConnectionTag';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { NoticeCenter } from '../notices/NoticeCenter';
import { RingAlert } from '../ring/RingAlert';
import { PhoneBar } from '../phone/PhoneBar';
import { VoiceBar } from '../phone/VoiceBar';
import { ShortcutHelp } from '../phone/ShortcutHelp';
import { startRemotePrefetch } from '../remotes/remote-prefetch';
import { RemoteTabs } from '../remotes/RemoteTabs';
// Supervisors' pages, loaded when opened: their table is not part of every agent's login JavaScript.
const AuditLogPage = lazy(() => import('../audit/AuditLogPage').then((module) => ({ default: module.AuditLogPage })));
const RemoteHealthPage = lazy(() => import('../operations/RemoteHealthPage').then((module) => ({ default: module.RemoteHealthPage })));
import { workbenchMessages } from './workbench-messages';
import { useShellView } from './shell-view';
import { afterPaintStore, runNow, useAfterPaint } from '../paint/after-paint';
import { StyleKeepAlive } from './StyleKeepAlive';

const EMPTY_REGISTRY: RemoteRegistry = { remotes: {} };
/** A registry that has not answered by then counts as failed (the Alert offers Retry); ms. */
const REGISTRY_TIMEOUT_MS = 8000;

/** How often open pages re-read the registry (ms): a change reaches them within this (budget 30 s). */
export const REGISTRY_POLL_MS = 15_000;

/**
 * Whether the call on screen is under the agent's hands: until it has ended (wrap-up is still its work).
 * An ended call stays on screen as the active one, so "no active call id" alone would never come again.
 */
function callInHand(state: TelephonyState): boolean {
  const id = state.activeCallId;
  if (!id) return false;
  const call = state.calls.get(id);
  return !call || call.state !== 'ended';
}

/** The agent's registry (polled, applied at a safe moment) and the loader built from it, for `RemoteLoaderProvider`. */
function useRegistryLoader(runtime: FederationRuntime, registryUrl: string, agent: WorkbenchProps['agent'], following: TelephonyStore, pollMs: number = REGISTRY_POLL_MS) {
  const role = agent.role;
  const agentId = agent.id;
  const skillKey = agent.skillGroups?.join(',') ?? '';
  // The registry lives in the shared QueryClient so remotes can show what they were registered as:
  // resolved for this agent (the canary release where one applies to them, sticky per agent). It is
  // polled, so a release, canary or rollback reaches open pages without a reload.
  const registry = useQuery({
    queryKey: REGISTRY_QUERY_KEY,
    queryFn: async () =>
      registryForAgent(await fetchRegistry(registryUrl, fetch, { signal: AbortSignal.timeout(REGISTRY_TIMEOUT_MS) }), { id: agentId, skillGroups: skillKey ? skillKey.split(',') : [] }),
    staleTime: pollMs,
    refetchInterval: pollMs,
    refetchIntervalInBackground: true,
    retry: 2,
  });
  // The registry the remotes run on: a change is applied at a safe moment — now if the agent has no
  // active call, else when it ends (never under the agent's hands mid-call) — or at once by Retry.
  // Watched by a store subscription while a change waits, not selected in render: a ring would
  // otherwise re-render the whole workbench for a flag that matters only then.
  const telephony = useTelephonyStoreApi();
  const latest = registry.data ?? (registry.isError ? EMPTY_REGISTRY : null);
  const [applied, setApplied] = useState<RemoteRegistry | null>(latest);
  useEffect(() => {
    if (!latest || latest === applied) return;
    if (applied === null || !callInHand(telephony.getState())) {
      setApplied(latest);
      return;
    }
    return telephony.subscribe((state) => {
      if (!callInHand(state)) setApplied(latest);
    });
  }, [latest, applied, telephony]);
  const refetch = useRef(registry.refetch);
  refetch.current = registry.refetch;
  const previous = useRef<RemoteLoader | null>(null);
  // Every remote load goes to the product's collector (the api), batched, off the critical path.
  const { apiUrl, token } = useShellContext();
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const reporter = useMemo(() => createTelemetryReporter({ url: `${apiUrl}/telemetry/remote-loads`, token: () => tokenRef.current }), [apiUrl]);
  useEffect(() => {
    // Loads just before the page goes (reload, close) are sent with keepalive.
    const onHide = () => void reporter.flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      reporter.stop();
    };
  }, [reporter]);
  const loader = useMemo(() => {
    if (!applied) return null;
    const instance = createRemoteLoader({
      runtime,
      registry: applied,
      hostContractVersion: REMOTE_CONTRACT_VERSION,
      previous: previous.current,
      onLoad: (report) => reporter.report(report),
      // Retry re-reads the registry first: after a rollback, Retry loads the good release.
      beforeRetry: async () => {
        const result = await refetch.current();
        if (result.data) setApplied(result.data);
      },
    });
    // Warm every remote at once, so a ringing call paints its tabs without waiting for code.
    // Only what this role will see as a tab.
    for (const name of visibleRemotes(instance.registry, role)) instance.preload(name);
    return instance;
  }, [runtime, applied, role, reporter]);
  previous.current = loader;
  // A remote that failed (at start, or since) is tried again when a call rings (after its first frame).
  useEffect(
    () =>
      following.subscribe((state, before) => {
        for (const id of state.calls.keys()) {
          if (!before.calls.has(id)) {
            loader?.retryFailed();
            return;
          }
        }
      }),
    [following, loader],
  );
  // On ring, every visible tab's data for the caller goes into the shared cache (each remote's prefetch),
  // right after the ring's first frame is painted (building four requests is no part of that frame).
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!loader) return;
    return startRemotePrefetch({
      telephony: following,
      loader,
      queryClient,
      names: () => visibleRemotes(loader.registry, role),
      access: () => ({ baseUrl: apiUrl, token: tokenRef.current }),
    });
  }, [following, loader, queryClient, role, apiUrl]);
  return { registry, loader, reporter };
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

/** The customer panel of the active call, as the after-paint store tells it (a frame after the caller panel). */
const FollowingCustomerPanel = memo(function FollowingCustomerPanel() {
  return <CustomerPanel callId={useActiveCallId()} />;
});

/** The caller panel never waits for the registry; the remote tabs appear once it has answered. */
function CallArea({ loader, role, following }: { loader: RemoteLoader | null; role: AgentRole; following: TelephonyStore }) {
  const client = useTelephonyClient();
  const callId = useActiveCallId();
  const remoteCallId = useRemoteCallId(callId);
  return (
    <>
      <CallerPanel callId={callId} />
      <TelephonyProvider client={client} store={following}>
        <FollowingCustomerPanel />
      </TelephonyProvider>
      {loader ? (
        // The remotes read the after-paint store too: a ring does not re-render the previous call's tab.
        <TelephonyProvider client={client} store={following}>
          <RemoteLoaderProvider loader={loader}>
            <RemoteTabs callId={remoteCallId} role={role} />
          </RemoteLoaderProvider>
        </TelephonyProvider>
      ) : null}
    </>
  );
}

export interface WorkbenchProps {
  runtime: FederationRuntime;
  registryUrl: string;
  /** How often to re-read the registry (ms, default REGISTRY_POLL_MS). */
  registryPollMs?: number;
  agent: Pick<SessionAgent, 'id' | 'name' | 'role'> & { skillGroups?: readonly string[] };
  /** Logs out (server first, then locally); the button shows progress until it settles. */
  onLogout: () => Promise<void> | void;
}

/** The agent's screen: status and phone bar on top, calls on the left, the caller and remotes in the middle. */
export function Workbench({ runtime, registryUrl, registryPollMs, agent, onLogout }: WorkbenchProps) {
  const t = useT(workbenchMessages);
  // What renders in a ring's first frame reads the store itself: the ring banner and the caller panel (and
  // the remote tabs, which follow by design a frame later). Everything else reads the after-paint store.
  const client = useTelephonyClient();
  const telephony = useTelephonyStoreApi();
  const afterPaint = useAfterPaint();
  const following = useMemo(() => afterPaintStore(telephony, afterPaint), [telephony, afterPaint]);
  const { registry, loader, reporter } = useRegistryLoader(runtime, registryUrl, agent, following, registryPollMs);
  const [path, navigate] = useShellView();
  const [loggingOut, setLoggingOut] = useState(false);
  const supervising = SUPERVISING_ROLES.includes(agent.role);
  // An agent who opens /audit-log (a bookmark, a typed URL) gets the workbench: the page is not theirs.
  const view = supervising ? path : 'workbench';
  const logout = () => {
    setLoggingOut(true);
    // Pending load reports go out while the session still accepts them (at most 2 s).
    const flushed = Promise.race([reporter.flush(), new Promise<void>((resolve) => setTimeout(resolve, 2000))]);
    void flushed.then(() => onLogout()).finally(() => setLoggingOut(false));
  };
  return (
    // The page is exactly the viewport: the call list and the call area scroll on their own (a long list of
    // records neither stretches the page nor makes a ring repaint 4,000 px of it; issue [2/7] point 8).
    <Layout style={{ height: '100vh', overflow: 'hidden', ...TEXT_WRAP_STYLE }}>
      {/* First in the tab order: one Tab reaches Answer while a call rings. */}
      <RingAlert />
      {/* Where frames are timed (the browser; not tests, which render at once): see StyleKeepAlive. */}
      {afterPaint !== runNow ? <StyleKeepAlive /> : null}
      {/* One line of fixed height in every state and language (issue 9): nothing wraps; what does not fit
          is the title and the agent's name, which shrink with an ellipsis (the full text in a tooltip). */}
      <Layout.Header className="octopus-header" style={{ display: 'flex', alignItems: 'center', gap: 12, background: '#0b1f33', paddingInline: 16, height: 64, flexWrap: 'nowrap' }}>
        <Typography.Title level={1} className="octopus-header-shrink" style={{ color: '#fff', margin: 0, fontSize: 20 }} title={t('title')}>
          {t('title')}
        </Typography.Title>
        <Typography.Text className="octopus-header-shrink" style={{ color: '#cbd5e1' }} data-testid="agent-identity" data-role={agent.role} title={inertText(agent.name)}>
          {inertText(agent.name)} ({agent.id}){agent.role !== 'agent' ? ` · ${t(`role.${agent.role}`)}` : ''}
        </Typography.Text>
        <TelephonyProvider client={client} store={following}>
          <ConnectionTag />
          <AgentStatus />
          <NoticeCenter />
        </TelephonyProvider>
        <span style={{ flex: 1 }} />
        {supervising ? (
          <>
            {view !== 'workbench' ? (
              <Button type="link" style={{ color: '#cbd5e1' }} onClick={() => navigate('workbench')} data-testid="workbench-link">
                {t('workbenchLink')}
              </Button>
            ) : null}
            {view !== 'audit-log' ? (
              <Button type="link" style={{ color: '#cbd5e1' }} onClick={() => navigate('audit-log')} data-testid="audit-link">
                {t('auditLink')}
              </Button>
            ) : null}
            {view !== 'remote-health' ? (
              <Button type="link" style={{ color: '#cbd5e1' }} onClick={() => navigate('remote-health')} data-testid="remote-health-link">
                {t('remoteHealthLink')}
              </Button>
            ) : null}
          </>
        ) : null}
        <ShortcutHelp />
        <LanguageSwitch />
        <Button size="small" onClick={logout} loading={loggingOut}>
          {t('logout')}
        </Button>
      </Layout.Header>
      <TelephonyProvider client={client} store={following}>
        <ConnectionBanner />
      </TelephonyProvider>
      {view === 'audit-log' ? (
        <Layout.Content style={{ padding: 16, minWidth: 0, minHeight: 0, overflow: 'auto' }}>
          <Suspense fallback={<Skeleton active />}>
            <AuditLogPage role={agent.role} />
          </Suspense>
        </Layout.Content>
      ) : null}
      {view === 'remote-health' ? (
        <Layout.Content style={{ padding: 16, minWidth: 0, minHeight: 0, overflow: 'auto' }}>
          <Suspense fallback={<Skeleton active />}>
            <RemoteHealthPage role={agent.role} />
          </Suspense>
        </Layout.Content>
      ) : null}
      {/* Kept mounted (hidden) on the audit page: calls, drafts and remote tabs stay as they were. antd's
          display:flex would beat the hidden attribute, hence the style. */}
      <Layout style={view !== 'workbench' ? { display: 'none' } : { minHeight: 0 }} data-testid="workbench-body">
        <Layout.Sider width={340} theme="light" style={{ padding: 12, background: '#f8fafc', borderRight: '1px solid #e5e7eb', overflowY: 'auto' }}>
          <TelephonyProvider client={client} store={following}>
            <CustomerLookup />
            <CallList agentId={agent.id} />
          </TelephonyProvider>
        </Layout.Sider>
        <Layout.Content style={{ padding: 16, display: 'flex', flexDirection: 'column', gap: 12, minWidth: 0, overflowY: 'auto' }}>
          <TelephonyProvider client={client} store={following}>
            <PhoneBar />
            <VoiceBar />
          </TelephonyProvider>
          {registry.isError ? (
            <Alert
              type="error"
              showIcon
              message={t('registryFailed')}
              description={registry.error.message}
              action={<Button onClick={() => void registry.refetch()}>{t('retry')}</Button>}
            />
          ) : null}
          <CallArea loader={loader} role={agent.role} following={following} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
