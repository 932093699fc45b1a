import type { AuditOutcome } from '@octopus/contracts';
import type { Database, Queryable } from '@octopus/db';
import { auditHash, readAuditHead, writeAuditHead } from './chain';

/** One access decision (or account event) as the audit log records it. */
export interface AuditEvent {
  /** The acting agent (`service:<name>` for the cti-server); null when unknown (bad or forged token). */
  agentId: string | null;
  sessionId?: string | null;
  userId?: string | null;
  callId?: string | null;
  ticketId?: string | null;
  /** What was attempted, e.g. `users.profile`, `auth.login`, `GET /users/:userId`. */
  action: string;
  outcome: AuditOutcome;
  /** How access was decided: `grant`, `ticket`, `call-record`, `agent`, `role` … */
  via?: string | null;
  /** Why (refusals), or a short qualifier (search kind, count). Never personal data. */
  reason?: string | null;
  /** When it was decided (epoch ms), when not now (events reported later by the cti-server). */
  at?: number;
}

// Advisory lock key that serialises audit writers across processes (PGlite has one connection anyway).
const AUDIT_LOCK = 4102;

function isDatabase(db: Queryable): db is Database {
  return typeof (db as Partial<Database>).transaction === 'function';
}

async function append(tx: Queryable, key: Buffer, event: AuditEvent, now: number): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  // Chain from the head, not from the last row: rows deleted from the end stay a visible gap.
  const head = await readAuditHead(tx);
  if (!head) throw new Error('audit_head is missing: the audit log was tampered with (run `pnpm audit-log verify`)');
  const seq = head.seq + 1;
  const prevHash = head.hash;
  const fields = {
    seq,
    at: new Date(now).toISOString(),
    agentId: event.agentId,
    sessionId: event.sessionId ?? null,
    userId: event.userId ?? null,
    callId: event.callId ?? null,
    ticketId: event.ticketId ?? null,
    action: event.action,
    outcome: event.outcome,
    via: event.via ?? null,
    reason: event.reason ?? null,
  };
  const hash = auditHash(key, prevHash, fields);
  await tx.query(
    `INSERT INTO audit_log (seq, at, agent_id, session_id, user_id, call_id, ticket_id, action, outcome, via, reason, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      seq, fields.at, fields.agentId, fields.sessionId, fields.userId, fields.callId, fields.ticketId, fields.action, fields.outcome,
      fields.via, fields.reason, prevHash, hash,
    ],
  );
  await writeAuditHead(tx, key, { seq, hash });
}

/**
 * Appends hash-chained rows (MACed with `key` = `auditKeyFromSecret(token secret)`) and moves the
 * head row in the same transaction. Inside a caller's transaction (`tx`), the rows commit or roll
 * back with it; on a `Database` they get their own transaction. Writers are serialised by an
 * advisory lock so seq has no gaps and every row chains to the one before. A failed write fails the
 * request (also when the head row is missing: fail closed).
 */
export async function writeAudit(db: Queryable, key: Buffer, event: AuditEvent | readonly AuditEvent[], now: number = Date.now()): Promise<void> {
  const events: readonly AuditEvent[] = Array.isArray(event) ? event : [event as AuditEvent];
  const run = async (tx: Queryable): Promise<void> => {
    for (const e of events) await append(tx, key, e, e.at ?? now);
  };
  if (isDatabase(db)) await db.transaction(run);
  else await run(db);
}
