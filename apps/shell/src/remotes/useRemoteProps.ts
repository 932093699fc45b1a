import { useMemo } from 'react';
import { REMOTE_CONTRACT_VERSION, type RemoteProps, type RemoteWorkspace } from '@octopus/contracts';
import { useActiveCall } from '@octopus/telephony/react';
import { App as AntdApp, useLocale } from '@octopus/ui';

const API_BASE_URL = 'http://localhost:4100';

function memoryWorkspace(): RemoteWorkspace {
  const values = new Map<string, unknown>();
  return {
    read: <T,>(key: string) => values.get(key) as T | undefined,
    write: <T,>(key: string, value: T) => void values.set(key, value),
  };
}

/** The contract props the shell hands every remote, derived from the active call. */
export function useRemoteProps(): RemoteProps {
  const locale = useLocale();
  const call = useActiveCall();
  const { message } = AntdApp.useApp();
  const callId = call?.id ?? null;
  const from = call?.from ?? null;
  const workspace = useMemo(() => memoryWorkspace(), []);
  return useMemo<RemoteProps>(
    () => ({
      contractVersion: REMOTE_CONTRACT_VERSION,
      locale,
      callId,
      customer: from ? { userId: null, phone: from, verification: { status: 'unverified', method: null } } : null,
      agent: null,
      api: { baseUrl: API_BASE_URL, token: null, grant: null },
      host: {
        dial: (phone) => void message.info(phone),
        openTicket: () => undefined,
        showMessage: (kind, text) => void message[kind](text),
      },
      workspace,
    }),
    [locale, callId, from, message, workspace],
  );
}
