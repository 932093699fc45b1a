import type { AgentSelf } from '@octopus/contracts';
import { useTelephony } from './useTelephony';

/** The signed-in agent: state, chosen/next state, wrap-up deadline, time entered the state. */
export function useAgentState(): AgentSelf | null {
  return useTelephony((state) => state.agent);
}

/**
 * The signed-in agent's id ('' before the first snapshot). A string selection: the agent's state
 * changes of a ring (idle → ringing → talking) do not re-render components that only need who they are.
 */
export function useAgentId(): string {
  return useTelephony((state) => state.agent?.id ?? '');
}
