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

/** Tasks waiting for the next paint: one frame request and one message channel for them all. */
let waiting: Array<() => void> = [];

/**
 * The browser's "after the next paint": a task posted from the next animation frame's callback runs right
 * after that frame is rendered; it is posted once more from there, so whatever else waited for that paint
 * (a message posted in the same frame, React's own work) goes first. Every task asked for before that frame
 * shares one frame request and one message channel (a ring schedules a dozen: notices, prefetches, the
 * customer summary's request); they run in the order asked, each in a task of its own, so input that
 * arrives meanwhile (the agent's click on Answer) is not held behind all of them. Hidden pages (no frames)
 * run the task in a task of its own at once.
 */
export const afterNextPaint: AfterPaint = (task) => {
  if (typeof requestAnimationFrame !== 'function' || typeof document === 'undefined' || document.visibilityState === 'hidden') {
    setTimeout(task, 0);
    return;
  }
  waiting.push(task);
  if (waiting.length > 1) return;
  let due: Array<() => void> | null = null;
  const take = () => {
    clearTimeout(fallback);
    due = waiting;
    waiting = [];
    return due;
  };
  // A page hidden meanwhile gets no frame: run them all then.
  const fallback = setTimeout(() => {
    for (const next of take()) next();
  }, FRAME_WAIT_MS);
  requestAnimationFrame(() => {
    if (due) return;
    const tasks = take();
    if (typeof MessageChannel !== 'function') return void setTimeout(() => tasks.forEach((next) => next()), 0);
    const channel = new MessageChannel();
    let hops = 0;
    channel.port1.onmessage = () => {
      hops += 1;
      if (hops >= 2) tasks.shift()?.();
      if (tasks.length) channel.port2.postMessage(null);
      else channel.port1.close();
    };
    channel.port2.postMessage(null);
  });
};

/**
 * A `fetch` whose reads (GET, HEAD) start after the next paint: a ring's first frame is not held by
 * building and sending the caller's requests (about a sixth of that frame's script in a Chromium profile
 * of `pnpm bench:workbench`). Writes start at once: a note saved as the page goes must not wait for a
 * frame that never comes. With `runNow`, the fetch itself.
 */
export function fetchAfterPaint(afterPaint: AfterPaint, fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init)): typeof fetch {
  if (afterPaint === runNow) return fetchImpl;
  return (input, init) => {
    const method = (init?.method ?? (typeof input === 'object' && 'method' in input ? input.method : 'GET')).toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return fetchImpl(input, init);
    return new Promise<void>((resolve) => afterPaint(resolve)).then(() => fetchImpl(input, init));
  };
}

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
