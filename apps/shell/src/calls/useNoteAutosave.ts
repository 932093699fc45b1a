import { useEffect, useSyncExternalStore } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CallRecordDto } from '@octopus/contracts';
import { isApiError, type ShellApi } from '../api/shell-api';
import { useShellApi } from '../api/ShellApiProvider';
import { createNoteSaver, type NoteSaver } from '../workspace/note-saver';
import { useCallWorkspace } from '../workspace/useCallWorkspace';
import { useWorkspaceStore } from '../workspace/WorkspaceProvider';
import type { WorkspaceStore } from '../workspace/workspace-store';
import { callRecordsKey } from './useCallRecords';

export type { NoteSaveStatus } from '../workspace/note-saver';

/** One saver per workspace store (one per agent and page), whatever number of note boxes show a call. */
const savers = new WeakMap<WorkspaceStore, NoteSaver>();

function saverFor(workspace: WorkspaceStore, api: ShellApi, queryClient: QueryClient, agentId: string): NoteSaver {
  let saver = savers.get(workspace);
  if (!saver) {
    saver = createNoteSaver({
      workspace,
      save: (callId, note) => api.saveNote(callId, note),
      isWaiting: (error) => isApiError(error) && error.kind === 'not_found',
      onSaved(callId, saved) {
        const key = callRecordsKey(agentId);
        // A list fetch that started before this save would put the older note back: cancel it.
        void queryClient.cancelQueries({ queryKey: key });
        const record = saved as CallRecordDto;
        queryClient.setQueryData<CallRecordDto[]>(key, (records) => {
          if (!records) return records;
          // The record may not be in the cached list yet (the call just ended): the newest goes first.
          return records.some((r) => r.callId === callId) ? records.map((r) => (r.callId === callId ? record : r)) : [record, ...records];
        });
      },
    });
    savers.set(workspace, saver);
  }
  return saver;
}

/**
 * A call's note as the agent types it: the draft lives in the call's workspace (a reload, a call switch or
 * another tab never loses it) and the tab's note saver (workspace/note-saver) sends it after a short pause,
 * one save at a time, retrying until the call's record exists. The box always shows the last keystroke:
 * the draft is dropped only once the server's note equals it.
 */
export function useNoteAutosave(agentId: string, callId: string, serverNote: string | undefined) {
  const api = useShellApi();
  const queryClient = useQueryClient();
  const workspace = useWorkspaceStore();
  const saver = saverFor(workspace, api, queryClient, agentId);
  const draft = useCallWorkspace(callId, (ws) => ws.noteDraft);
  const state = useSyncExternalStore(
    saver.subscribe,
    () => saver.state(callId),
    () => saver.state(callId),
  );
  useEffect(() => saver.reconcile(callId, serverNote), [saver, callId, serverNote, draft]);
  return { draft, status: state.status, error: state.error };
}
