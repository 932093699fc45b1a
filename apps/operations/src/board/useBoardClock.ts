import { useSyncExternalStore } from 'react';

// One 1 s clock for the whole page: only the cells that show a running time subscribe, so a tick re-renders
// those few text nodes, not the board's tables and selects.
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // The clock was idle: read it now (React re-reads the snapshot after subscribing).
  if (!timer) now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    for (const l of listeners) l();
  }, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The page's clock (epoch ms), re-read every second, shared by every subscriber. */
export function useBoardClock(): number {
  return useSyncExternalStore(subscribe, () => now);
}
