import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * The engine's durable state, as rows: one JSON document per agent and per call (live, or ended and
 * still kept for late ratings and status), plus a few counters (`meta`: epoch, rev, sequences).
 * Everything a restart needs is derived from these: queue order from each queued call's priority and
 * arrival order, every timer from a deadline stored on its entity.
 */
export interface PersistedState {
  meta: Record<string, unknown>;
  agents: unknown[];
  calls: unknown[];
}

/** One flush's changes: rows to upsert (`data`) or delete (`data: null`), and counters. */
export interface StateChanges {
  meta: Record<string, unknown>;
  agents: Array<{ id: string; data: unknown }>;
  calls: Array<{ id: string; data: unknown | null }>;
}

/**
 * Where the engine keeps its state across restarts. `save` is called synchronously at the end of each
 * engine step, before any event of that step leaves the process, so a client never holds a `rev` the
 * restored server has not reached.
 */
export interface StateStore {
  /** What was saved, or null for a first start. */
  load(): PersistedState | null;
  /** Applies one step's changes atomically. @throws when the medium fails (the engine logs and goes on). */
  save(changes: StateChanges): void;
  close(): void;
}

/** Keeps the rows in memory (as JSON text, so nothing is shared with the engine); tests restart engines on it. */
export class MemoryStateStore implements StateStore {
  private readonly meta = new Map<string, string>();
  private readonly agents = new Map<string, string>();
  private readonly calls = new Map<string, string>();
  saves = 0;

  load(): PersistedState | null {
    if (this.meta.size === 0 && this.agents.size === 0 && this.calls.size === 0) return null;
    return {
      meta: Object.fromEntries([...this.meta].map(([k, v]) => [k, JSON.parse(v) as unknown])),
      agents: [...this.agents.values()].map((v) => JSON.parse(v) as unknown),
      calls: [...this.calls.values()].map((v) => JSON.parse(v) as unknown),
    };
  }

  save(changes: StateChanges): void {
    this.saves++;
    for (const [k, v] of Object.entries(changes.meta)) this.meta.set(k, JSON.stringify(v));
    for (const a of changes.agents) this.agents.set(a.id, JSON.stringify(a.data));
    for (const c of changes.calls) {
      if (c.data === null) this.calls.delete(c.id);
      else this.calls.set(c.id, JSON.stringify(c.data));
    }
  }

  close(): void {
    // nothing to release
  }
}

/**
 * The embedded journal: SQLite (better-sqlite3) in `<dir>/state.sqlite`, WAL mode with
 * `synchronous=NORMAL` — a committed step survives a crash or `kill -9` of the process (an OS crash
 * may lose the last steps). Each engine step is one transaction.
 */
export class SqliteStateStore implements StateStore {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly putMeta: Database.Statement;
  private readonly putAgent: Database.Statement;
  private readonly putCall: Database.Statement;
  private readonly deleteCall: Database.Statement;
  private readonly tx: (changes: StateChanges) => void;

  /** @param dir the cti-server's data folder (`<OCTOPUS_DATA_DIR>/cti-server`); created if missing. */
  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, 'state.sqlite');
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS agents (id TEXT PRIMARY KEY, data TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS calls (id TEXT PRIMARY KEY, data TEXT NOT NULL);
    `);
    this.putMeta = this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.putAgent = this.db.prepare('INSERT INTO agents (id, data) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data');
    this.putCall = this.db.prepare('INSERT INTO calls (id, data) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data');
    this.deleteCall = this.db.prepare('DELETE FROM calls WHERE id = ?');
    this.tx = this.db.transaction((changes: StateChanges) => {
      for (const [k, v] of Object.entries(changes.meta)) this.putMeta.run(k, JSON.stringify(v));
      for (const a of changes.agents) this.putAgent.run(a.id, JSON.stringify(a.data));
      for (const c of changes.calls) {
        if (c.data === null) this.deleteCall.run(c.id);
        else this.putCall.run(c.id, JSON.stringify(c.data));
      }
    });
  }

  load(): PersistedState | null {
    const meta = this.db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string; value: string }>;
    if (meta.length === 0) return null;
    const rows = (table: 'agents' | 'calls') => (this.db.prepare(`SELECT data FROM ${table}`).all() as Array<{ data: string }>).map((r) => JSON.parse(r.data) as unknown);
    return { meta: Object.fromEntries(meta.map((m) => [m.key, JSON.parse(m.value) as unknown])), agents: rows('agents'), calls: rows('calls') };
  }

  save(changes: StateChanges): void {
    this.tx(changes);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
