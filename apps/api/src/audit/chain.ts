import { createHash } from 'node:crypto';
import type { AuditOutcome } from '@octopus/contracts';
import { toIso, type Queryable } from '@octopus/db';

/** `prev_hash` of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of one audit row that its hash covers (everything but the hashes themselves). */
export interface AuditFields {
  seq: number;
  /** ISO 8601 with milliseconds (what timestamptz hands back). */
  at: string;
  agentId: string | null;
  sessionId: string | null;
  userId: string | null;
  callId: string | null;
  ticketId: string | null;
  action: string;
  outcome: AuditOutcome;
  via: string | null;
  reason: string | null;
}

/** sha256 (hex) of `prevHash` followed by the canonical JSON of the row (fixed key order). */
export function auditHash(prevHash: string, f: AuditFields): string {
  const canonical = JSON.stringify({
    seq: f.seq,
    at: f.at,
    agentId: f.agentId,
    sessionId: f.sessionId,
    userId: f.userId,
    callId: f.callId,
    ticketId: f.ticketId,
    action: f.action,
    outcome: f.outcome,
    via: f.via,
    reason: f.reason,
  });
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

export interface AuditRow {
  seq: string;
  at: unknown;
  agent_id: string | null;
  session_id: string | null;
  user_id: string | null;
  call_id: string | null;
  ticket_id: string | null;
  action: string;
  outcome: AuditOutcome;
  via: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export const AUDIT_COLUMNS =
  'seq::text AS seq, at, agent_id, session_id, user_id, call_id, ticket_id, action, outcome, via, reason, prev_hash, hash';

export function auditFieldsFromRow(row: AuditRow): AuditFields {
  return {
    seq: Number(row.seq),
    at: toIso(row.at),
    agentId: row.agent_id,
    sessionId: row.session_id,
    userId: row.user_id,
    callId: row.call_id,
    ticketId: row.ticket_id,
    action: row.action,
    outcome: row.outcome,
    via: row.via,
    reason: row.reason,
  };
}

export interface ChainReport {
  /** Rows read. */
  checked: number;
  /** The first seq whose row (or a row before it) was changed, inserted or deleted; null = intact. */
  brokenAt: number | null;
  problem: string | null;
}

/**
 * Walks the whole log in seq order (in pages) and recomputes every hash. A changed row breaks its
 * own hash; a deleted row leaves a seq gap and a prev_hash that no longer matches.
 */
export async function verifyAuditChain(db: Queryable, pageSize = 5000): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db.query<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq >= $1 ORDER BY audit_log.seq LIMIT $2`,
      [expectedSeq, pageSize],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const fields = auditFieldsFromRow(row);
      checked++;
      if (fields.seq !== expectedSeq) {
        return { checked, brokenAt: expectedSeq, problem: `row ${expectedSeq} is missing (next row is ${fields.seq})` };
      }
      if (row.prev_hash !== prevHash) {
        return { checked, brokenAt: fields.seq, problem: `row ${fields.seq} does not follow row ${fields.seq - 1} (prev_hash differs)` };
      }
      if (auditHash(prevHash, fields) !== row.hash) {
        return { checked, brokenAt: fields.seq, problem: `row ${fields.seq} was changed (hash differs)` };
      }
      prevHash = row.hash;
      expectedSeq++;
    }
  }
  return { checked, brokenAt: null, problem: null };
}
