import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '@octopus/api-client';
import type { CallRecordDto, DispositionListResponse, DispositionRef } from '@octopus/contracts';
import { useAgentId, useCall, usePhoneActions } from '@octopus/telephony/react';
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
  /** The code chosen: the live call's (the cti-server's view), else the one on the call's record. */
  chosen: DispositionRef | null;
  /**
   * After-call work cannot end until a code is chosen. On a live call the cti-server says so
   * (`dispositionRequired`: it refuses End, a state change and a call out, and its timer waits);
   * on a record, the group requires one and none is stored.
   */
  blocked: boolean;
  /** The code goes to the cti-server (the agent's live part of the call), not to the record through the api. */
  live: boolean;
}

/** Whether the agent may leave after-call work of `callId`, and what is chosen. */
export function useDispositionGate(callId: string | null): DispositionGate {
  // The agent's id, not the agent object: an agent-state event re-renders nothing here.
  const call = useCall(callId);
  const agentId = useAgentId();
  const records = useCallRecords(agentId);
  const record = callId ? records.data?.find((r) => r.callId === callId) : undefined;
  const list = useDispositionList(call?.skillGroup ?? record?.skillGroup ?? null);
  // The server takes the code while the agent handles the call or wraps it up as the record's agent.
  const live = !!call && ((call.role === 'owner' && call.state !== 'wrap-up' && call.state !== 'ended' && call.state !== 'ringing') || call.state === 'wrap-up');
  const liveCode = live ? (call?.disposition ?? null) : null;
  const fromList = liveCode ? (list.data?.dispositions.find((d) => d.code === liveCode) ?? { code: liveCode, label: { 'zh-CN': liveCode, 'en-US': liveCode } }) : null;
  const chosen = fromList ?? record?.disposition ?? null;
  const blocked = live && call ? call.dispositionRequired : list.data?.required === true && chosen === null;
  return { list: list.data ?? null, chosen, blocked, live };
}

/**
 * The agent's wrap-up code for a live call, through the cti-server (`setDisposition`): the server holds
 * after-call work of a group that requires one until it has it, and writes it on the call record. The
 * records list is refetched once the record has it (the record reaches the api through the server's outbox).
 */
export function useSetLiveDisposition(callId: string) {
  const actions = usePhoneActions();
  const queryClient = useQueryClient();
  const agentId = useAgentId();
  return useMutation<void, Error, string | null>({
    mutationFn: async (code) => {
      if (code === null) return;
      await actions.setDisposition(callId, code);
    },
    onSuccess: () => {
      setTimeout(() => void queryClient.invalidateQueries({ queryKey: callRecordsKey(agentId) }), 1500);
    },
  });
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
