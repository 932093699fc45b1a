import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useQueryClient } from '@tanstack/react-query';
import { grantFingerprint } from '@octopus/api-client';
import { Alert, Empty, Flex, Skeleton, Typography, useT } from '@octopus/ui';
import { useTelephony, useTelephonyStoreApi } from '@octopus/telephony/react';
import { callListMessages } from './call-list-messages';
import { useWorkspaceStore } from '../workspace/WorkspaceProvider';
import { CallRecordItem } from './CallRecordItem';
import { LiveCallItem } from './LiveCallItem';
import { useCallRecords } from './useCallRecords';
import { useDeleteRecord } from './useDeleteRecord';
import { sweepCallQueries } from './query-sweep';

/**
 * The left column: current calls on top, then the agent's 10 most recent call records. It does not
 * follow the active call itself: each entry's frame does (a switch re-renders two frames, not the list).
 */
export function CallList({ agentId }: { agentId: string }) {
  const t = useT(callListMessages);
  const store = useTelephonyStoreApi();
  const liveIds = useTelephony(useShallow((state) => state.callIds.filter((id) => state.calls.get(id)?.state !== 'ended')));
  const knownIds = useTelephony(useShallow((state) => state.callIds));
  const records = useCallRecords(agentId);
  const deleteRecord = useDeleteRecord(agentId);
  const workspace = useWorkspaceStore();
  const select = useCallback((callId: string) => store.setActiveCall(callId), [store]);
  const known = useMemo(() => new Set(knownIds), [knownIds]);
  const live = useMemo(() => new Set(liveIds), [liveIds]);
  const shownRecords = useMemo(() => (records.data ?? []).filter((record) => !live.has(record.callId)), [records.data, live]);

  // A call ended and its record was written: refresh the list so it shows up. Only when a live call
  // left the list — a ring writes no record, and its refetch would land in the middle of the ring.
  const liveKey = liveIds.join(',');
  // The timer outlives a ring that follows at once (the next call from the queue): it is cleared on unmount only.
  const lastLive = useRef(liveIds);
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { refetch } = records;
  useEffect(() => {
    const left = lastLive.current.some((id) => !liveIds.includes(id));
    lastLive.current = liveIds;
    if (!left) return;
    clearTimeout(refetchTimer.current);
    refetchTimer.current = setTimeout(() => void refetch(), 800);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [liveKey]);
  useEffect(() => () => clearTimeout(refetchTimer.current), []);

  // Workspaces of calls the list no longer shows are dropped, and so are the cached answers about them
  // and about grants their calls no longer hold (keyed by call and grant, never asked for again): memory
  // stays flat over a shift.
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!records.data) return;
    const { calls, activeCallId } = store.getState();
    const ids = new Set<string>([...liveIds, ...records.data.map((record) => record.callId)]);
    if (activeCallId) ids.add(activeCallId);
    workspace.evict(ids);
    sweepCallQueries(queryClient, new Map([...ids].map((id) => [id, grantFingerprint(calls.get(id)?.grant)])));
  }, [records.data, liveIds, store, workspace, queryClient]);

  // `mutate` is stable; the mutation object is not (it would re-render every record on every call event).
  const { mutate: deleteMutate } = deleteRecord;
  const onDelete = useCallback((callId: string) => deleteMutate(callId), [deleteMutate]);

  return (
    <Flex vertical gap={12} data-testid="call-list">
      <section aria-label={t('currentCalls')}>
        <Typography.Title level={5}>{t('currentCalls')}</Typography.Title>
        <Flex vertical gap={8}>
          {liveIds.length ? (
            liveIds.map((id) => <LiveCallItem key={id} callId={id} onSelect={select} />)
          ) : (
            <Typography.Text type="secondary">{t('noCurrentCalls')}</Typography.Text>
          )}
        </Flex>
      </section>
      <section aria-label={t('recentCalls')}>
        <Typography.Title level={5}>{t('recentCalls')}</Typography.Title>
        {records.isPending ? <Skeleton active /> : null}
        {records.isError ? <Alert type="error" showIcon message={t('recordsFailed', { message: records.error.message })} /> : null}
        {records.isSuccess && shownRecords.length === 0 ? <Empty description={t('noRecords')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
        <Flex vertical gap={8}>
          {shownRecords.map((record) => (
            <CallRecordItem
              key={record.callId}
              record={record}
              agentId={agentId}
              selectable={known.has(record.callId)}
              onSelect={select}
              onDelete={onDelete}
              deleting={deleteRecord.isPending && deleteRecord.variables === record.callId}
            />
          ))}
        </Flex>
      </section>
    </Flex>
  );
}
