import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  callRecordUpsertSchema,
  INTERNAL_AUDIT_MAX_EVENTS,
  internalAuditEventsSchema,
  internalGrantEndedSchema,
  type CallRecordUpsert,
  type InternalAuditEvent,
  type InternalGrantEnded,
} from '@octopus/contracts';
import type { AuditSink, CallRecordSink, GrantEndSink } from '../engine/ports';
import { errorSummary } from '../log';

/** What the outbox carries to the api. */
export type OutboxMessage =
  /** `PUT /internal/call-records/:callId`. */
  | { kind: 'call-record'; record: CallRecordUpsert }
  /** `POST /internal/grants/ended`. */
  | { kind: 'grant-ended'; notice: InternalGrantEnded }
  /** `POST /internal/audit`: journalled one event a line, sent in batches of at most 100. */
  | { kind: 'audit'; events: InternalAuditEvent[] };

export interface OutboxOptions {
  send: (message: OutboxMessage) => Promise<void>;
  /** Folder of the JSON-lines journal (`cti-outbox.jsonl`); null keeps the outbox in memory only. */
  dataDir: string | null;
  baseDelayMs?: number;
  maxDelayMs?: number;
  concurrency?: number;
  random?: () => number;
  log?: (message: string) => void;
}

interface Pending {
  n: number;
  key: string;
  message: OutboxMessage;
  attempts: number;
  nextAt: number;
  inFlight: boolean;
}

/**
 * One pending message per key: a newer call record or grant end of the same leg supersedes an unsent older one.
 * Audit events never supersede each other (each its own key).
 */
function keyOf(message: OutboxMessage, n: number): string {
  if (message.kind === 'audit') return `audit:${n}`;
  return message.kind === 'call-record' ? `record:${message.record.callId}` : `grant:${message.notice.callId}:${message.notice.agentId}`;
}

function parseMessage(raw: unknown): OutboxMessage | null {
  const m = raw as { kind?: unknown; record?: unknown; notice?: unknown; events?: unknown } | null;
  if (m?.kind === 'audit') {
    const parsed = internalAuditEventsSchema.safeParse({ events: m.events });
    return parsed.success ? { kind: 'audit', events: parsed.data.events } : null;
  }
  if (m?.kind === 'call-record') {
    const parsed = callRecordUpsertSchema.safeParse(m.record);
    return parsed.success ? { kind: 'call-record', record: parsed.data } : null;
  }
  if (m?.kind === 'grant-ended') {
    const parsed = internalGrantEndedSchema.safeParse(m.notice);
    return parsed.success ? { kind: 'grant-ended', notice: parsed.data } : null;
  }
  return null;
}

/**
 * Messages on their way to the api: call records, grant ends and audit events. Every message is journalled before it
 * is sent and acknowledged in the journal when the api accepts it, so it survives api outages (retried
 * with backoff) and restarts (resent on start): a grant's end reaches the api even if either side restarts.
 */
export class Outbox implements CallRecordSink, GrantEndSink, AuditSink {
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
    this.enqueue({ kind: 'call-record', record });
  }

  grantEnded(notice: InternalGrantEnded): void {
    this.enqueue({ kind: 'grant-ended', notice });
  }

  audit(event: InternalAuditEvent): void {
    this.enqueue({ kind: 'audit', events: [event] });
  }

  enqueue(message: OutboxMessage): void {
    if (this.closed) return;
    const key = keyOf(message, this.n + 1);
    const existing = this.pending.get(key);
    // Two unsent ends of the same leg: the api keeps the earliest notAfter, so send that one.
    if (existing && !existing.inFlight && existing.message.kind === 'grant-ended' && message.kind === 'grant-ended') {
      const old = existing.message.notice;
      if (old.legEndedAt === message.notice.legEndedAt && old.notAfter < message.notice.notAfter) message = { kind: 'grant-ended', notice: { ...message.notice, notAfter: old.notAfter } };
    }
    const n = ++this.n;
    this.journal({ op: 'put', n, message });
    // A send already in flight finishes; the newer version follows it.
    this.pending.set(key, { n, key, message, attempts: existing?.attempts ?? 0, nextAt: 0, inFlight: existing?.inFlight ?? false });
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
    const puts = new Map<number, OutboxMessage>();
    const done = new Set<number>();
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as { op: string; n: number; message?: unknown; record?: unknown };
        this.n = Math.max(this.n, entry.n);
        if (entry.op === 'put') {
          // Journals written before grant ends existed carry a bare `record`.
          const message = parseMessage(entry.message ?? { kind: 'call-record', record: entry.record });
          if (message) puts.set(entry.n, message);
        } else if (entry.op === 'done') done.add(entry.n);
      } catch {
        // A torn last line after a crash: skip it.
      }
    }
    for (const [n, message] of [...puts.entries()].sort((a, b) => a[0] - b[0])) {
      const key = keyOf(message, n);
      // A later version supersedes an earlier one, sent or not.
      if (done.has(n)) this.pending.delete(key);
      else this.pending.set(key, { n, key, message, attempts: 0, nextAt: 0, inFlight: false });
    }
    this.compact();
    if (this.pending.size) this.log(`outbox: resending ${this.pending.size} message(s) from ${this.file}`);
  }

  private compact(): void {
    if (!this.file) return;
    const lines = [...this.pending.values()].map((p) => JSON.stringify({ op: 'put', n: p.n, message: p.message }) + '\n');
    writeFileSync(this.file, lines.join(''));
    this.linesSinceCompact = 0;
  }

  private journal(entry: object): void {
    if (!this.file) return;
    try {
      appendFileSync(this.file, JSON.stringify(entry) + '\n');
      this.linesSinceCompact++;
    } catch (error) {
      this.log(`outbox journal write failed: ${(error as NodeJS.ErrnoException).code ?? (error as Error).name}`);
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
    let auditInFlight = false;
    for (const p of this.pending.values()) {
      if (!p.inFlight) continue;
      inFlight++;
      if (p.message.kind === 'audit') auditInFlight = true;
    }
    let nextAt = Infinity;
    let auditBatch: Pending[] | null = null;
    for (const p of this.pending.values()) {
      if (p.inFlight) continue;
      if (p.nextAt > now) {
        nextAt = Math.min(nextAt, p.nextAt);
        continue;
      }
      if (p.message.kind === 'audit') {
        // One audit batch at a time, oldest events first, so the chain receives them roughly in order.
        if (auditInFlight || (auditBatch && auditBatch.length >= INTERNAL_AUDIT_MAX_EVENTS)) continue;
        if (!auditBatch) {
          if (inFlight >= this.concurrency) continue;
          inFlight++;
          auditBatch = [];
        }
        auditBatch.push(p);
        continue;
      }
      if (inFlight >= this.concurrency) continue;
      inFlight++;
      void this.sendOne([p], p.message);
    }
    if (auditBatch) {
      const events = auditBatch.flatMap((p) => (p.message.kind === 'audit' ? p.message.events : []));
      void this.sendOne(auditBatch, { kind: 'audit', events });
    }
    if (nextAt !== Infinity) this.schedule(nextAt - now);
  }

  /** Sends `message` for the pending entries `group` (one message, or a batch of audit events). */
  private async sendOne(group: Pending[], message: OutboxMessage): Promise<void> {
    for (const p of group) p.inFlight = true;
    try {
      await this.options.send(message);
      this.sent++;
      for (const p of group) {
        this.journal({ op: 'done', n: p.n });
        const current = this.pending.get(p.key);
        if (current === p) this.pending.delete(p.key);
        else if (current) current.inFlight = false;
      }
      if (this.pending.size === 0 && this.linesSinceCompact > 500) this.compact();
    } catch (error) {
      this.failures++;
      // A batch is retried together (one delay), so it stays one batch.
      const attempts = Math.max(...group.map((p) => p.attempts)) + 1;
      const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(attempts - 1, 20)) * (0.5 + this.random() * 0.5);
      for (const p of group) {
        p.attempts = attempts;
        p.nextAt = Date.now() + delay;
        const current = this.pending.get(p.key);
        if (current && current !== p) current.inFlight = false;
      }
      if (attempts === 1 || attempts % 10 === 0) {
        this.log(`outbox: ${message.kind} not sent (attempt ${attempts}, retry in ${Math.round(delay)} ms): ${errorSummary(error)}`);
      }
    } finally {
      for (const p of group) p.inFlight = false;
    }
    this.schedule(0);
  }
}
