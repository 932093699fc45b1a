import type { ConnectionStatus } from '../driver';
import { useTelephony } from './useTelephony';

/** The driver's connection status (see {@link ConnectionStatus}); `offline` before the shell connects. */
export function useConnection(): ConnectionStatus {
  return useTelephony((state) => state.connection);
}
