// Renders a remote panel as the shell would: the shell's QueryClient, telephony store and UI provider around contract props.
import type { ComponentType } from 'react';
import { act, render, type RenderResult } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createFetchMock, type FetchMock, type MockRoute } from '@octopus/api-client/testing';
import { REMOTE_CONTRACT_VERSION, type Locale, type RemoteProps, type RemoteWorkspace } from '@octopus/contracts';
import { TelephonyClient } from '@octopus/telephony';
import { TelephonyProvider } from '@octopus/telephony/react';
import { OctopusUiProvider } from '@octopus/ui';

export function memoryWorkspace(): RemoteWorkspace & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    read: <T,>(key: string) => values.get(key) as T | undefined,
    write: <T,>(key: string, value: T) => void values.set(key, value),
  };
}

export const AGENT_TOKEN = 'agent.token.sig';
export const GRANT = 'grant.payload.signature0001';

export function makeProps(overrides: Partial<RemoteProps> = {}): RemoteProps {
  return {
    contractVersion: REMOTE_CONTRACT_VERSION,
    locale: 'zh-CN',
    callId: 'call-1',
    customer: { userId: 'U0000001', phone: '13800138000', verification: { status: 'verified', method: 'ivr-phone' } },
    agent: { id: '1001', name: 'Agent 1001', skillGroups: ['aftersale'] },
    api: { baseUrl: 'http://api.test', token: AGENT_TOKEN, grant: GRANT },
    host: { dial: jest.fn(), openTicket: jest.fn(), showMessage: jest.fn() },
    workspace: memoryWorkspace(),
    ...overrides,
  };
}

export interface Rendered extends RenderResult {
  fetchMock: FetchMock;
  queryClient: QueryClient;
  rerenderWith: (props: RemoteProps, locale?: Locale) => void;
}

export function testQueryClient(): QueryClient {
  // Like the shell's client, minus retries so error states show at once.
  return new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 30_000 }, mutations: { retry: false } } });
}

export async function renderPanel(
  Panel: ComponentType<RemoteProps>,
  props: RemoteProps,
  options: { routes?: Record<string, MockRoute>; locale?: Locale; queryClient?: QueryClient; fetchMock?: FetchMock } = {},
): Promise<Rendered> {
  const fetchMock = options.fetchMock ?? createFetchMock(options.routes);
  globalThis.fetch = fetchMock.fetch;
  const queryClient = options.queryClient ?? testQueryClient();
  const telephony = new TelephonyClient();
  const tree = (p: RemoteProps, locale: Locale) => (
    <QueryClientProvider client={queryClient}>
      <TelephonyProvider client={telephony}>
        <OctopusUiProvider locale={locale}>
          <Panel {...p} />
        </OctopusUiProvider>
      </TelephonyProvider>
    </QueryClientProvider>
  );
  let result!: RenderResult;
  await act(async () => {
    result = render(tree(props, options.locale ?? props.locale));
  });
  return {
    ...result,
    fetchMock,
    queryClient,
    rerenderWith: (p, locale) => result.rerender(tree(p, locale ?? p.locale)),
  };
}
