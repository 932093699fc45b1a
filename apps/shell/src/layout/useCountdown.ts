import { useEffect, useState } from 'react';
import { secondsLeft } from './countdown';

/**
 * Seconds left until `deadline` (epoch ms, server clock; `offset` = server − local ms), re-rendering
 * exactly when the shown second changes (timers aligned to the deadline, not to mount time), and read
 * from a fresh clock on every render. Null deadline → null.
 */
export function useCountdown(deadline: number | null, offset: number, since: number | null = null): number | null {
  const [, tick] = useState(0);
  const left = deadline === null ? null : secondsLeft(deadline, Date.now() + offset, since);
  useEffect(() => {
    if (deadline === null || left === 0) return undefined;
    const remaining = deadline - (Date.now() + offset);
    // Next change of ceil(remaining / 1000): when remaining crosses the next lower whole second.
    const wait = remaining % 1000 || 1000;
    const timer = setTimeout(() => tick((n) => n + 1), Math.max(16, wait + 5));
    return () => clearTimeout(timer);
  });
  return left;
}
