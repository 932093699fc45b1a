import { createTelephonyStore } from '@octopus/telephony';
import { afterPaintStore, runNow, type AfterPaint } from './after-paint';

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
