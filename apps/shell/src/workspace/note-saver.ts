import type { WorkspaceStore } from './workspace-store';

export type NoteSaveStatus = 'idle' | 'saving' | 'saved' | 'waiting' | 'error';

export interface NoteSaveState {
  status: NoteSaveStatus;
  /** The last failure's message while `status` is `error`. */
  error: string | null;
}

/** Runs `task` while holding the named lock, so saves of one call never overlap (across tabs too). */
export type LockRunner = <T>(name: string, task: () => Promise<T>) => Promise<T>;

export interface NoteSaverOptions {
  workspace: WorkspaceStore;
  /** Writes the note (the api's `PUT /call-records/:callId/note`); resolves with the note the server now holds. */
  save(callId: string, note: string): Promise<{ note: string }>;
  /** The server acknowledged `note` for `callId` (the shell patches its cached record list). */
  onSaved?(callId: string, record: { note: string }): void;
  /** A failure that means "no record yet" (404 before the call's record is written): shown as waiting. */
  isWaiting?(error: unknown): boolean;
  /**
   * Whether this tab saves a draft typed in tab `draftTab`. Default: its own drafts and drafts of no known
   * tab. Only one tab saves a draft, so tabs never race each other with stale values.
   */
  owns?(draftTab: string | null): boolean;
  /**
   * Serialises saves of one call. Default: the Web Locks API when the browser has it (across tabs), else
   * a lock within this page.
   */
  lock?: LockRunner;
  /** Pause after the last keystroke before saving (ms). Default 600. */
  debounceMs?: number;
  /** Wait before retrying a failed save (ms). Default 3000. */
  retryMs?: number;
}

/**
 * The note autosave of one tab, for every call: framework-agnostic, so the property test drives the very
 * code the page runs.
 *
 * Guarantees (checked by note-saver.property.test.ts):
 * - at most one save per call is in flight (per page, and across tabs through the lock), and each save
 *   sends the draft as it is when the save starts: the server's last write is always the newest draft;
 * - a draft is kept (shown) until the server's note equals it — never cleared by a save's answer alone, so
 *   the box never empties or jumps back;
 * - a failed or premature (no record yet) save is retried every `retryMs` until it lands.
 */
export interface NoteSaver {
  state(callId: string): NoteSaveState;
  /** Calls `listener` when any call's save state changes. */
  subscribe(listener: () => void): () => void;
  /**
   * What the page shows as the server's note for `callId` (undefined: no record known). When it equals the
   * draft this tab owns and its own save confirmed, the draft is dropped (the box then shows the same text
   * from the record).
   */
  reconcile(callId: string, serverNote: string | undefined): void;
  dispose(): void;
}

interface CallSave {
  timer: ReturnType<typeof setTimeout> | null;
  /** A save of this call is running (waiting for the lock or for the server). */
  running: boolean;
  /** The note the server last confirmed to this tab. */
  acked: string | undefined;
  attempt: number;
  state: NoteSaveState;
}

const IDLE: NoteSaveState = { status: 'idle', error: null };

function pageLock(): LockRunner {
  const tails = new Map<string, Promise<unknown>>();
  return (name, task) => {
    const previous = tails.get(name) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(name, tail);
    void tail.then(() => {
      if (tails.get(name) === tail) tails.delete(name);
    });
    return run;
  };
}

/** The Web Locks API where the browser has it (one lock for all tabs of this origin), else a page-local lock. */
export function defaultLock(): LockRunner {
  const locks = (globalThis as { navigator?: { locks?: { request: (name: string, task: () => Promise<unknown>) => Promise<unknown> } } }).navigator?.locks;
  if (locks && typeof locks.request === 'function') {
    return <T,>(name: string, task: () => Promise<T>) => locks.request(name, task) as Promise<T>;
  }
  return pageLock();
}

export function createNoteSaver(options: NoteSaverOptions): NoteSaver {
  const { workspace } = options;
  const debounceMs = options.debounceMs ?? 600;
  const retryMs = options.retryMs ?? 3000;
  const owns = options.owns ?? ((draftTab: string | null) => draftTab === null || draftTab === workspace.tabId || !workspace.isTabAlive(draftTab));
  const lock = options.lock ?? defaultLock();
  const calls = new Map<string, CallSave>();
  const listeners = new Set<() => void>();
  let disposed = false;

  const entry = (callId: string): CallSave => {
    let c = calls.get(callId);
    if (!c) {
      c = { timer: null, running: false, acked: undefined, attempt: 0, state: IDLE };
      calls.set(callId, c);
    }
    return c;
  };
  const setState = (c: CallSave, state: NoteSaveState) => {
    if (c.state.status === state.status && c.state.error === state.error) return;
    c.state = state;
    for (const listener of [...listeners]) listener();
  };

  const schedule = (callId: string, delay: number) => {
    const c = entry(callId);
    if (c.timer) clearTimeout(c.timer);
    c.timer = setTimeout(() => {
      c.timer = null;
      void send(callId);
    }, delay);
  };

  /** Looks at the call's draft: saves it (after the pause) when this tab owns it and the server lacks it. */
  const consider = (callId: string) => {
    if (disposed) return;
    const ws = workspace.get(callId);
    const c = entry(callId);
    if (ws.noteDraft === null || !owns(ws.noteDraftTab)) {
      // Another tab (or another save) may change the server's note now: what we last saved is no longer known to be there.
      if (!c.running) c.acked = undefined;
      if (c.timer) clearTimeout(c.timer);
      c.timer = null;
      if (!c.running && ws.noteDraft === null && c.state.status !== 'saved') setState(c, IDLE);
      return;
    }
    if (c.running) return; // the save in flight looks again when it ends
    if (ws.noteDraft === c.acked) {
      if (c.timer) clearTimeout(c.timer);
      c.timer = null;
      setState(c, { status: 'saved', error: null });
      return;
    }
    schedule(callId, c.attempt ? retryMs : debounceMs);
  };

  const send = async (callId: string) => {
    const c = entry(callId);
    if (c.running || disposed) return;
    c.running = true;
    let retry = false;
    try {
      await lock(`octopus.note.${callId}`, async () => {
        if (disposed) return;
        // Read the draft only now, and as all tabs have it: whatever was typed while waiting for the lock,
        // here or in another tab, goes in this save (or is left to the tab that typed it).
        workspace.flush();
        workspace.pull(callId);
        const ws = workspace.get(callId);
        const note = ws.noteDraft;
        if (note === null || !owns(ws.noteDraftTab) || note === c.acked) return;
        setState(c, { status: 'saving', error: null });
        try {
          const record = await options.save(callId, note);
          if (disposed) return;
          c.acked = record.note;
          c.attempt = 0;
          options.onSaved?.(callId, record);
          setState(c, { status: 'saved', error: null });
        } catch (error) {
          if (disposed) return;
          c.attempt += 1;
          retry = true;
          if (options.isWaiting?.(error)) setState(c, { status: 'waiting', error: null });
          else setState(c, { status: 'error', error: error instanceof Error ? error.message : String(error) });
        }
      });
    } finally {
      c.running = false;
    }
    if (disposed) return;
    if (retry) schedule(callId, retryMs);
    else {
      // Typed while the save ran: save again right away (the pause has passed for the earlier text).
      const ws = workspace.get(callId);
      if (ws.noteDraft !== null && ws.noteDraft !== c.acked && owns(ws.noteDraftTab)) {
        if (!c.timer) schedule(callId, 0);
      } else consider(callId);
    }
  };

  const unsubscribe = workspace.subscribe((state, previous) => {
    for (const [callId, ws] of Object.entries(state.byCall)) {
      const before = previous.byCall[callId];
      if (before && before.noteDraft === ws.noteDraft && before.noteDraftTab === ws.noteDraftTab) continue;
      consider(callId);
    }
  });
  // Drafts restored from storage (a reload) are saved without waiting for a keystroke; drafts of a tab
  // that closed meanwhile are adopted on the next look.
  const considerAll = () => {
    for (const [callId, ws] of Object.entries(workspace.getState().byCall)) if (ws.noteDraft !== null) consider(callId);
  };
  considerAll();
  const adoptTimer = setInterval(considerAll, retryMs * 2);

  return {
    state: (callId) => calls.get(callId)?.state ?? IDLE,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reconcile(callId, serverNote) {
      if (disposed || serverNote === undefined) return;
      const ws = workspace.get(callId);
      // Only a value this tab's own save confirmed: a note that merely looks equal may be overwritten by
      // an older save still in flight from another tab.
      const c = calls.get(callId);
      if (ws.noteDraft !== null && ws.noteDraft === serverNote && owns(ws.noteDraftTab) && c?.acked === ws.noteDraft && !c.running) {
        // Not an edit: an edit made meanwhile in another tab (a newer stamp) must win over this.
        workspace.update(callId, { noteDraft: null, noteDraftTab: null }, { keepClock: true });
      }
    },
    dispose() {
      disposed = true;
      clearInterval(adoptTimer);
      unsubscribe();
      for (const c of calls.values()) if (c.timer) clearTimeout(c.timer);
      listeners.clear();
    },
  };
}
