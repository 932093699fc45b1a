import { customerScope } from '@octopus/api-client';
import type { ApiAccess, RemoteWorkspace } from '@octopus/contracts';
import { Tabs, useT } from '@octopus/ui';
import { useApiClient, useWorkspaceDraft } from '@octopus/remote-kit';
import { Consignments } from './Consignments';
import { Loans } from './Loans';
import { messages } from './messages';

type FinanceTab = 'consignments' | 'loans';

export interface FinanceContentProps {
  userId: string;
  callId: string | null;
  api: ApiAccess;
  workspace: RemoteWorkspace;
}

/** The two finance tabs; shared by the federated panel and the iframe page. */
export function FinanceContent({ userId, callId, api, workspace }: FinanceContentProps) {
  const t = useT(messages);
  const client = useApiClient(api);
  const scope = customerScope(userId, callId, api);
  const [tab, setTab] = useWorkspaceDraft<FinanceTab>(workspace, 'finance.tab', 'consignments');
  return (
    <Tabs
      size="small"
      activeKey={tab}
      onChange={(key) => setTab(key as FinanceTab)}
      // Only the open tab mounts, so only its data is fetched (and audited).
      destroyOnHidden
      items={[
        { key: 'consignments', label: t('consignments'), children: <Consignments client={client} scope={scope} /> },
        { key: 'loans', label: t('loans'), children: <Loans client={client} scope={scope} /> },
      ]}
    />
  );
}
