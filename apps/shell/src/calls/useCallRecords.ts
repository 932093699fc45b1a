import { useQuery } from '@tanstack/react-query';
import type { CallRecordDto } from '@octopus/contracts';
import { useShellApi } from '../api/ShellApiProvider';

export const callRecordsKey = (agentId: string) => ['shell', 'call-records', agentId] as const;

/** The agent's 10 most recent call records (the left column). */
export function useCallRecords(agentId: string) {
  const api = useShellApi();
  return useQuery<CallRecordDto[]>({
    queryKey: callRecordsKey(agentId),
    queryFn: () => api.recentCallRecords(10),
    staleTime: 15_000,
  });
}
