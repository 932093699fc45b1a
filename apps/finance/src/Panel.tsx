import { type RemoteProps } from '@octopus/contracts';
import { useT } from '@octopus/ui';
import packageJson from '../package.json';
import { CustomerPanelFrame, defineRemote, prefetchForCustomer } from '@octopus/remote-kit';
import { FinanceContent } from './FinanceContent';
import { consignmentsQuery } from './hooks/useConsignments';
import { loansQuery } from './hooks/useLoans';
import { messages } from './messages';

export function FinancePanel(props: RemoteProps) {
  const t = useT(messages);
  return <CustomerPanelFrame name="finance" version={packageJson.version} title={t('title')} props={props} Body={FinanceContent} />;
}

// The contract version is the one this build was compiled against (fixed by the build, not read from the shell's shared copy).
export const remote = defineRemote({
  name: 'finance',
  version: packageJson.version,
  Component: FinancePanel,
  // On ring: both lists the tab shows (a withheld answer is cached too: the tab says so at once).
  prefetch: prefetchForCustomer((client, scope, queryClient) =>
    Promise.all([queryClient.prefetchQuery(consignmentsQuery(client, scope)), queryClient.prefetchQuery(loansQuery(client, scope))]),
  ),
});
