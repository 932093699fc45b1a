import { createWorkspaceStore, MAX_WORKSPACES } from './workspace-store';

class MemoryStorage {
  private values = new Map<string, string>();
  getItem(key: string) {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.values.set(key, value);
  }
  removeItem(key: string) {
    this.values.delete(key);
  }
  get length() {
    return this.values.size;
  }
  key(index: number) {
    return [...this.values.keys()][index] ?? null;
  }
}

describe('per-call workspace store', () => {
  it('keeps each call’s workspace apart', () => {
    const store = createWorkspaceStore();
    store.update('A', { noteDraft: 'draft A', activeTab: 'orders' });
    store.update('B', { noteDraft: 'draft B' });
    expect(store.get('A')).toMatchObject({ noteDraft: 'draft A', activeTab: 'orders' });
    expect(store.get('B')).toMatchObject({ noteDraft: 'draft B', activeTab: 'tickets' });
  });

  it('evicts workspaces of calls the list no longer shows', () => {
    const store = createWorkspaceStore();
    store.update('A', { noteDraft: 'a' });
    store.update('B', { noteDraft: 'b' });
    store.evict(new Set(['B']));
    expect(Object.keys(store.getState().byCall)).toEqual(['B']);
  });

  it('stays bounded whatever happens', () => {
    let clock = 0;
    const store = createWorkspaceStore({ now: () => ++clock });
    for (let i = 0; i < MAX_WORKSPACES + 25; i += 1) store.update(`call-${i}`, { noteDraft: String(i) });
    const ids = Object.keys(store.getState().byCall);
    expect(ids).toHaveLength(MAX_WORKSPACES);
    expect(ids).toContain(`call-${MAX_WORKSPACES + 24}`);
    expect(ids).not.toContain('call-0');
  });

  it('survives a reload through storage', async () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const first = createWorkspaceStore({ storage, storageKey: 'ws' });
    first.update('A', { noteDraft: 'typed before reload', remoteDrafts: { 'tickets:form': { title: 'x' } } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = createWorkspaceStore({ storage, storageKey: 'ws' });
    expect(second.get('A')).toMatchObject({ noteDraft: 'typed before reload', remoteDrafts: { 'tickets:form': { title: 'x' } } });
  });

  it('two tabs: the tab without the phone never overwrites a ticket draft typed in the other; it follows it', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const listeners: Array<(event: StorageEvent) => void> = [];
    const events = {
      addEventListener: (type: string, listener: (event: StorageEvent) => void) => type === 'storage' && listeners.push(listener),
      removeEventListener: () => undefined,
    } as unknown as Window;
    const phoneTab = createWorkspaceStore({ storage, storageKey: 'ws', tabId: 'phone', events });
    const otherTab = createWorkspaceStore({ storage, storageKey: 'ws', tabId: 'other' });
    otherTab.update('A', { activeTab: 'orders' });
    phoneTab.update('A', { remoteDrafts: { 'tickets:form': { title: 'refund' } } });
    phoneTab.flush();
    // The other tab writes its own (older) view of the call afterwards.
    otherTab.flush();
    const reloaded = createWorkspaceStore({ storage, storageKey: 'ws', tabId: 'phone' });
    expect(reloaded.get('A').remoteDrafts).toEqual({ 'tickets:form': { title: 'refund' } });
    expect(reloaded.get('A').activeTab).toBe('orders');
    // The phone tab follows the other tab's write (its storage event).
    for (const listener of listeners) listener({ key: 'ws:A', newValue: storage.getItem('ws:A') } as StorageEvent);
    expect(phoneTab.get('A')).toMatchObject({ activeTab: 'orders', remoteDrafts: { 'tickets:form': { title: 'refund' } } });
    for (const store of [phoneTab, otherTab, reloaded]) store.dispose();
  });

  it('ignores corrupt storage instead of crashing', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    storage.setItem('ws', '{not json');
    storage.setItem('ws:A', '{not json');
    expect(createWorkspaceStore({ storage, storageKey: 'ws' }).getState().byCall).toEqual({});
  });
});

describe('a call first written to', () => {
  it('keeps the untouched slices of the empty workspace, so their selectors see no change (no re-render on the first tab click)', () => {
    const store = createWorkspaceStore();
    const before = store.get('call-1');
    store.update('call-1', { activeTab: 'orders' });
    const after = store.get('call-1');
    expect(after.activeTab).toBe('orders');
    expect(after.verificationSteps).toBe(before.verificationSteps);
    expect(after.search).toBe(before.search);
    expect(after.remoteDrafts).toBe(before.remoteDrafts);
    // The shared empty workspace is never changed by a write.
    store.update('call-2', (ws) => ({ verificationSteps: [...ws.verificationSteps, { at: 1, kind: 'search', ok: true, detail: 'x' }] }));
    expect(store.get('call-3').verificationSteps).toEqual([]);
  });
});
