import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RemoteName, UserSearchResult } from '@octopus/contracts';

export type SearchCriterion = 'phone' | 'orderId' | 'idSuffix';

export interface VerificationStep {
  at: number;
  kind: 'ivr' | 'confirm-phone' | 'confirm-id' | 'search' | 'bind';
  ok: boolean;
  detail: string;
}

/** Everything an agent did for one call, so switching calls or reloading restores it exactly. */
export interface CallWorkspace {
  activeTab: RemoteName;
  /** Unsaved note text; null when the server has the latest. */
  noteDraft: string | null;
  /** The tab (`WorkspaceStoreOptions.tabId`) the note draft was typed in: that tab saves it (see note-saver). */
  noteDraftTab: string | null;
  search: { by: SearchCriterion; value: string };
  searchResults: UserSearchResult[] | null;
  /** The customer the agent picked from the search (before or after binding). */
  selectedUserId: string | null;
  verificationSteps: VerificationStep[];
  /** Remotes' drafts, by `<remote>:<key>`. */
  remoteDrafts: Record<string, unknown>;
  touchedAt: number;
  /**
   * When and where each field last changed, by field name and by `remoteDrafts.<key>` for each remote draft:
   * a stamp (`stamp()`: epoch ms, strictly increasing per tab, then the tab id) that sorts as a string. Tabs
   * merge a call's workspace field by field, the newest stamp wins (a last-writer-wins map), so a ticket draft
   * typed in one tab and a note typed in another both survive.
   */
  clock: Record<string, string>;
}

export interface WorkspaceState {
  byCall: Record<string, CallWorkspace>;
}

export interface WorkspaceStore extends StoreApi<WorkspaceState> {
  get(callId: string): CallWorkspace;
  /**
   * Changes a call's workspace. `keepClock`: the change is no edit, only another form of the same value
   * (a draft dropped because the server now holds it), so it must not win over an edit made meanwhile in
   * another tab.
   */
  update(
    callId: string,
    change: Partial<CallWorkspace> | ((current: CallWorkspace) => Partial<CallWorkspace>),
    options?: { keepClock?: boolean },
  ): void;
  /** Forget every workspace whose call is not in `keep` (live calls and the visible records). */
  evict(keep: ReadonlySet<string>): void;
  /** This tab's id (drafts typed here carry it). */
  readonly tabId: string;
  /** Writes pending changes to storage now (also done ≤ 250 ms after a change and on `pagehide`). */
  flush(): void;
  /** Merges what other tabs wrote for `callId` into this tab now (without waiting for their storage event). */
  pull(callId: string): void;
  /**
   * Whether the tab `tabId` is open (it renews `<storageKey>.tab.<tabId>` every `PRESENCE_MS`). Without
   * storage only this tab is known. Drafts of a closed tab are saved by another (note-saver).
   */
  isTabAlive(tabId: string): boolean;
  /** Stops following other tabs (tests; the page's store lives as long as the page). */
  dispose(): void;
}

/** How often a tab renews its presence (ms); it counts as closed after 3× this without renewal. */
export const PRESENCE_MS = 5_000;

/** Hard cap whatever `evict` is told, so a shift's memory stays bounded. */
export const MAX_WORKSPACES = 40;

export function emptyWorkspace(): CallWorkspace {
  return {
    activeTab: 'tickets',
    noteDraft: null,
    noteDraftTab: null,
    search: { by: 'phone', value: '' },
    searchResults: null,
    selectedUserId: null,
    verificationSteps: [],
    remoteDrafts: {},
    touchedAt: 0,
    clock: {},
  };
}

/**
 * The workspace of a call nobody wrote to yet, shared: a call's first write (its first tab click) keeps these
 * very arrays and objects for the fields it does not change, so selectors of those fields (the caller
 * panel's verification steps, the search) see no change and their components do not re-render. Never mutated.
 */
const EMPTY: CallWorkspace = Object.freeze(
  (() => {
    const ws = emptyWorkspace();
    for (const value of [ws.search, ws.verificationSteps, ws.remoteDrafts, ws.clock]) Object.freeze(value);
    return ws;
  })(),
);

/** Where a store persists and how it hears other tabs. */
export interface WorkspaceStoreOptions {
  /**
   * localStorage, so a reload restores drafts and other tabs of the agent follow; omitted in tests.
   * Each call's workspace is its own entry, `<storageKey>:<callId>`: a tab writes only the calls it changed.
   */
  storage?: Storage;
  storageKey?: string;
  /** Where `storage` events come from (the window); default the global `window` when there is one. */
  events?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  /** This tab's id; default a random one. The shell keeps it in sessionStorage so a reload is the same tab. */
  tabId?: string;
  now?: () => number;
}

/** A clock stamp: `at` (epoch ms) zero-padded, then the tab id, so stamps compare as strings. */
export function stamp(at: number, tabId: string): string {
  return `${String(at).padStart(16, '0')}.${tabId}`;
}
const stampTime = (value: string): number => Number(value.slice(0, 16)) || 0;

/** Merges another tab's version of a call's workspace into ours: per field (and per remote draft), the newer wins. */
export function mergeWorkspace(local: CallWorkspace | undefined, incoming: CallWorkspace): CallWorkspace {
  if (!local) return incoming;
  const merged: CallWorkspace = { ...local, remoteDrafts: { ...local.remoteDrafts }, clock: { ...local.clock } };
  let changed = false;
  for (const [field, at] of Object.entries(incoming.clock)) {
    if (at <= (local.clock[field] ?? '')) continue;
    changed = true;
    merged.clock[field] = at;
    if (field.startsWith('remoteDrafts.')) {
      const key = field.slice('remoteDrafts.'.length);
      if (key in incoming.remoteDrafts) merged.remoteDrafts[key] = incoming.remoteDrafts[key];
      else delete merged.remoteDrafts[key];
    } else {
      (merged as unknown as Record<string, unknown>)[field] = (incoming as unknown as Record<string, unknown>)[field];
    }
  }
  if (!changed) return local;
  merged.touchedAt = Math.max(local.touchedAt, incoming.touchedAt);
  return merged;
}

function parseWorkspace(raw: string | null): CallWorkspace | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<CallWorkspace> | null;
    if (!parsed || typeof parsed !== 'object') return null;
    const ws = { ...emptyWorkspace(), ...parsed };
    if (typeof ws.clock !== 'object' || ws.clock === null) ws.clock = {};
    return ws;
  } catch {
    return null;
  }
}

function restore(options: WorkspaceStoreOptions): WorkspaceState {
  const { storage, storageKey } = options;
  if (!storage || !storageKey) return { byCall: {} };
  const byCall: Record<string, CallWorkspace> = {};
  try {
    // The pre-1.x format: every call under one key (read once, then dropped).
    const legacy = storage.getItem(storageKey);
    if (legacy) {
      try {
        const parsed = JSON.parse(legacy) as WorkspaceState;
        if (parsed && typeof parsed.byCall === 'object') {
          for (const [id, ws] of Object.entries(parsed.byCall)) byCall[id] = { ...emptyWorkspace(), ...ws, clock: {} };
        }
      } catch {
        // corrupt: ignored
      }
      storage.removeItem(storageKey);
    }
    const prefix = `${storageKey}:`;
    for (let i = 0; i < storage.length; i += 1) {
      const key = storage.key(i);
      if (!key?.startsWith(prefix)) continue;
      const ws = parseWorkspace(storage.getItem(key));
      if (ws) byCall[key.slice(prefix.length)] = ws;
    }
  } catch {
    // Storage blocked: start empty.
  }
  return { byCall };
}

function randomTabId(): string {
  return Math.random().toString(36).slice(2, 10);
}

/** This tab's id, kept in sessionStorage (per tab, survives a reload): a reloaded tab still owns its drafts. */
export function persistentTabId(sessionStorage: Storage | undefined): string {
  try {
    const known = sessionStorage?.getItem('octopus.tab-id');
    if (known) return known;
    const id = randomTabId();
    sessionStorage?.setItem('octopus.tab-id', id);
    return id;
  } catch {
    return randomTabId();
  }
}

export function createWorkspaceStore(options: WorkspaceStoreOptions = {}): WorkspaceStore {
  const wallClock = options.now ?? Date.now;
  const tabId = options.tabId ?? randomTabId();
  let last = 0;
  // Strictly increasing, so two changes in one millisecond still order.
  const now = () => (last = Math.max(wallClock(), last + 1));
  const store = createStore<WorkspaceState>()(() => restore(options));
  for (const ws of Object.values(store.getState().byCall)) for (const at of Object.values(ws.clock)) last = Math.max(last, stampTime(at));

  /** Calls this tab changed since the last write (and whether they were removed). */
  const dirty = new Set<string>();
  let pending: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;
  const { storage, storageKey } = options;
  const flush = () => {
    if (pending) clearTimeout(pending);
    pending = null;
    if (!storage || !storageKey) return dirty.clear();
    const byCall = store.getState().byCall;
    const adopted: Record<string, CallWorkspace> = {};
    for (const callId of dirty) {
      const key = `${storageKey}:${callId}`;
      try {
        const ws = byCall[callId];
        if (!ws) {
          storage.removeItem(key);
          continue;
        }
        // Another tab may have written this call since we last heard: merge, never overwrite its newer fields.
        const stored = parseWorkspace(storage.getItem(key));
        const merged = stored ? mergeWorkspace(ws, stored) : ws;
        if (merged !== ws) adopted[callId] = merged;
        storage.setItem(key, JSON.stringify(merged));
      } catch {
        // Storage full or blocked: drafts stay in memory for this page.
      }
    }
    dirty.clear();
    if (Object.keys(adopted).length) store.setState((state) => ({ byCall: { ...state.byCall, ...adopted } }));
  };
  const markDirty = (ids: Iterable<string>) => {
    for (const id of ids) dirty.add(id);
    // Typing writes often; persist at most a few times a second, and always before the page goes away.
    if (storage && storageKey && !pending && !disposed) pending = setTimeout(flush, 250);
  };

  const pull = (callId: string) => {
    if (!storage || !storageKey) return;
    let incoming: CallWorkspace | null = null;
    try {
      incoming = parseWorkspace(storage.getItem(`${storageKey}:${callId}`));
    } catch {
      return;
    }
    if (!incoming) return;
    for (const at of Object.values(incoming.clock)) last = Math.max(last, stampTime(at));
    const theirs = incoming;
    store.setState((state) => {
      const merged = mergeWorkspace(state.byCall[callId], theirs);
      if (merged === state.byCall[callId]) return state;
      return { byCall: { ...state.byCall, [callId]: merged } };
    });
  };

  // Presence: other tabs adopt this tab's unsaved drafts once it is gone.
  const presenceKey = storageKey ? `${storageKey}.tab.${tabId}` : null;
  const renewPresence = () => {
    try {
      if (storage && presenceKey) storage.setItem(presenceKey, String(wallClock()));
    } catch {
      // storage blocked
    }
  };
  renewPresence();
  const presenceTimer = storage && presenceKey ? setInterval(renewPresence, PRESENCE_MS) : null;
  const leave = () => {
    try {
      if (storage && presenceKey) storage.removeItem(presenceKey);
    } catch {
      // storage blocked
    }
  };

  const events = options.events ?? (typeof window !== 'undefined' ? window : undefined);
  const onPageHide = () => {
    flush();
    leave();
  };
  // Another tab wrote a call's workspace: follow it (merged field by field; nothing is written back).
  const onStorage = (event: StorageEvent) => {
    if (!storageKey || !event.key?.startsWith(`${storageKey}:`)) return;
    if (event.storageArea && storage && event.storageArea !== storage) return;
    const callId = event.key.slice(storageKey.length + 1);
    // A removal is the other tab's eviction: this tab evicts by its own list.
    if (event.newValue === null) return;
    pull(callId);
  };
  if (events && storage && storageKey) {
    events.addEventListener('pagehide', onPageHide);
    events.addEventListener('storage', onStorage as EventListener);
  }

  const cap = (byCall: Record<string, CallWorkspace>): Record<string, CallWorkspace> => {
    const ids = Object.keys(byCall);
    if (ids.length <= MAX_WORKSPACES) return byCall;
    const keep = ids.sort((a, b) => byCall[b]!.touchedAt - byCall[a]!.touchedAt).slice(0, MAX_WORKSPACES);
    markDirty(ids.slice(MAX_WORKSPACES));
    return Object.fromEntries(keep.map((id) => [id, byCall[id]!]));
  };

  return {
    ...store,
    tabId,
    flush,
    pull,
    isTabAlive(id) {
      if (id === tabId) return true;
      if (!storage || !storageKey) return false;
      try {
        const seen = Number(storage.getItem(`${storageKey}.tab.${id}`));
        return Number.isFinite(seen) && seen > 0 && wallClock() - seen < 3 * PRESENCE_MS;
      } catch {
        return true;
      }
    },
    dispose() {
      disposed = true;
      if (presenceTimer) clearInterval(presenceTimer);
      if (pending) clearTimeout(pending);
      pending = null;
      if (events && storage && storageKey) {
        events.removeEventListener('pagehide', onPageHide);
        events.removeEventListener('storage', onStorage as EventListener);
      }
    },
    get: (callId) => store.getState().byCall[callId] ?? EMPTY,
    update(callId, change, updateOptions) {
      store.setState((state) => {
        const current = state.byCall[callId] ?? EMPTY;
        const patch = typeof change === 'function' ? change(current) : change;
        const at = now();
        const mark = stamp(at, tabId);
        const clock = { ...current.clock };
        const keep = updateOptions?.keepClock ?? false;
        for (const field of Object.keys(patch) as Array<keyof CallWorkspace>) {
          if (field === 'clock' || field === 'touchedAt' || keep) continue;
          if (field === 'remoteDrafts') {
            const next = patch.remoteDrafts ?? {};
            for (const key of new Set([...Object.keys(current.remoteDrafts), ...Object.keys(next)])) {
              if (current.remoteDrafts[key] !== next[key]) clock[`remoteDrafts.${key}`] = mark;
            }
          } else if (patch[field] !== current[field]) clock[field] = mark;
        }
        markDirty([callId]);
        return { byCall: cap({ ...state.byCall, [callId]: { ...current, ...patch, touchedAt: at, clock } }) };
      });
    },
    evict(keep) {
      const state = store.getState();
      const stale = Object.keys(state.byCall).filter((id) => !keep.has(id));
      if (!stale.length) return;
      const byCall = { ...state.byCall };
      for (const id of stale) delete byCall[id];
      markDirty(stale);
      store.setState({ byCall });
    },
  };
}
