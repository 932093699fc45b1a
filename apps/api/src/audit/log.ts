import type { AuditOutcome } from '@octopus/contracts';
import type { Database, Queryable } from '@octopus/db';
import { auditHash, GENESIS_HASH } from './chain';

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
}

// Advisory lock key that serialises audit writers across processes (PGlite has one connection anyway).
const AUDIT_LOCK = 4102;

function isDatabase(db: Queryable): db is Database {
  return typeof (db as Partial<Database>).transaction === 'function';
}

async function append(tx: Queryable, event: AuditEvent, now: number): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  const last = await tx.query<{ seq: string; hash: string }>('SELECT seq::text AS seq, hash FROM audit_log ORDER BY audit_log.seq DESC LIMIT 1');
  const seq = last[0] ? Number(last[0].seq) + 1 : 1;
  const prevHash = last[0]?.hash ?? GENESIS_HASH;
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
  await tx.query(
    `INSERT INTO audit_log (seq, at, agent_id, session_id, user_id, call_id, ticket_id, action, outcome, via, reason, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      seq, fields.at, fields.agentId, fields.sessionId, fields.userId, fields.callId, fields.ticketId, fields.action, fields.outcome,
      fields.via, fields.reason, prevHash, auditHash(prevHash, fields),
    ],
  );
}

/**
 * Appends one hash-chained row. Inside a caller's transaction (`tx`), the row commits or rolls back
 * with it; on a `Database` it gets its own transaction. Writers are serialised by an advisory lock
 * so seq has no gaps and every row chains to the one before. A failed write fails the request.
 */
export async function writeAudit(db: Queryable, event: AuditEvent, now: number = Date.now()): Promise<void> {
  if (isDatabase(db)) await db.transaction((tx) => append(tx, event, now));
  else await append(db, event, now);
}
