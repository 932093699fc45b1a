import type { ConnectionStatus } from '../store';
import { useTelephony } from './useTelephony';

export function useConnection(): ConnectionStatus {
  return useTelephony((state) => state.connection);
}
