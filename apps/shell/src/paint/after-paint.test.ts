import { createTelephonyStore } from '@octopus/telephony';
import { afterNextPaint, afterPaintStore, fetchAfterPaint, runNow, type AfterPaint } from './after-paint';

/** An AfterPaint that runs its tasks when the test says the frame was painted. */
function manualPaint(): { afterPaint: AfterPaint; paint(): void; pending(): number } {
  let tasks: Array<() => void> = [];
  return {
    afterPaint: (task) => void tasks.push(task),
    paint() {
      const due = tasks;
      tasks = [];
      for (const task of due) task();
    },
    pending: () => tasks.length,
  };
}


describe('afterPaintStore', () => {
  it('is the store itself with runNow', () => {
    const store = createTelephonyStore();
    expect(afterPaintStore(store, runNow)).toBe(store);
  });

  it('tells its listeners after the paint, once per frame, with the state last told as previous', () => {
    const store = createTelephonyStore();
    const paint = manualPaint();
    const following = afterPaintStore(store, paint.afterPaint);
    const told: Array<[string, string]> = [];
    following.subscribe((state, previous) => told.push([state.connection, previous.connection]));
    store.setConnection('connecting');
    store.setConnection('connected');
    // Nothing before the paint, and one task for both changes.
    expect(told).toEqual([]);
    expect(paint.pending()).toBe(1);
    paint.paint();
    expect(told).toEqual([['connected', 'offline']]);
    // No change since: a paint tells nothing.
    paint.paint();
    expect(told).toHaveLength(1);
  });

  it('reads the live state and dispatches to the same store at any time', () => {
    const store = createTelephonyStore();
    const following = afterPaintStore(store, manualPaint().afterPaint);
    store.setConnection('connected');
    expect(following.getState()).toBe(store.getState());
    expect(following.dispatch).toBe(store.dispatch);
    expect(following.applyEvent).toBe(store.applyEvent);
  });

  it('stops following the store when its last listener leaves', () => {
    const store = createTelephonyStore();
    const paint = manualPaint();
    const following = afterPaintStore(store, paint.afterPaint);
    const listener = jest.fn();
    const unsubscribe = following.subscribe(listener);
    unsubscribe();
    store.setConnection('connected');
    expect(paint.pending()).toBe(0);
    paint.paint();
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('afterNextPaint', () => {
  it('runs every task asked for before a frame after that one frame, in order, with one frame request', async () => {
    const frames: FrameRequestCallback[] = [];
    const raf = jest.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => frames.push(callback));
    try {
      const ran: number[] = [];
      afterNextPaint(() => ran.push(1));
      afterNextPaint(() => ran.push(2));
      afterNextPaint(() => ran.push(3));
      expect(frames).toHaveLength(1);
      expect(ran).toEqual([]);
      frames[0]!(0);
      // Two message hops after the frame's callback (jsdom's MessageChannel posts as a task).
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(ran).toEqual([1, 2, 3]);
      // The next task asks for a frame of its own.
      afterNextPaint(() => ran.push(4));
      expect(frames).toHaveLength(2);
    } finally {
      raf.mockRestore();
    }
  });
});

describe('fetchAfterPaint', () => {
  const response = () => Promise.resolve({ ok: true } as unknown as Response);

  it('starts reads after the paint and writes at once', async () => {
    const paint = manualPaint();
    const fetchImpl = jest.fn((_input: RequestInfo | URL, _init?: RequestInit) => response());
    const deferred = fetchAfterPaint(paint.afterPaint, fetchImpl as unknown as typeof fetch);
    const read = deferred('http://api/calls/recent');
    const write = deferred('http://api/calls/c1/note', { method: 'PUT', body: '{}' });
    await Promise.resolve();
    expect(fetchImpl.mock.calls.map(([url]) => url)).toEqual(['http://api/calls/c1/note']);
    paint.paint();
    await read;
    await write;
    expect(fetchImpl.mock.calls.map(([url]) => url)).toEqual(['http://api/calls/c1/note', 'http://api/calls/recent']);
  });

  it('is the fetch itself with runNow', () => {
    const fetchImpl = jest.fn(response) as unknown as typeof fetch;
    expect(fetchAfterPaint(runNow, fetchImpl)).toBe(fetchImpl);
  });
});
