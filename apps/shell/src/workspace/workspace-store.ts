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
  search: { by: SearchCriterion; value: string };
  searchResults: UserSearchResult[] | null;
  /** The customer the agent picked from the search (before or after binding). */
  selectedUserId: string | null;
  verificationSteps: VerificationStep[];
  /** Remotes' drafts, by `<remote>:<key>`. */
  remoteDrafts: Record<string, unknown>;
  touchedAt: number;
}

export interface WorkspaceState {
  byCall: Record<string, CallWorkspace>;
}

export interface WorkspaceStore extends StoreApi<WorkspaceState> {
  get(callId: string): CallWorkspace;
  update(callId: string, change: Partial<CallWorkspace> | ((current: CallWorkspace) => Partial<CallWorkspace>)): void;
  /** Forget every workspace whose call is not in `keep` (live calls and the visible records). */
  evict(keep: ReadonlySet<string>): void;
}

/** Hard cap whatever `evict` is told, so a shift's memory stays bounded. */
export const MAX_WORKSPACES = 40;

export function emptyWorkspace(): CallWorkspace {
  return {
    activeTab: 'tickets',
    noteDraft: null,
    search: { by: 'phone', value: '' },
    searchResults: null,
    selectedUserId: null,
    verificationSteps: [],
    remoteDrafts: {},
    touchedAt: 0,
  };
}

const EMPTY = emptyWorkspace();

export interface WorkspaceStoreOptions {
  /** localStorage, so a reload restores drafts; omitted in tests. */
  storage?: Storage;
  storageKey?: string;
  now?: () => number;
}

function restore(options: WorkspaceStoreOptions): WorkspaceState {
  if (!options.storage || !options.storageKey) return { byCall: {} };
  try {
    const raw = options.storage.getItem(options.storageKey);
    if (!raw) return { byCall: {} };
    const parsed = JSON.parse(raw) as WorkspaceState;
    if (!parsed || typeof parsed.byCall !== 'object') return { byCall: {} };
    const byCall: Record<string, CallWorkspace> = {};
    for (const [id, ws] of Object.entries(parsed.byCall)) byCall[id] = { ...emptyWorkspace(), ...ws };
    return { byCall };
  } catch {
    return { byCall: {} };
  }
}

export function createWorkspaceStore(options: WorkspaceStoreOptions = {}): WorkspaceStore {
  const now = options.now ?? Date.now;
  const store = createStore<WorkspaceState>()(() => restore(options));

  if (options.storage && options.storageKey) {
    const { storage, storageKey } = options;
    let pending: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      pending = null;
      try {
        storage.setItem(storageKey, JSON.stringify(store.getState()));
      } catch {
        // Storage full or blocked: drafts stay in memory for this page.
      }
    };
    // Typing writes often; persist at most a few times a second, and always before the page goes away.
    store.subscribe(() => {
      if (!pending) pending = setTimeout(flush, 250);
    });
    if (typeof window !== 'undefined') window.addEventListener('pagehide', () => pending && flush());
  }

  const cap = (byCall: Record<string, CallWorkspace>): Record<string, CallWorkspace> => {
    const ids = Object.keys(byCall);
    if (ids.length <= MAX_WORKSPACES) return byCall;
    const keep = ids.sort((a, b) => byCall[b]!.touchedAt - byCall[a]!.touchedAt).slice(0, MAX_WORKSPACES);
    return Object.fromEntries(keep.map((id) => [id, byCall[id]!]));
  };

  return {
    ...store,
    get: (callId) => store.getState().byCall[callId] ?? EMPTY,
    update(callId, change) {
      store.setState((state) => {
        const current = state.byCall[callId] ?? emptyWorkspace();
        const patch = typeof change === 'function' ? change(current) : change;
        return { byCall: cap({ ...state.byCall, [callId]: { ...current, ...patch, touchedAt: now() } }) };
      });
    },
    evict(keep) {
      const state = store.getState();
      const stale = Object.keys(state.byCall).filter((id) => !keep.has(id));
      if (!stale.length) return;
      const byCall = { ...state.byCall };
      for (const id of stale) delete byCall[id];
      store.setState({ byCall });
    },
  };
}
