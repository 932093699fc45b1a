import { formatDuration } from './format';
import { useNow } from './useNow';

/** The time since `since` (server clock, epoch ms), ticking every second; `offsetMs` = server − local clock. */
export function Elapsed({ since, offsetMs }: { since: number; offsetMs: number }) {
  const now = useNow();
  return <>{formatDuration(now + offsetMs - since)}</>;
}
