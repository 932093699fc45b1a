import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { callRecordUpsertSchema, type CallRecordUpsert } from '@octopus/contracts';
import type { CallRecordSink } from '../engine/ports';

export interface OutboxOptions {
  send: (record: CallRecordUpsert) => Promise<void>;
  /** Folder of the JSON-lines journal; null keeps the outbox in memory only. */
  dataDir: string | null;
  baseDelayMs?: number;
  maxDelayMs?: number;
  concurrency?: number;
  random?: () => number;
  log?: (message: string) => void;
}

interface Pending {
  n: number;
  record: CallRecordUpsert;
  attempts: number;
  nextAt: number;
  inFlight: boolean;
}

/**
 * Call records on their way to the api. Every put is journalled before it is sent and acknowledged in the
 * journal when the api accepts it, so records survive api outages (retried with backoff) and restarts
 * (resent on start). A newer version of the same call supersedes an unsent older one.
 */
export class OutboxRecordSink implements CallRecordSink {
  private readonly pending = new Map<string, Pending>();
  private readonly file: string | null;
  private n = 0;
  private linesSinceCompact = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly concurrency: number;
  private readonly random: () => number;
  private readonly log: (message: string) => void;
  sent = 0;
  failures = 0;

  constructor(private readonly options: OutboxOptions) {
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
    this.concurrency = options.concurrency ?? 4;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? (() => undefined);
    this.file = options.dataDir ? path.join(options.dataDir, 'cti-outbox.jsonl') : null;
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    this.load();
    this.schedule(0);
  }

  get size(): number {
    return this.pending.size;
  }

  put(record: CallRecordUpsert): void {
    if (this.closed) return;
    const n = ++this.n;
    this.journal({ op: 'put', n, record });
    const existing = this.pending.get(record.callId);
    // A send already in flight finishes; the newer version follows it.
    this.pending.set(record.callId, { n, record, attempts: existing?.attempts ?? 0, nextAt: 0, inFlight: existing?.inFlight ?? false });
    this.schedule(0);
  }

  /** Resolves when nothing is pending (tests). */
  async drain(timeoutMs = 5000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (this.pending.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    return this.pending.size === 0;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private load(): void {
    if (!this.file || !existsSync(this.file)) return;
    const puts = new Map<number, CallRecordUpsert>();
    const done = new Set<number>();
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as { op: string; n: number; record?: unknown };
        this.n = Math.max(this.n, entry.n);
        if (entry.op === 'put') {
          const parsed = callRecordUpsertSchema.safeParse(entry.record);
          if (parsed.success) puts.set(entry.n, parsed.data);
        } else if (entry.op === 'done') done.add(entry.n);
      } catch {
        // A torn last line after a crash: skip it.
      }
    }
    for (const [n, record] of [...puts.entries()].sort((a, b) => a[0] - b[0])) {
      // A later version supersedes an earlier one, sent or not.
      if (done.has(n)) this.pending.delete(record.callId);
      else this.pending.set(record.callId, { n, record, attempts: 0, nextAt: 0, inFlight: false });
    }
    this.compact();
    if (this.pending.size) this.log(`outbox: resending ${this.pending.size} call record(s) from ${this.file}`);
  }

  private compact(): void {
    if (!this.file) return;
    const lines = [...this.pending.values()].map((p) => JSON.stringify({ op: 'put', n: p.n, record: p.record }) + '\n');
    writeFileSync(this.file, lines.join(''));
    this.linesSinceCompact = 0;
  }

  private journal(entry: object): void {
    if (!this.file) return;
    try {
      appendFileSync(this.file, JSON.stringify(entry) + '\n');
      this.linesSinceCompact++;
    } catch (error) {
      this.log(`outbox journal write failed: ${(error as Error).message}`);
    }
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.pump(), delayMs);
    this.timer.unref();
  }

  private pump(): void {
    this.timer = null;
    const now = Date.now();
    let inFlight = 0;
    for (const p of this.pending.values()) if (p.inFlight) inFlight++;
    let nextAt = Infinity;
    for (const p of this.pending.values()) {
      if (p.inFlight) continue;
      if (p.nextAt > now) {
        nextAt = Math.min(nextAt, p.nextAt);
        continue;
      }
      if (inFlight >= this.concurrency) break;
      inFlight++;
      void this.sendOne(p);
    }
    if (nextAt !== Infinity) this.schedule(nextAt - now);
  }

  private async sendOne(p: Pending): Promise<void> {
    p.inFlight = true;
    try {
      await this.options.send(p.record);
      this.sent++;
      this.journal({ op: 'done', n: p.n });
      const current = this.pending.get(p.record.callId);
      if (current === p) this.pending.delete(p.record.callId);
      else if (current) current.inFlight = false;
      if (this.pending.size === 0 && this.linesSinceCompact > 500) this.compact();
    } catch (error) {
      this.failures++;
      p.attempts++;
      const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(p.attempts - 1, 20)) * (0.5 + this.random() * 0.5);
      p.nextAt = Date.now() + delay;
      const current = this.pending.get(p.record.callId);
      if (current && current !== p) current.inFlight = false;
      if (p.attempts === 1 || p.attempts % 10 === 0) {
        this.log(`outbox: ${p.record.callId} not sent (attempt ${p.attempts}, retry in ${Math.round(delay)} ms): ${(error as Error).message}`);
      }
    } finally {
      p.inFlight = false;
    }
    this.schedule(0);
  }
}
