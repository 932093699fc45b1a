import { customerScope } from '@octopus/api-client';
import { type OrderStatus, type RemoteProps } from '@octopus/contracts';
import { Suspense } from 'react';
import { Skeleton, useT } from '@octopus/ui';
import packageJson from '../package.json';
import { CustomerPanelFrame, useApiClient, useWorkspaceDraft, defineRemote, prefetchForCustomer } from '@octopus/remote-kit';
import { ordersQuery, useOrders } from './hooks/useOrders';
import { messages } from './messages';
import { LazyOrderDetail } from './lazy-views';
import { OrderList } from './OrderList';

interface OrdersView {
  status: OrderStatus | null;
  page: number;
  orderId: string | null;
}

function OrdersBody({ userId, callId, api, host, workspace }: RemoteProps & { userId: string }) {
  const client = useApiClient(api);
  const scope = customerScope(userId, callId, api);
  // Filter, page and open order belong to the call: switching back restores what the agent was looking at.
  const [view, setView] = useWorkspaceDraft<OrdersView>(workspace, 'orders.view', { status: null, page: 1, orderId: null });
  const orders = useOrders(client, scope, view.status, view.page);
  if (view.orderId) {
    // Until its chunk is there (a restored view, or a click faster than the preload): the skeleton the detail shows while its data loads.
    return (
      <Suspense fallback={<Skeleton active data-testid="loading" />}>
        <LazyOrderDetail client={client} scope={scope} orderId={view.orderId} callId={callId} host={host} onBack={() => setView({ ...view, orderId: null })} />
      </Suspense>
    );
  }
  return (
    <OrderList
      data={orders.data}
      isPending={orders.isPending}
      error={orders.error}
      onRetry={() => void orders.refetch()}
      status={view.status}
      onStatus={(status) => setView({ ...view, status, page: 1 })}
      page={view.page}
      onPage={(page) => setView({ ...view, page })}
      onOpen={(orderId) => setView({ ...view, orderId })}
    />
  );
}

export function OrdersPanel(props: RemoteProps) {
  const t = useT(messages);
  return <CustomerPanelFrame name="orders" version={packageJson.version} title={t('title')} props={props} Body={OrdersBody} />;
}

// The contract version is the one this build was compiled against (fixed by the build, not read from the shell's shared copy).
export const remote = defineRemote({
  name: 'orders',
  version: packageJson.version,
  Component: OrdersPanel,
  // On ring: the first page of all orders, the tab's first view.
  prefetch: prefetchForCustomer((client, scope, queryClient) => queryClient.prefetchQuery(ordersQuery(client, scope, null, 1))),
});
