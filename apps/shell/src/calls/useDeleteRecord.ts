import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CallRecordDto } from '@octopus/contracts';
import { useShellApi } from '../api/ShellApiProvider';
import { callRecordsKey } from './useCallRecords';

/** Deletes a record; the list refetches so the next older record fills the tenth place. */
export function useDeleteRecord(agentId: string) {
  const api = useShellApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (callId: string) => api.deleteRecord(callId),
    onMutate: async (callId) => {
      await queryClient.cancelQueries({ queryKey: callRecordsKey(agentId) });
      const previous = queryClient.getQueryData<CallRecordDto[]>(callRecordsKey(agentId));
      queryClient.setQueryData<CallRecordDto[]>(callRecordsKey(agentId), (records) => records?.filter((r) => r.callId !== callId));
      return { previous };
    },
    onError: (_error, _callId, context) => {
      if (context?.previous) queryClient.setQueryData(callRecordsKey(agentId), context.previous);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: callRecordsKey(agentId) }),
  });
}
