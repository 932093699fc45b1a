import { replaceEqualDeep, useQuery } from '@tanstack/react-query';
import type { CallRecordDto } from '@octopus/contracts';
import { useShellApi } from '../api/ShellApiProvider';

export const callRecordsKey = (agentId: string) => ['shell', 'call-records', agentId] as const;

/**
 * Structural sharing by call id: a refetch after a call ends puts the new record on top and shifts the
 * others down one place. The default sharing compares by index, so every row would be a new object and
 * re-render; here an unchanged record keeps its object, wherever it moved.
 */
export function shareRecordsByCallId(previous: unknown, next: unknown): unknown {
  if (!Array.isArray(previous) || !Array.isArray(next)) return replaceEqualDeep(previous, next);
  const before = new Map((previous as CallRecordDto[]).map((record) => [record.callId, record]));
  const shared = (next as CallRecordDto[]).map((record) => replaceEqualDeep(before.get(record.callId), record));
  // Nothing changed, nothing moved: the very same list (no re-render at all).
  return shared.length === previous.length && shared.every((record, i) => record === previous[i]) ? previous : shared;
}

/** The agent's 10 most recent call records (the left column). */
export function useCallRecords(agentId: string) {
  const api = useShellApi();
  return useQuery<CallRecordDto[]>({
    queryKey: callRecordsKey(agentId),
    queryFn: () => api.recentCallRecords(10),
    staleTime: 15_000,
    structuralSharing: shareRecordsByCallId,
  });
}
