import { useMemo } from 'react';
import type { AgentSummary } from '@octopus/contracts';
import { useTelephony } from './useTelephony';

/** Live agent list (transfer picker, supervisor view), sorted by id. */
export function useAgents(): AgentSummary[] {
  const agents = useTelephony((state) => state.agents);
  return useMemo(() => Object.values(agents).sort((a, b) => a.id.localeCompare(b.id)), [agents]);
}
