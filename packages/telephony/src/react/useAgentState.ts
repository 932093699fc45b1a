import type { AgentSelf } from '@octopus/contracts';
import { useTelephony } from './useTelephony';

/** The signed-in agent: state, chosen/next state, wrap-up deadline, time entered the state. */
export function useAgentState(): AgentSelf | null {
  return useTelephony((state) => state.agent);
}
