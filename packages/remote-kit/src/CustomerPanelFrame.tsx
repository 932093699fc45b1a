import type { ComponentType } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { createApiClient, customerScope, type ApiClient, type CustomerScope } from '@octopus/api-client';
import type { RemotePrefetchContext, RemoteProps } from '@octopus/contracts';
import { RemotePanelFrame } from '@octopus/ui';
import { CallHeader } from './CallHeader';
import { NoCustomer } from './NoCustomer';

/** A remote's tab body: the call's props plus the bound customer's id (never null here). */
export type CustomerPanelBody = ComponentType<RemoteProps & { userId: string }>;

/**
 * The frame every remote's tab shares: the panel frame (name and release version, for the shell's
 * error boundary and telemetry), the call header, then `Body` once the call is bound to a customer,
 * else the "no customer" state. `Body` is keyed by call and customer, so a call switch remounts it
 * with that call's drafts, view and queries.
 */
export function CustomerPanelFrame({ name, version, title, props, Body }: { name: string; version: string; title: string; props: RemoteProps; Body: CustomerPanelBody }) {
  const userId = props.customer?.userId ?? null;
  return (
    <RemotePanelFrame name={name} version={version}>
      <CallHeader title={title} customer={props.customer} callId={props.callId} />
      {userId ? <Body key={`${props.callId ?? 'no-call'}:${userId}`} {...props} userId={userId} /> : <NoCustomer />}
    </RemotePanelFrame>
  );
}

/**
 * A `defineRemote` prefetch for a tab whose first view needs the bound customer: nothing without one;
 * otherwise `fill` gets an api client for the call and the customer's query scope (the same keys as the
 * remote's own hooks).
 */
export function prefetchForCustomer(
  fill: (client: ApiClient, scope: CustomerScope, queryClient: QueryClient) => Promise<unknown>,
): (context: RemotePrefetchContext, queryClient: QueryClient) => Promise<unknown> {
  return async ({ customer, callId, api }, queryClient) => {
    if (!customer?.userId) return;
    await fill(createApiClient(api), customerScope(customer.userId, callId, api), queryClient);
  };
}
