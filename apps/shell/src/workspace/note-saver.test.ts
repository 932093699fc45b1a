import { createNoteSaver } from './note-saver';
import { createWorkspaceStore, PRESENCE_MS } from './workspace-store';

class MemoryStorage {
  values = new Map<string, string>();
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

const noEvents = { addEventListener: () => undefined, removeEventListener: () => undefined } as unknown as Window;
const flushMicrotasks = async () => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

describe('note saver', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.UTC(2026, 10, 30, 9) }));
  afterEach(() => jest.useRealTimers());

  it('another tab saves the draft of a tab that was closed before saving it; not while that tab is open', async () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const saved: string[] = [];
    const closing = createWorkspaceStore({ storage, storageKey: 'ws', tabId: 'closing', events: noEvents });
    closing.update('C1', { noteDraft: 'typed, then the tab closed', noteDraftTab: 'closing' });
    closing.flush();
    const other = createWorkspaceStore({ storage, storageKey: 'ws', tabId: 'other', events: noEvents });
    const saver = createNoteSaver({ workspace: other, save: async (_callId, note) => (saved.push(note), { note }) });
    jest.advanceTimersByTime(2_000);
    await flushMicrotasks();
    // The typing tab is still open: it saves its own drafts.
    expect(saved).toEqual([]);
    closing.dispose(); // closed without a pagehide flush of its presence: it just stops renewing
    for (let waited = 0; waited < 5 * PRESENCE_MS; waited += 500) {
      jest.advanceTimersByTime(500);
      await flushMicrotasks();
    }
    expect(saved).toEqual(['typed, then the tab closed']);
    saver.dispose();
    other.dispose();
  });
});
