import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '@octopus/api-client';
import type { CallRecordDto, DispositionListResponse, DispositionRef } from '@octopus/contracts';
import { useAgentId, useTelephony } from '@octopus/telephony/react';
import { useShellApi } from '../api/ShellApiProvider';
import { callRecordsKey, useCallRecords } from './useCallRecords';

export const dispositionsKey = (skillGroup: string | null) => ['shell', 'dispositions', skillGroup] as const;

/** The wrap-up codes of a skill group (configuration: cached for 5 minutes). */
export function useDispositionList(skillGroup: string | null) {
  const api = useShellApi();
  return useQuery<DispositionListResponse>({
    queryKey: dispositionsKey(skillGroup),
    queryFn: () => api.dispositions(skillGroup as string),
    enabled: skillGroup !== null,
    staleTime: 5 * 60_000,
  });
}

export interface DispositionGate {
  /** The group's list (empty until loaded). */
  list: DispositionListResponse | null;
  /** The code on the call's record. */
  chosen: DispositionRef | null;
  /** The group requires a code and none is chosen yet: after-call work cannot end. */
  blocked: boolean;
}

/** Whether the agent may leave after-call work of `callId`, and what is chosen (from the agent's records). */
export function useDispositionGate(callId: string | null): DispositionGate {
  // Strings, not the call or agent objects: a call or agent event that changes neither re-renders nothing.
  const callGroup = useTelephony((state) => (callId ? (state.calls.get(callId)?.skillGroup ?? null) : null));
  const agentId = useAgentId();
  const records = useCallRecords(agentId);
  const record = callId ? records.data?.find((r) => r.callId === callId) : undefined;
  const list = useDispositionList(callGroup ?? record?.skillGroup ?? null);
  const chosen = record?.disposition ?? null;
  return { list: list.data ?? null, chosen, blocked: list.data?.required === true && chosen === null };
}

/**
 * Stores the chosen code on the agent's record of the call and patches the records list with the answer.
 * The record may not exist yet right after hang-up (the cti-server writes it): a 404 is retried.
 */
export function useSetDisposition(callId: string) {
  const api = useShellApi();
  const queryClient = useQueryClient();
  const agentId = useAgentId();
  return useMutation<CallRecordDto, Error, string | null>({
    mutationFn: (code) => api.setDisposition(callId, code),
    retry: (failures, error) => failures < 8 && isApiError(error) && error.status === 404,
    retryDelay: 750,
    onSuccess: (record) => {
      const key = callRecordsKey(agentId);
      const list = queryClient.getQueryData<CallRecordDto[]>(key);
      if (list?.some((r) => r.callId === record.callId)) {
        queryClient.setQueryData<CallRecordDto[]>(key, list.map((r) => (r.callId === record.callId ? { ...r, disposition: record.disposition } : r)));
      } else void queryClient.invalidateQueries({ queryKey: key });
    },
  });
}
