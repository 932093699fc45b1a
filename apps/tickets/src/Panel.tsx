import { customerScope } from '@octopus/api-client';
import { TICKET_TITLE_MAX, type RemoteProps } from '@octopus/contracts';
import { Skeleton, useT } from '@octopus/ui';
import packageJson from '../package.json';
import { CustomerPanelFrame, useApiClient, useWorkspaceDraft, defineRemote, prefetchForCustomer } from '@octopus/remote-kit';
import { Suspense, useEffect } from 'react';
import { DRAFT_KEY, EMPTY_DRAFT, TICKET_CATEGORIES, type TicketDraft } from './ticket-draft';
import { ticketsQuery, useTickets } from './hooks/useTickets';
import { messages } from './messages';
import { LazyCreateTicketForm, LazyTicketDetail, loadTicketDetail } from './lazy-views';
import { TicketList } from './TicketList';

type View = { kind: 'list' } | { kind: 'create' } | { kind: 'detail'; ticketId: string };

function TicketsBody({ userId, callId, api, host, workspace, ticketRequest }: RemoteProps & { userId: string }) {
  const client = useApiClient(api);
  const scope = customerScope(userId, callId, api);
  // The view is part of the call's workspace too: coming back to a call shows what the agent had open.
  const [view, setView] = useWorkspaceDraft<View>(workspace, 'tickets.view', { kind: 'list' });
  const tickets = useTickets(client, scope);
  // host.openTicket from another remote (contract 1.1.0): open the form once per request, prefilled.
  const [handled, setHandled] = useWorkspaceDraft<number>(workspace, 'tickets.handledRequest', 0);
  const requestId = ticketRequest?.id ?? 0;
  useEffect(() => {
    if (!ticketRequest || !callId || requestId === handled) return;
    setHandled(requestId);
    const current = workspace.read<TicketDraft>(DRAFT_KEY) ?? EMPTY_DRAFT;
    const category = TICKET_CATEGORIES.find((candidate) => candidate === ticketRequest.category) ?? current.category;
    workspace.write<TicketDraft>(DRAFT_KEY, {
      ...current,
      title: (ticketRequest.title ?? current.title).slice(0, TICKET_TITLE_MAX),
      orderId: ticketRequest.orderId ?? current.orderId,
      description: ticketRequest.description ?? current.description,
      category,
    });
    setView({ kind: 'create' });
    // Only a new request (its id) opens the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestId]);

  // The form ends in the new ticket's detail view: load it while the agent types.
  useEffect(() => {
    if (view.kind === 'create') void loadTicketDetail();
  }, [view.kind]);
  if (view.kind === 'create') {
    return (
      <Suspense fallback={<Skeleton active data-testid="loading" />}>
        <LazyCreateTicketForm
          client={client}
          scope={scope}
          userId={userId}
          callId={callId}
          workspace={workspace}
          host={host}
          onCreated={(ticketId) => setView({ kind: 'detail', ticketId })}
          onCancel={() => setView({ kind: 'list' })}
        />
      </Suspense>
    );
  }
  if (view.kind === 'detail') {
    // Until its chunk is there (a restored view, or a click faster than the preload): the skeleton the detail shows while its data loads.
    return (
      <Suspense fallback={<Skeleton active data-testid="loading" />}>
        <LazyTicketDetail client={client} scope={scope} ticketId={view.ticketId} workspace={workspace} host={host} onBack={() => setView({ kind: 'list' })} />
      </Suspense>
    );
  }
  return (
    <TicketList
      tickets={tickets.data?.tickets}
      isPending={tickets.isPending}
      error={tickets.error}
      onRetry={() => void tickets.refetch()}
      onOpen={(ticketId) => setView({ kind: 'detail', ticketId })}
      onCreate={callId ? () => setView({ kind: 'create' }) : null}
    />
  );
}

export function TicketsPanel(props: RemoteProps) {
  const t = useT(messages);
  return <CustomerPanelFrame name="tickets" version={packageJson.version} title={t('title')} props={props} Body={TicketsBody} />;
}

// The contract version is the one this build was compiled against (fixed by the build, not read from the shell's shared copy).
export const remote = defineRemote({
  name: 'tickets',
  version: packageJson.version,
  Component: TicketsPanel,
  // On ring: the ticket list, the tab's first view.
  prefetch: prefetchForCustomer((client, scope, queryClient) => queryClient.prefetchQuery(ticketsQuery(client, scope))),
});
