import { useStore } from 'zustand';
import { emptyWorkspace, type CallWorkspace } from './workspace-store';
import { useWorkspaceStore } from './WorkspaceProvider';

const EMPTY = emptyWorkspace();

/** One slice of one call's workspace; re-renders only when that slice changes. */
export function useCallWorkspace<T>(callId: string | null, selector: (workspace: CallWorkspace) => T): T {
  return useStore(useWorkspaceStore(), (state) => selector((callId ? state.byCall[callId] : undefined) ?? EMPTY));
}
