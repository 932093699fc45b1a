import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { Locale } from '@octopus/contracts';
import type { FederationRuntime } from '@octopus/federation';
import type { TelephonyStore } from '@octopus/telephony';
import { TelephonyProvider } from '@octopus/telephony/react';
import { OctopusUiProvider } from '@octopus/ui';
import { Workbench } from './Workbench';

export interface AppProps {
  queryClient: QueryClient;
  telephony: TelephonyStore;
  locale: Locale;
  runtime: FederationRuntime;
  registryUrl: string;
}

/** Providers the shell owns and shares with every remote: the QueryClient, the telephony store, theme and locale. */
export function App({ queryClient, telephony, locale, runtime, registryUrl }: AppProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <TelephonyProvider store={telephony}>
        <OctopusUiProvider locale={locale}>
          <Workbench runtime={runtime} registryUrl={registryUrl} />
        </OctopusUiProvider>
      </TelephonyProvider>
    </QueryClientProvider>
  );
}
