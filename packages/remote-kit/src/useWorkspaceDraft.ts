import { useCallback, useState } from 'react';
import type { RemoteWorkspace } from '@octopus/contracts';

/**
 * useState backed by the shell's per-call workspace: what the agent typed is written through on every
 * change, so a call switch (which remounts the panel body) or a reload restores it.
 */
export function useWorkspaceDraft<T>(workspace: RemoteWorkspace, key: string, initial: T): [T, (next: T) => void, () => void] {
  const [value, setValue] = useState<T>(() => workspace.read<T>(key) ?? initial);
  const update = useCallback(
    (next: T) => {
      setValue(next);
      workspace.write(key, next);
    },
    [workspace, key],
  );
  const reset = useCallback(() => {
    setValue(initial);
    workspace.write(key, initial);
    // `initial` is a literal at the call site; identity changes must not reset the callback.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workspace, key]);
  return [value, update, reset];
}
