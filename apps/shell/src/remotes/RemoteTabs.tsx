import { Activity, memo, useCallback, useMemo, useState } from 'react';
import { Card, Tabs, useLocale } from '@octopus/ui';
import { visibleRemotes, type AgentRole, type OpenTicketRequest, type RemoteName, type TicketRequest } from '@octopus/contracts';
import { builtInTabOrder, IframeRemoteSlot, RemoteSlot, remoteTitle, useRemoteLoader } from '@octopus/federation';
import { useCallWorkspace } from '../workspace/useCallWorkspace';
import { useWorkspaceStore } from '../workspace/WorkspaceProvider';
import { useRemoteProps } from './useRemoteProps';

/**
 * One remote's pane. Memoised: a tab click re-renders the tab list, and antd's pane transition renders the
 * pane being left once more before removing it — without memo that re-rendered the whole remote being left
 * (100–150 components) in the click's frame, before the opened tab could show its data.
 */
const RemotePane = memo(function RemotePane({
  name,
  callId,
  onOpenTicket,
  ticketRequest,
}: {
  name: RemoteName;
  callId: string | null;
  onOpenTicket: (request: OpenTicketRequest) => void;
  ticketRequest: TicketRequest | null;
}) {
  const props = useRemoteProps(name, callId, onOpenTicket, ticketRequest);
  const entry = useRemoteLoader().registry.remotes[name];
  // The registry decides the form: the finance team's iframe page, or the federated component.
  return (
    <div data-slot-call-id={callId ?? ''}>
      {entry?.mode === 'iframe' && entry.embed ? (
        <IframeRemoteSlot name={name} src={entry.embed} allowedOrigin={new URL(entry.embed).origin} props={props} />
      ) : (
        <RemoteSlot name={name} props={props} />
      )}
    </div>
  );
});

/**
 * The remote tabs for the call on screen: whatever the registry lists that `role` may see, in the
 * registry's order, titled in the page's locale (no remote is known to the shell's build). The
 * active tab is part of the call's workspace, and each remote is keyed by call, so switching calls
 * restores each call's own view and drafts.
 */
export const RemoteTabs = memo(function RemoteTabs({ callId, role }: { callId: string | null; role: AgentRole | null }) {
  const locale = useLocale();
  const { registry } = useRemoteLoader();
  const names = useMemo(() => visibleRemotes(registry, role, builtInTabOrder), [registry, role]);
  const workspace = useWorkspaceStore();
  const stored = useCallWorkspace(callId, (ws) => ws.activeTab);
  // Without a call there is no workspace: the tab choice is kept locally.
  const [idleTab, setIdleTab] = useState<RemoteName>(names[0] ?? 'tickets');
  const chosen = callId ? stored : idleTab;
  // A tab the registry no longer lists (or this role does not see) falls back to the first one.
  const active = names.includes(chosen) ? chosen : names[0];
  const setActive = useCallback(
    (key: string) => (callId ? workspace.update(callId, { activeTab: key as RemoteName }) : setIdleTab(key as RemoteName)),
    [callId, workspace],
  );
  // host.openTicket: the tickets tab comes forward and receives the request (its prefill) for this call.
  const [ticketRequest, setTicketRequest] = useState<TicketRequest | null>(null);
  const openTickets = useCallback(
    (request: OpenTicketRequest) => {
      setTicketRequest({ ...request, callId: request.callId ?? callId, id: Date.now() });
      setActive('tickets');
    },
    [setActive, callId],
  );
  const requestForCall = ticketRequest && ticketRequest.callId === callId ? ticketRequest : null;
  return (
    <Card size="small">
      <Tabs
        activeKey={active}
        onChange={setActive}
        items={names.map((name) => ({
          key: name,
          label: remoteTitle(name, registry.remotes[name], locale),
          // Every tab's pane exists for the call on screen; the hidden ones render in an <Activity> at
          // offscreen priority, after whatever the agent sees, with no effects. So a tab opened later
          // shows its (prefetched) data in the click's frame instead of mounting behind a skeleton,
          // and a ring or a call switch still paints the visible tab first. Without a call a tab mounts
          // when first opened: nothing to prefetch, and a supervisor's login does not load every
          // screen of the tabs it does not look at.
          forceRender: callId !== null,
          children: (
            <Activity mode={name === active ? 'visible' : 'hidden'}>
              {/* An iframe page follows call switches by message (no reload); a federated remote is keyed by call. */}
              <RemotePane key={registry.remotes[name]?.mode === 'iframe' ? name : `${name}:${callId ?? 'none'}`} name={name} callId={callId} onOpenTicket={openTickets} ticketRequest={name === 'tickets' ? requestForCall : null} />
            </Activity>
          ),
        }))}
      />
    </Card>
  );
});
