import { createHmac, timingSafeEqual } from 'node:crypto';
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

/** Label of the audit chain key (versioned: a new derivation gets a new label). */
export const AUDIT_KEY_LABEL = 'octopus-audit-chain-v1';

/**
 * The key the audit chain is MACed with: HMAC-SHA256(token secret, 'octopus-audit-chain-v1'). Whoever
 * can write the database but not read the secret cannot recompute the chain after a change.
 */
export function auditKeyFromSecret(tokenSecret: string): Buffer {
  return createHmac('sha256', tokenSecret).update(AUDIT_KEY_LABEL).digest();
}

/** HMAC-SHA256 (hex, keyed with `auditKeyFromSecret`) of `prevHash` followed by the canonical JSON of the row (fixed key order). */
export function auditHash(key: Buffer, prevHash: string, f: AuditFields): string {
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
  return createHmac('sha256', key).update(prevHash).update(canonical).digest('hex');
}

/** MAC of the head row (`audit_head`): anchors the newest seq and hash, so deleting the tail is detected. */
export function auditHeadMac(key: Buffer, seq: number, hash: string): string {
  return createHmac('sha256', key).update(`head:${seq}:${hash}`).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface AuditHead {
  seq: number;
  hash: string;
}

/** The head row (seq 0 and GENESIS_HASH for an empty log), or null when it is missing. */
export async function readAuditHead(db: Queryable): Promise<(AuditHead & { mac: string }) | null> {
  const rows = await db.query<{ seq: string; hash: string; mac: string }>('SELECT seq::text AS seq, hash, mac FROM audit_head WHERE id = 1');
  return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash, mac: rows[0].mac } : null;
}

/** Points the head at (seq, hash) with its MAC, in the caller's transaction. */
export async function writeAuditHead(db: Queryable, key: Buffer, head: AuditHead): Promise<void> {
  await db.query(
    `INSERT INTO audit_head (id, seq, hash, mac) VALUES (1, $1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, mac = EXCLUDED.mac`,
    [head.seq, head.hash, auditHeadMac(key, head.seq, head.hash)],
  );
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
 * Walks the whole log in seq order (in pages), recomputes every row's MAC with `key`, then checks the
 * head row. A changed row breaks its own MAC; a deleted row leaves a seq gap and a prev_hash that no
 * longer matches; re-chaining after a change needs the key; deleting the newest rows leaves the head
 * (MACed) pointing past the last row. Not detected: rolling the whole table and head back to an
 * earlier copy (that needs an outside anchor, e.g. shipping the head elsewhere).
 */
export async function verifyAuditChain(db: Queryable, key: Buffer, pageSize = 5000): Promise<ChainReport> {
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
      if (!sameHex(auditHash(key, prevHash, fields), row.hash)) {
        return { checked, brokenAt: fields.seq, problem: `row ${fields.seq} was changed (hash differs)` };
      }
      prevHash = row.hash;
      expectedSeq++;
    }
  }
  const lastSeq = expectedSeq - 1;
  const head = await readAuditHead(db);
  if (!head) return { checked, brokenAt: lastSeq + 1, problem: 'head does not match: the head row is missing' };
  if (!sameHex(auditHeadMac(key, head.seq, head.hash), head.mac)) {
    return { checked, brokenAt: Math.min(head.seq, lastSeq + 1), problem: `head does not match: its MAC is wrong (head says seq ${head.seq})` };
  }
  if (head.seq > lastSeq) {
    return { checked, brokenAt: lastSeq + 1, problem: `head does not match: rows ${lastSeq + 1}–${head.seq} are missing (the log ends at ${lastSeq})` };
  }
  if (head.seq < lastSeq || head.hash !== prevHash) {
    return { checked, brokenAt: Math.min(head.seq + 1, lastSeq), problem: `head does not match: it names seq ${head.seq}, the log ends at ${lastSeq}` };
  }
  return { checked, brokenAt: null, problem: null };
}

/**
 * Recomputes every row's prev_hash/hash with `key` and sets the head (migration 3: the chain was
 * plain SHA-256 before). Runs inside the migration's transaction with the append-only trigger off.
 * What the rows said is kept; only their MACs change.
 */
export async function rechainAuditLog(tx: Queryable, key: Buffer, pageSize = 5000): Promise<number> {
  let prevHash = GENESIS_HASH;
  let seq = 0;
  for (;;) {
    const rows = await tx.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY audit_log.seq LIMIT $2`, [seq, pageSize]);
    if (rows.length === 0) break;
    for (const row of rows) {
      const fields = auditFieldsFromRow(row);
      const hash = auditHash(key, prevHash, fields);
      await tx.query('UPDATE audit_log SET prev_hash = $2, hash = $3 WHERE seq = $1', [fields.seq, prevHash, hash]);
      prevHash = hash;
      seq = fields.seq;
    }
  }
  await writeAuditHead(tx, key, { seq, hash: prevHash });
  return seq;
}
