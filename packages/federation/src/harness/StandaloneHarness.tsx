import { useMemo, useState, type ComponentType } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  REMOTE_CONTRACT_VERSION,
  type Locale,
  type RemoteModule,
  type RemoteProps,
  type RemoteWorkspace,
  type VerificationStatus,
} from '@octopus/contracts';
import { createTelephonyStore } from '@octopus/telephony';
import { TelephonyProvider } from '@octopus/telephony/react';
import { App as AntdApp, Layout, localeFromSearch, OctopusUiProvider, REGISTRY_QUERY_KEY, Segmented, Select, Space, Tag, Typography } from '@octopus/ui';

export interface HarnessCustomer {
  userId: string | null;
  phone: string;
}

export interface StandaloneHarnessProps {
  remote: RemoteModule;
  /** Demo customers the team can switch between. */
  customers?: HarnessCustomer[];
  apiBaseUrl?: string;
}

const DEFAULT_CUSTOMERS: HarnessCustomer[] = [
  { userId: null, phone: '13800138000' },
  { userId: 'U000001', phone: '13800138000' },
];

function createMemoryWorkspace(): RemoteWorkspace {
  const values = new Map<string, unknown>();
  return {
    read: <T,>(key: string) => values.get(key) as T | undefined,
    write: <T,>(key: string, value: T) => void values.set(key, value),
  };
}

function HarnessBody({ remote, customers, apiBaseUrl }: Required<StandaloneHarnessProps>) {
  const { message } = AntdApp.useApp();
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
  const props: RemoteProps = {
    contractVersion: REMOTE_CONTRACT_VERSION,
    locale: localeFromSearch(window.location.search),
    callId: `harness-call-${customerIndex}`,
    customer: {
      userId: customer.userId,
      phone: customer.phone,
      verification: { status: verification, method: verification === 'verified' ? 'ivr-phone' : null },
    },
    agent: { id: '1001', name: 'Harness agent', skillGroups: ['aftersale'] },
    api: { baseUrl: apiBaseUrl, token: null, grant: null },
    host: {
      dial: (phone) => void message.info(`[harness] host.dial(${phone})`),
      openTicket: (request) => void message.info(`[harness] host.openTicket(${JSON.stringify(request)})`),
      showMessage: (kind, text) => void message[kind](text),
    },
    workspace,
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#0b1f33', display: 'flex', alignItems: 'center', gap: 16 }}>
        <Typography.Text style={{ color: '#fff' }} strong>
          {remote.name} v{remote.version} — standalone harness
        </Typography.Text>
        <Tag color="blue">contract {remote.contractVersion}</Tag>
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>
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
        </Space>
        <Panel {...props} />
      </Layout.Content>
    </Layout>
  );
}

/** A small page that gives a remote everything the shell would (contract props, QueryClient, telephony store, theme). */
export function StandaloneHarness({ remote, customers = DEFAULT_CUSTOMERS, apiBaseUrl = 'http://localhost:4100' }: StandaloneHarnessProps) {
  const locale: Locale = localeFromSearch(window.location.search);
  const [queryClient] = useState(() => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 30_000 } } });
    client.setQueryData(REGISTRY_QUERY_KEY, { remotes: { [remote.name]: { entry: window.location.href, version: remote.version } } });
    return client;
  });
  const [telephony] = useState(() => createTelephonyStore());
  return (
    <QueryClientProvider client={queryClient}>
      <TelephonyProvider store={telephony}>
        <OctopusUiProvider locale={locale}>
          <HarnessBody remote={remote} customers={customers} apiBaseUrl={apiBaseUrl} />
        </OctopusUiProvider>
      </TelephonyProvider>
    </QueryClientProvider>
  );
}
