import { formatElapsed } from './format';
import { useBoardClock } from './useBoardClock';

/** The time since `since` (server clock, epoch ms), ticking every second; `offsetMs` = server − local clock. */
export function Elapsed({ since, offsetMs }: { since: number; offsetMs: number }) {
  const now = useBoardClock();
  return <>{formatElapsed(now + offsetMs - since)}</>;
}
