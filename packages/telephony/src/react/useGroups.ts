import { useMemo } from 'react';
import type { GroupSummary } from '@octopus/contracts';
import { useTelephony } from './useTelephony';

/** Live skill groups with queue load. */
export function useGroups(): GroupSummary[] {
  const groups = useTelephony((state) => state.groups);
  return useMemo(() => Object.values(groups), [groups]);
}
