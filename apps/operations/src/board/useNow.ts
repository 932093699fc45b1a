import { useEffect, useState } from 'react';

/** The page's clock (epoch ms), re-read every `everyMs` (default 1 s) so durations tick without a fetch. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
