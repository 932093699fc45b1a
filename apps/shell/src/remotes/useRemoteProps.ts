import { useMemo } from 'react';
import { App } from '@octopus/ui';
import { REMOTE_CONTRACT_VERSION, type CustomerContext, type OpenTicketRequest, type RemoteName, type RemoteProps, type RemoteWorkspace, type TicketRequest } from '@octopus/contracts';
import { useTelephony } from '@octopus/telephony/react';
import { useLocale } from '@octopus/ui';
import { requestDial } from '../phone/dial-requests';
import { useWorkspaceStore } from '../workspace/WorkspaceProvider';
import { useShellContext } from '../config/ShellContext';

/**
 * The contract props for one remote and one call. Built from narrow selections (the customer's fields,
 * the grant), so a telephony event that changes neither hands the remote the same props object.
 */
export function useRemoteProps(name: RemoteName, callId: string | null, onOpenTicket: (request: OpenTicketRequest) => void, ticketRequest: TicketRequest | null = null): RemoteProps {
  const locale = useLocale();
  const { message } = App.useApp();
  const { apiUrl, token } = useShellContext();
  const workspaceStore = useWorkspaceStore();
  // Strings, not the agent object: the agent's state changes of a ring do not rebuild the props.
  const agentId = useTelephony((state) => state.agent?.id ?? null);
  const agentName = useTelephony((state) => state.agent?.name ?? '');
  const skillKey = useTelephony((state) => state.agent?.skillGroups.join(',') ?? '');
  const userId = useTelephony((state) => (callId ? (state.calls.get(callId)?.customer.userId ?? null) : null));
  const phone = useTelephony((state) => (callId ? (state.calls.get(callId)?.customer.phone ?? null) : null));
  const status = useTelephony((state) => (callId ? (state.calls.get(callId)?.customer.verification.status ?? null) : null));
  const method = useTelephony((state) => (callId ? (state.calls.get(callId)?.customer.verification.method ?? null) : null));
  const grant = useTelephony((state) => (callId ? (state.calls.get(callId)?.grant ?? null) : null));

  const workspace = useMemo<RemoteWorkspace>(
    () => ({
      read: <T,>(key: string) => (callId ? (workspaceStore.get(callId).remoteDrafts[`${name}:${key}`] as T | undefined) : undefined),
      write: <T,>(key: string, value: T) => {
        if (!callId) return;
        workspaceStore.update(callId, (ws) => ({ remoteDrafts: { ...ws.remoteDrafts, [`${name}:${key}`]: value } }));
      },
    }),
    [callId, name, workspaceStore],
  );

  return useMemo<RemoteProps>(() => {
    const customer: CustomerContext | null = phone && status ? { userId, phone, verification: { status, method } } : null;
    return {
      contractVersion: REMOTE_CONTRACT_VERSION,
      locale,
      callId,
      customer,
      agent: agentId ? { id: agentId, name: agentName, skillGroups: skillKey ? skillKey.split(',') : [] } : null,
      api: { baseUrl: apiUrl, token, grant },
      host: {
        dial: (number) => requestDial(number),
        openTicket: (request) => onOpenTicket(request),
        showMessage: (kind, text) => void message[kind](text),
      },
      workspace,
      ticketRequest,
    };
  }, [locale, callId, userId, phone, status, method, agentId, agentName, skillKey, apiUrl, token, grant, message, onOpenTicket, workspace, ticketRequest]);
}
