import { createApiClient, customerScope } from '@octopus/api-client';
import { type RemoteProps } from '@octopus/contracts';
import { RemotePanelFrame, useT } from '@octopus/ui';
import packageJson from '../package.json';
import { CallHeader, NoCustomer, defineRemote } from '@octopus/remote-kit';
import { FinanceContent } from './FinanceContent';
import { consignmentsQuery } from './hooks/useConsignments';
import { loansQuery } from './hooks/useLoans';
import { messages } from './messages';

export function FinancePanel(props: RemoteProps) {
  const t = useT(messages);
  const userId = props.customer?.userId ?? null;
  return (
    <RemotePanelFrame name="finance" version={packageJson.version}>
      <CallHeader title={t('title')} customer={props.customer} callId={props.callId} />
      {/* Keyed by call and customer: a call switch remounts with that call's tab and queries. */}
      {userId ? (
        <FinanceContent key={`${props.callId ?? 'no-call'}:${userId}`} userId={userId} callId={props.callId} api={props.api} workspace={props.workspace} />
      ) : (
        <NoCustomer />
      )}
    </RemotePanelFrame>
  );
}

// The contract version is the one this build was compiled against (fixed by the build, not read from the shell's shared copy).
export const remote = defineRemote({
  name: 'finance',
  version: packageJson.version,
  Component: FinancePanel,
  // On ring: both lists the tab shows (a withheld answer is cached too: the tab says so at once).
  prefetch: async ({ customer, callId, api }, queryClient) => {
    if (!customer?.userId) return;
    const client = createApiClient(api);
    const scope = customerScope(customer.userId, callId, api);
    await Promise.all([queryClient.prefetchQuery(consignmentsQuery(client, scope)), queryClient.prefetchQuery(loansQuery(client, scope))]);
  },
});
