import { createContext, useContext, type ReactNode } from 'react';
import type { TelephonyState, TelephonyStore } from '@octopus/telephony';

/**
 * Schedules work that must not delay the next frame (issue [2/7] point 8: a ring paints the caller panel
 * first). `task` runs once, soon: after the next paint in the browser, at once where there is no frame to wait for.
 */
export type AfterPaint = (task: () => void) => void;

/** Runs the task at once: tests, and anything rendered without a browser frame loop. */
export const runNow: AfterPaint = (task) => task();

/**
 * Longest wait for the frame (ms): a page hidden meanwhile gets no animation frames at all, and what is
 * deferred (notices, the call list, prefetches) must still happen.
 */
const FRAME_WAIT_MS = 100;

/**
 * The browser's "after the next paint": a task posted from the next animation frame's callback runs right
 * after that frame is rendered; this one is posted once more from there, so whatever else waited for that
 * paint (a message posted in the same frame, React's own work) goes first. Hidden pages (no frames) run
 * the task in a task of its own at once.
 */
export const afterNextPaint: AfterPaint = (task) => {
  if (typeof requestAnimationFrame !== 'function' || typeof document === 'undefined' || document.visibilityState === 'hidden') {
    setTimeout(task, 0);
    return;
  }
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    task();
  };
  const fallback = setTimeout(run, FRAME_WAIT_MS);
  requestAnimationFrame(() => {
    if (typeof MessageChannel !== 'function') return void setTimeout(run, 0);
    const channel = new MessageChannel();
    let hops = 0;
    channel.port1.onmessage = () => {
      hops += 1;
      if (hops < 2) return void channel.port2.postMessage(null);
      channel.port1.close();
      run();
    };
    channel.port2.postMessage(null);
  });
};

const AfterPaintContext = createContext<AfterPaint>(runNow);

/** Provides the page's `AfterPaint` (the shell's bootstrap passes `afterNextPaint`; the default runs at once). */
export function AfterPaintProvider({ value, children }: { value: AfterPaint; children: ReactNode }) {
  return <AfterPaintContext.Provider value={value}>{children}</AfterPaintContext.Provider>;
}

export function useAfterPaint(): AfterPaint {
  return useContext(AfterPaintContext);
}

/**
 * The telephony store as seen by the parts of the workbench that may follow a frame late (call list, phone
 * bar, header status, customer panel, prefetches): the same store — state, actions and commands are the
 * real ones, always current — whose change notifications are delivered after the next paint, coalesced
 * (one notification per frame, `previous` the state last notified). A ring then renders the caller panel
 * and the ring banner in its first commit, and everything else right after that frame is on screen.
 * With `runNow` notifications are synchronous, as the store's own.
 */
export function afterPaintStore(store: TelephonyStore, afterPaint: AfterPaint): TelephonyStore {
  if (afterPaint === runNow) return store;
  type Listener = (state: TelephonyState, previous: TelephonyState) => void;
  const listeners = new Set<Listener>();
  let notified = store.getState();
  let scheduled = false;
  let unsubscribe: (() => void) | null = null;
  const flush = () => {
    scheduled = false;
    const state = store.getState();
    if (state === notified) return;
    const previous = notified;
    notified = state;
    for (const listener of [...listeners]) listener(state, previous);
  };
  const onChange = () => {
    if (scheduled) return;
    scheduled = true;
    afterPaint(flush);
  };
  // Everything else (getState, setState, actions, driver …) is the store's own, through the prototype.
  const deferred = Object.create(store) as TelephonyStore;
  Object.defineProperty(deferred, 'subscribe', {
    value: (listener: Listener) => {
      if (!unsubscribe) {
        notified = store.getState();
        unsubscribe = store.subscribe(onChange);
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (!listeners.size && unsubscribe) {
          unsubscribe();
          unsubscribe = null;
        }
      };
    },
  });
  return deferred;
}
