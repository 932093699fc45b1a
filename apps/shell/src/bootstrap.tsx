import { createRoot } from 'react-dom/client';
import { QueryClient } from '@tanstack/react-query';
import { TelephonyClient } from '@octopus/telephony';
import { localeFromSearch } from '@octopus/ui';
import { App } from './app/App';
import { afterNextPaint } from './paint/after-paint';
import { loadRuntimeConfig } from './config/runtime-config';
import { createBrowserFederationRuntime } from './remotes/federation-runtime';
import { createSessionStore } from './session/session-store';
import { persistentTabId } from './workspace/workspace-store';

async function start(): Promise<void> {
  const config = await loadRuntimeConfig();
  const queryClient = new QueryClient({
    // Customer data stays fresh for the length of a call: switching back to a call shows its data without refetching.
    defaultOptions: { queries: { staleTime: 5 * 60_000, gcTime: 15 * 60_000, refetchOnWindowFocus: false, retry: 1 } },
  });
  // THE telephony client (its store, actions, driver): created once here; every remote subscribes to its store.
  const telephony = new TelephonyClient();
  const session = createSessionStore({ ctiUrl: config.ctiUrl, storage: window.sessionStorage });

  // A devtools handle (like React's or Redux's): support staff and the e2e suite inspect the one store and cache.
  (window as unknown as { __OCTOPUS__: unknown }).__OCTOPUS__ = { telephony: telephony.store, queryClient };

  const container = document.getElementById('root');
  if (!container) throw new Error('#root is missing from index.html');
  createRoot(container).render(
    <App
      queryClient={queryClient}
      telephony={telephony}
      session={session}
      config={config}
      locale={localeFromSearch(window.location.search)}
      runtime={createBrowserFederationRuntime()}
      registryUrl="/registry.json"
      storage={window.localStorage}
      tabId={persistentTabId(window.sessionStorage)}
      afterPaint={afterNextPaint}
    />,
  );
}

void start();
