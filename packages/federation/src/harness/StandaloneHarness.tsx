import { useEffect, useMemo, useState, type ComponentType } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  REMOTE_CONTRACT_VERSION,
  type Locale,
  type RemoteModule,
  type RemoteProps,
  type RemoteWorkspace,
  type VerificationStatus,
} from '@octopus/contracts';
import { TelephonyClient } from '@octopus/telephony';
import { TelephonyProvider, useActiveCall, usePhoneActions } from '@octopus/telephony/react';
import { App as AntdApp, Button, Layout, localeFromSearch, OctopusUiProvider, REGISTRY_QUERY_KEY, Segmented, Space, Tag, TEXT_WRAP_STYLE, Typography } from '@octopus/ui';
import { Select } from '@octopus/ui/select';
import { placeDemoCall, useLiveSession, type LiveSession } from './live-session';
import { resolveHarnessServices } from './service-urls';

/** A demo caller the harness can switch to: the account (null: an unknown number) and the number. */
export interface HarnessCustomer {
  userId: string | null;
  phone: string;
}

/** The standalone harness's props: the remote module to show and where the demo services are. */
export interface StandaloneHarnessProps {
  remote: RemoteModule;
  /** Demo customers the team can switch between. */
  customers?: HarnessCustomer[];
  /** The api's base URL; default: the deployment's, from {@link resolveHarnessServices}. */
  apiBaseUrl?: string;
  /**
   * The cti-server that issues agent tokens and rings calls with grants (the harness works offline
   * without it); default: the deployment's, from {@link resolveHarnessServices}.
   */
  ctiUrl?: string;
}

// The api's well-known demo customers (docs/api.md).
const DEFAULT_CUSTOMERS: HarnessCustomer[] = [
  { userId: null, phone: '13700000000' },
  { userId: 'U0000001', phone: '13800138000' },
  { userId: 'U0000002', phone: '13800138001' },
  { userId: 'U0000003', phone: '13800138002' },
  { userId: 'U0000004', phone: '13800138003' },
  { userId: 'U0000005', phone: '13800138004' },
];

function createMemoryWorkspace(): RemoteWorkspace {
  const values = new Map<string, unknown>();
  return {
    read: <T,>(key: string) => values.get(key) as T | undefined,
    write: <T,>(key: string, value: T) => void values.set(key, value),
  };
}

function HarnessBody({ remote, customers, apiBaseUrl, ctiUrl, session }: Required<StandaloneHarnessProps> & { session: LiveSession }) {
  const { message } = AntdApp.useApp();
  const call = useActiveCall();
  const phone = usePhoneActions();
  const live = call && call.state !== 'ended' ? call : null;
  // Answer the demo call as soon as it rings: the harness plays a willing agent.
  useEffect(() => {
    if (live?.state === 'ringing') void phone.answer(live.id).catch(() => undefined);
  }, [live?.state, live?.id, phone]);
  const [customerIndex, setCustomerIndex] = useState(0);
  const [verification, setVerification] = useState<VerificationStatus>('verified');
  const workspaces = useMemo(() => new Map<number, RemoteWorkspace>(), []);
  const customer = customers[customerIndex] ?? customers[0]!;
  let workspace = workspaces.get(customerIndex);
  if (!workspace) {
    workspace = createMemoryWorkspace();
    workspaces.set(customerIndex, workspace);
  }
  const Panel = remote.Component as ComponentType<RemoteProps>;
  const token = session.status === 'online' ? session.token : null;
  const props: RemoteProps = {
    contractVersion: REMOTE_CONTRACT_VERSION,
    locale: localeFromSearch(window.location.search),
    // A live call (online) carries its own customer and grant, exactly as in the shell.
    callId: live ? live.id : `harness-call-${customerIndex}`,
    customer: live
      ? { userId: live.customer.userId, phone: live.customer.phone, verification: live.customer.verification }
      : {
          userId: customer.userId,
          phone: customer.phone,
          verification: { status: verification, method: verification === 'verified' ? 'ivr-phone' : null },
        },
    agent:
      session.status === 'online'
        ? { id: session.agent.id, name: session.agent.name, skillGroups: session.agent.skillGroups }
        : { id: '1001', name: 'Harness agent', skillGroups: ['aftersale'] },
    api: { baseUrl: apiBaseUrl, token, grant: live ? live.grant : null },
    host: {
      dial: (phone) => void message.info(`[harness] host.dial(${phone})`),
      openTicket: (request) => void message.info(`[harness] host.openTicket(${JSON.stringify(request)})`),
      showMessage: (kind, text) => void message[kind](text),
    },
    workspace,
  };
  return (
    <Layout style={{ minHeight: '100vh', ...TEXT_WRAP_STYLE }}>
      <Layout.Header style={{ background: '#0b1f33', display: 'flex', alignItems: 'center', gap: 16 }}>
        <Typography.Text style={{ color: '#fff' }} strong>
          {remote.name} v{remote.version} — standalone harness
        </Typography.Text>
        <Tag color="blue">contract {remote.contractVersion}</Tag>
      </Layout.Header>
      <Layout.Content style={{ padding: 16, minWidth: 0 }}>
        <Space wrap style={{ marginBottom: 16 }}>
          <span>Customer</span>
          <Select
            value={customerIndex}
            onChange={setCustomerIndex}
            options={customers.map((c, index) => ({ value: index, label: `${c.phone} ${c.userId ?? '(unbound)'}` }))}
            style={{ minWidth: 240 }}
          />
          <Segmented<VerificationStatus>
            value={verification}
            onChange={setVerification}
            options={['verified', 'unverified', 'failed', 'skipped']}
          />
          <Tag color={session.status === 'online' ? 'green' : 'default'} title={session.status === 'offline' ? session.reason : undefined}>
            {session.status === 'online' ? `cti: agent ${session.agentId}` : session.status === 'offline' ? 'cti: offline (token null)' : 'cti: connecting'}
          </Tag>
          {session.status === 'online' ? (
            live && live.state !== 'wrap-up' ? (
              <Button size="small" onClick={() => void phone.hangup(live.id).catch(() => undefined)}>
                Hang up {live.number}
              </Button>
            ) : (
              <Button
                size="small"
                onClick={() => {
                  // An idle agent gets the call; the IVR verifies it when the switch says verified.
                  void phone
                    .setState('idle')
                    .then(() => placeDemoCall(ctiUrl, customer.phone, verification === 'verified'))
                    .catch((error: unknown) => void message.error(String(error)));
                }}
              >
                Demo call from {customer.phone}
              </Button>
            )
          ) : null}
        </Space>
        <Panel {...props} />
      </Layout.Content>
    </Layout>
  );
}

/**
 * A small page that gives a remote everything the shell would (contract props, QueryClient, telephony
 * store, theme). Without `apiBaseUrl`/`ctiUrl` it asks the page's server where the deployment's services
 * are (`resolveHarnessServices`: `?cti=&api=`, then `octopus-config.json`, then the default ports).
 */
export function StandaloneHarness({ remote, customers = DEFAULT_CUSTOMERS, apiBaseUrl, ctiUrl }: StandaloneHarnessProps) {
  const [services, setServices] = useState<{ apiBaseUrl: string; ctiUrl: string } | null>(() => (apiBaseUrl && ctiUrl ? { apiBaseUrl, ctiUrl } : null));
  useEffect(() => {
    if (services) return;
    let cancelled = false;
    void resolveHarnessServices(window.location.href).then((found) => {
      if (!cancelled) setServices({ apiBaseUrl: apiBaseUrl ?? found.apiUrl, ctiUrl: ctiUrl ?? found.ctiUrl });
    });
    return () => {
      cancelled = true;
    };
  }, [services, apiBaseUrl, ctiUrl]);
  if (!services) return null;
  return <HarnessWithServices remote={remote} customers={customers} apiBaseUrl={services.apiBaseUrl} ctiUrl={services.ctiUrl} />;
}

function HarnessWithServices({ remote, customers, apiBaseUrl, ctiUrl }: Required<StandaloneHarnessProps>) {
  const locale: Locale = localeFromSearch(window.location.search);
  const [queryClient] = useState(() => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 30_000 } } });
    client.setQueryData(REGISTRY_QUERY_KEY, { remotes: { [remote.name]: { entry: window.location.href, version: remote.version } } });
    return client;
  });
  const [telephony] = useState(() => new TelephonyClient());
  const session = useLiveSession(telephony, ctiUrl, '1001', 'octopus');
  return (
    <QueryClientProvider client={queryClient}>
      <TelephonyProvider client={telephony}>
        <OctopusUiProvider locale={locale}>
          <HarnessBody remote={remote} customers={customers} apiBaseUrl={apiBaseUrl} ctiUrl={ctiUrl} session={session} />
        </OctopusUiProvider>
      </TelephonyProvider>
    </QueryClientProvider>
  );
}
