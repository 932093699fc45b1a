import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { CallRecordDto } from '@octopus/contracts';
import { isApiError } from '../api/shell-api';
import { useShellApi } from '../api/ShellApiProvider';
import { useCallWorkspace } from '../workspace/useCallWorkspace';
import { useWorkspaceStore } from '../workspace/WorkspaceProvider';
import { callRecordsKey } from './useCallRecords';

export type NoteSaveStatus = 'idle' | 'saving' | 'saved' | 'waiting' | 'error';

const DEBOUNCE_MS = 600;
const RETRY_MS = 3_000;

/**
 * Saves a call's note as the agent types: the draft lives in the call's workspace (so a reload or a
 * call switch never loses it) and goes to the server after a short pause. Before the call has a record
 * on the server (it is written when the call connects or ends) the draft waits and retries. The box
 * always shows the last keystroke: the draft is dropped only once the server's note equals it.
 */
export function useNoteAutosave(agentId: string, callId: string, serverNote: string | undefined) {
  const api = useShellApi();
  const queryClient = useQueryClient();
  const workspace = useWorkspaceStore();
  const draft = useCallWorkspace(callId, (ws) => ws.noteDraft);
  const [status, setStatus] = useState<NoteSaveStatus>('idle');
  const [error, setError] = useState<string | null>(null);
  const attempt = useRef(0);
  const [retryTick, setRetryTick] = useState(0);

  useEffect(() => {
    if (draft === null) return;
    if (serverNote !== undefined && draft === serverNote) {
      workspace.update(callId, { noteDraft: null });
      return;
    }
    let cancelled = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const timer = setTimeout(
      async () => {
        setStatus('saving');
        try {
          const record = await api.saveNote(callId, draft);
          if (cancelled) return;
          queryClient.setQueryData<CallRecordDto[]>(callRecordsKey(agentId), (records) =>
            records?.map((r) => (r.callId === callId ? record : r)),
          );
          // The draft stays until the record the page shows carries it (the effect above then drops it):
          // clearing it here showed an empty box whenever the record was not in the cached list yet.
          attempt.current = 0;
          setStatus('saved');
          setError(null);
        } catch (caught) {
          if (cancelled) return;
          if (isApiError(caught) && caught.kind === 'not_found') {
            setStatus('waiting');
          } else {
            setStatus('error');
            setError(caught instanceof Error ? caught.message : String(caught));
          }
          attempt.current += 1;
          retryTimer = setTimeout(() => setRetryTick((tick) => tick + 1), RETRY_MS);
        }
      },
      attempt.current ? 0 : DEBOUNCE_MS,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
      clearTimeout(retryTimer);
    };
  }, [api, agentId, callId, draft, queryClient, serverNote, workspace, retryTick]);

  return { draft, status, error };
}
