import { useEffect, useMemo, useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { RemoteWorkspace } from '@octopus/contracts';
import { createIframeChildBridge, type IframeContext } from '@octopus/federation';
import { Empty, localeFromSearch, OctopusUiProvider, TEXT_WRAP_STYLE, Typography, useT } from '@octopus/ui';
import packageJson from '../../package.json';
import { NoCustomer } from '@octopus/remote-kit';
import { FinanceContent } from '../FinanceContent';
import { messages } from '../messages';

export interface EmbedAppProps {
  /** Host origins allowed to embed this page and send it a context (build-time list). */
  allowedOrigins: readonly string[];
  /** The page's query string (`?userId=…&lng=…`). */
  search: string;
  /** The embedding window; `window.parent` by default (tests pass one). */
  parent?: () => Window | null;
}

function memoryWorkspace(): RemoteWorkspace {
  const values = new Map<string, unknown>();
  return { read: <T,>(key: string) => values.get(key) as T | undefined, write: <T,>(key: string, value: T) => void values.set(key, value) };
}

/**
 * The finance tabs as a standalone page for iframe embedding. It knows nothing until an allowed host
 * sends the context (customer, api access, locale) by postMessage, and follows every later context (call switches).
 */
export function EmbedApp({ allowedOrigins, search, parent }: EmbedAppProps) {
  const [context, setContext] = useState<IframeContext | null>(null);
  // This page is its own app (no shell around it), so it owns its QueryClient.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false } } }));
  const workspaces = useMemo(() => new Map<string, RemoteWorkspace>(), []);
  const requestedUserId = new URLSearchParams(search).get('userId');

  useEffect(() => {
    const bridge = createIframeChildBridge({ allowedOrigins, name: 'finance', onContext: setContext, ...(parent ? { parent } : {}) });
    // Let the host size the frame to the content.
    // body, not the document: the document is at least as tall as the frame, so it could never shrink.
    const report = () => bridge.resize(document.body.scrollHeight);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(report);
    observer?.observe(document.body);
    return () => {
      observer?.disconnect();
      bridge.destroy();
    };
  }, [allowedOrigins, parent]);

  const locale = context?.locale ?? localeFromSearch(search);
  const userId = context?.customer?.userId ?? null;
  const callKey = `${context?.callId ?? 'no-call'}:${userId ?? ''}`;
  let workspace = workspaces.get(callKey);
  if (!workspace) {
    workspace = memoryWorkspace();
    workspaces.set(callKey, workspace);
  }
  return (
    <QueryClientProvider client={queryClient}>
      <OctopusUiProvider locale={locale}>
        <main data-remote-embed="finance" data-remote-version={packageJson.version} style={{ padding: 12, ...TEXT_WRAP_STYLE }}>
          {!context ? (
            <Waiting requestedUserId={requestedUserId} />
          ) : userId ? (
            <FinanceContent key={callKey} userId={userId} callId={context.callId} api={context.api} workspace={workspace} />
          ) : (
            <NoCustomer />
          )}
        </main>
      </OctopusUiProvider>
    </QueryClientProvider>
  );
}

function Waiting({ requestedUserId }: { requestedUserId: string | null }) {
  const t = useT(messages);
  return (
    <Empty
      data-testid="embed-waiting"
      description={
        <Typography.Text type="secondary">
          {t('waiting')}
          {requestedUserId ? ` ${t('waitingFor', { userId: requestedUserId })}` : ''}
        </Typography.Text>
      }
    />
  );
}
