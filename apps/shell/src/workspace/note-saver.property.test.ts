import fc from 'fast-check';
import { createNoteSaver, type LockRunner, type NoteSaver } from './note-saver';
import { createWorkspaceStore, type WorkspaceStore } from './workspace-store';

/**
 * Property: whatever the order of keystrokes (in either of two tabs), autosaves (succeeding, failing,
 * failing after the server wrote, slow, answered out of order), the record's creation (answer), list
 * refetches (hang-up), reloads and storage events reaching the other tab late, once things settle the
 * server's note and the box in every tab hold what the agent typed last. Runs the real workspace store
 * and note saver; only the server, the storage events and time are simulated.
 */

const CALL = 'C1';
const KEY = 'octopus.workspace.1001';

class SharedStorage {
  values = new Map<string, string>();
  /** Storage events not yet delivered, per listening tab. */
  queues: Array<{ tab: number; event: { key: string; newValue: string | null } }> = [];
  constructor(private readonly tabs: () => number[]) {}
  view(tab: number): Storage {
    return {
      getItem: (key: string) => this.values.get(key) ?? null,
      setItem: (key: string, value: string) => {
        this.values.set(key, value);
        for (const other of this.tabs()) if (other !== tab) this.queues.push({ tab: other, event: { key, newValue: value } });
      },
      removeItem: (key: string) => {
        this.values.delete(key);
        for (const other of this.tabs()) if (other !== tab) this.queues.push({ tab: other, event: { key, newValue: null } });
      },
      length: 0,
      key: (i: number) => [...this.values.keys()][i] ?? null,
      clear: () => undefined,
    } as unknown as Storage;
  }
}

function listingStorage(shared: SharedStorage, tab: number): Storage {
  const view = shared.view(tab);
  Object.defineProperty(view, 'length', { get: () => shared.values.size });
  return view;
}

interface PendingSave {
  tab: number;
  note: string;
  resolve: (record: { note: string }) => void;
  reject: (error: unknown) => void;
}

class NotFound extends Error {}

class FakeServer {
  recordExists = false;
  note = '';
  pending: PendingSave[] = [];
  save(tab: number, note: string): Promise<{ note: string }> {
    return new Promise((resolve, reject) => this.pending.push({ tab, note, resolve, reject }));
  }
  /** Answers one pending save: the server applies it in answer order (out of order when index > 0). */
  answer(index: number, outcome: 'ok' | 'fail' | 'applied-then-fail') {
    const [p] = this.pending.splice(index, 1);
    if (!p) return;
    if (!this.recordExists) return p.reject(new NotFound('no call record yet'));
    if (outcome === 'fail') return p.reject(new Error('network'));
    this.note = p.note;
    if (outcome === 'applied-then-fail') return p.reject(new Error('timeout'));
    p.resolve({ note: p.note });
  }
}

interface Tab {
  id: string;
  listeners: Set<(event: StorageEvent) => void>;
  workspace: WorkspaceStore;
  saver: NoteSaver;
  /** The note of the page's cached record (undefined until the list has the record). */
  serverNote: string | undefined;
}

type Step =
  | { kind: 'type'; tab: number; text: string }
  | { kind: 'erase'; tab: number }
  | { kind: 'wait'; ms: number }
  | { kind: 'answer-save'; index: number; outcome: 'ok' | 'fail' | 'applied-then-fail' }
  | { kind: 'create-record' }
  | { kind: 'refetch'; tab: number }
  | { kind: 'deliver'; tab: number; count: number }
  | { kind: 'reload'; tab: number; applyInFlight: boolean };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('type' as const), tab: fc.integer({ min: 0, max: 1 }), text: fc.constantFrom('a', 'b', ' ', 'Part one.', ' Part two.') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('erase' as const), tab: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.constantFrom(1, 100, 300, 700, 2000, 3500) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('answer-save' as const), index: fc.nat(3), outcome: fc.constantFrom('ok' as const, 'ok' as const, 'fail' as const, 'applied-then-fail' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('create-record' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refetch' as const), tab: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('deliver' as const), tab: fc.integer({ min: 0, max: 1 }), count: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reload' as const), tab: fc.integer({ min: 0, max: 1 }), applyInFlight: fc.boolean() }) },
);

async function flushMicrotasks() {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

async function advance(ms: number) {
  // Step through timers so promise continuations run between them (as in a page).
  let left = ms;
  while (left > 0) {
    const step = Math.min(left, 50);
    jest.advanceTimersByTime(step);
    left -= step;
    await flushMicrotasks();
  }
}

function pageLock(): LockRunner {
  // One lock for both tabs: what the Web Locks API is across tabs of an origin.
  const tails = new Map<string, Promise<unknown>>();
  return (name, task) => {
    const run = (tails.get(name) ?? Promise.resolve()).then(task, task);
    tails.set(name, run.catch(() => undefined));
    return run;
  };
}

async function runScenario(steps: Step[], twoTabs: boolean) {
  const server = new FakeServer();
  const tabIndexes = twoTabs ? [0, 1] : [0];
  const shared = new SharedStorage(() => tabIndexes);
  const lock = pageLock();
  let lastTyped: string | null = null;

  const open = (index: number, id: string): Tab => {
    const listeners = new Set<(event: StorageEvent) => void>();
    const events = {
      addEventListener: (type: string, listener: EventListener) => {
        if (type === 'storage') listeners.add(listener as (event: StorageEvent) => void);
      },
      removeEventListener: (type: string, listener: EventListener) => listeners.delete(listener as (event: StorageEvent) => void),
    } as unknown as Window;
    const workspace = createWorkspaceStore({ storage: listingStorage(shared, index), storageKey: KEY, tabId: id, events });
    const saver = createNoteSaver({
      workspace,
      save: (_callId, note) => server.save(index, note),
      isWaiting: (error) => error instanceof NotFound,
      onSaved: (_callId, record) => {
        tab.serverNote = record.note;
      },
      lock,
    });
    const tab: Tab = { id, listeners, workspace, saver, serverNote: undefined };
    return tab;
  };
  const tabs: Tab[] = tabIndexes.map((i) => open(i, `tab${i}`));
  const shown = (tab: Tab) => tab.workspace.get(CALL).noteDraft ?? tab.serverNote ?? '';
  // What the hook does on every render: drop the draft once the page's record holds it.
  const render = () => {
    for (const tab of tabs) tab.saver.reconcile(CALL, tab.serverNote);
  };
  const deliver = (index: number, count: number) => {
    for (let n = 0; n < count; n += 1) {
      const at = shared.queues.findIndex((q) => q.tab === index);
      if (at < 0) return;
      const [{ event }] = shared.queues.splice(at, 1) as [{ tab: number; event: { key: string; newValue: string | null } }];
      for (const listener of tabs[index]!.listeners) listener(event as unknown as StorageEvent);
    }
  };

  for (const step of steps) {
    switch (step.kind) {
      case 'type':
      case 'erase': {
        if (step.tab >= tabs.length) break;
        const tab = tabs[step.tab]!;
        const before = shown(tab);
        const value = step.kind === 'type' ? before + step.text : before.slice(0, -1);
        // A backspace in an empty box changes nothing (the browser fires no change).
        if (value === before) break;
        // One keystroke per millisecond at most: an agent cannot type in two tabs at once.
        await advance(1);
        tab.workspace.update(CALL, { noteDraft: value, noteDraftTab: tab.workspace.tabId });
        lastTyped = value;
        break;
      }
      case 'wait':
        await advance(step.ms);
        break;
      case 'answer-save':
        if (server.pending.length) server.answer(step.index % server.pending.length, step.outcome);
        await flushMicrotasks();
        break;
      case 'create-record':
        server.recordExists = true;
        break;
      case 'refetch':
        if (step.tab < tabs.length && server.recordExists) tabs[step.tab]!.serverNote = server.note;
        break;
      case 'deliver':
        if (step.tab < tabs.length) deliver(step.tab, step.count);
        break;
      case 'reload': {
        if (step.tab >= tabs.length) break;
        const tab = tabs[step.tab]!;
        tab.workspace.flush(); // pagehide
        tab.saver.dispose();
        tab.workspace.dispose();
        shared.queues = shared.queues.filter((q) => q.tab !== step.tab);
        // The page's requests in flight are cut off: each reached the server or not.
        for (const p of server.pending.filter((q) => q.tab === step.tab)) {
          server.pending.splice(server.pending.indexOf(p), 1);
          if (step.applyInFlight && server.recordExists) server.note = p.note;
          p.reject(new Error('aborted'));
        }
        await flushMicrotasks();
        tabs[step.tab] = open(step.tab, tab.id);
        break;
      }
    }
    render();
  }

  // Settle: the record exists, the network works, every event arrives, time passes.
  server.recordExists = true;
  for (let round = 0; round < 30; round += 1) {
    for (const i of tabIndexes) deliver(i, Number.MAX_SAFE_INTEGER);
    while (server.pending.length) {
      server.answer(0, 'ok');
      await flushMicrotasks();
    }
    await advance(3500);
    for (const tab of tabs) tab.serverNote = server.note;
    render();
    for (const tab of tabs) tab.workspace.flush();
  }
  for (const i of tabIndexes) deliver(i, Number.MAX_SAFE_INTEGER);
  render();

  if (lastTyped !== null) {
    expect(server.note).toBe(lastTyped);
    for (const tab of tabs) expect(shown(tab)).toBe(lastTyped);
  }
  for (const tab of tabs) {
    tab.saver.dispose();
    tab.workspace.dispose();
  }
}

describe('note autosave converges to the last keystroke (property)', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.UTC(2026, 10, 30, 9) }));
  afterEach(() => jest.useRealTimers());

  it('one tab: any order of keystrokes, saves, failures, record creation, refetches and reloads', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { maxLength: 40 }), (steps) => runScenario(steps, false)),
      { numRuns: 150 },
    );
  });

  it('two tabs: the other tab follows late, types too, reloads', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { maxLength: 40 }), (steps) => runScenario(steps, true)),
      { numRuns: 150 },
    );
  });

  it('the issue’s example: "Part one." saved before the record is in the list, then " Part two."', async () => {
    await runScenario(
      [
        { kind: 'create-record' },
        { kind: 'type', tab: 0, text: 'Part one.' },
        { kind: 'wait', ms: 700 },
        { kind: 'answer-save', index: 0, outcome: 'ok' },
        { kind: 'wait', ms: 2000 },
        { kind: 'type', tab: 0, text: ' Part two.' },
      ],
      false,
    );
  });
});
