import type { CallRecordUpsert } from '@octopus/contracts';
import type { Queryable } from '@octopus/db';
import type { CallRecordRow } from '../rows';

// SQL of the agent's own call records. Every read joins the chosen disposition's labels.

const WITH_DISPOSITION = `SELECT c.*, d.label_zh AS disposition_label_zh, d.label_en AS disposition_label_en
  FROM records c LEFT JOIN dispositions d ON d.skill_group = c.skill_group AND d.code = c.disposition_code`;

/** The agent's newest `limit` records that they have not deleted. */
export function listOwnRecords(db: Queryable, agentId: string, limit: number): Promise<CallRecordRow[]> {
  return db.query<CallRecordRow>(
    `WITH records AS (SELECT * FROM call_records WHERE agent_id = $1 AND deleted_at IS NULL)
     ${WITH_DISPOSITION}
     ORDER BY COALESCE(c.connected_at, c.created_at) DESC, c.created_at DESC LIMIT $2`,
    [agentId, limit],
  );
}

/** Sets the note of the agent's own live record; null when there is none (absent, deleted, someone else's). */
export async function updateOwnNote(db: Queryable, agentId: string, callId: string, note: string): Promise<CallRecordRow | null> {
  const rows = await db.query<CallRecordRow>(
    `WITH records AS (
       UPDATE call_records SET note = $1, note_updated_at = now(), updated_at = now()
       WHERE call_id = $2 AND agent_id = $3 AND deleted_at IS NULL RETURNING *)
     ${WITH_DISPOSITION}`,
    [note, callId, agentId],
  );
  return rows[0] ?? null;
}

/** Sets (or clears with null) the disposition of the agent's own live record; null when there is none. */
export async function updateOwnDisposition(db: Queryable, agentId: string, callId: string, code: string | null): Promise<CallRecordRow | null> {
  const rows = await db.query<CallRecordRow>(
    `WITH records AS (
       UPDATE call_records SET disposition_code = $1::text, disposition_at = CASE WHEN $1::text IS NULL THEN NULL ELSE now() END, updated_at = now()
       WHERE call_id = $2 AND agent_id = $3 AND deleted_at IS NULL RETURNING *)
     ${WITH_DISPOSITION}`,
    [code, callId, agentId],
  );
  return rows[0] ?? null;
}

/** Owner, skill group and deletion of a record, or null when there is no record. */
export async function recordOwnership(db: Queryable, callId: string): Promise<{ agent_id: string | null; skill_group: string | null; deleted: boolean } | null> {
  const rows = await db.query<{ agent_id: string | null; skill_group: string | null; deleted: boolean }>(
    'SELECT agent_id, skill_group, deleted_at IS NOT NULL AS deleted FROM call_records WHERE call_id = $1',
    [callId],
  );
  return rows[0] ?? null;
}

/** Soft delete of the agent's own record; false when there was none to delete. */
export async function softDeleteOwn(db: Queryable, agentId: string, callId: string): Promise<boolean> {
  const rows = await db.query(
    'UPDATE call_records SET deleted_at = now(), updated_at = now() WHERE call_id = $1 AND agent_id = $2 AND deleted_at IS NULL RETURNING call_id',
    [callId, agentId],
  );
  return rows.length > 0;
}

/**
 * The cti-server's idempotent upsert of a call record; true when it created the row. The agent's
 * note, disposition and deletion are never overwritten (they are not in the update list).
 */
export async function upsertCallRecord(db: Queryable, body: CallRecordUpsert): Promise<boolean> {
  const rows = await db.query<{ created: boolean }>(
    `INSERT INTO call_records (call_id, agent_id, direction, number, province, city, skill_group, key_track, verification_status,
       verification_method, user_id, connected_at, ended_at, transfers, rating, end_reason,
       arrived_at, queued_at, offered_at, ivr_outcome, missed_rings)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15, $16, $17, $18, $19, $20, $21::jsonb)
     ON CONFLICT (call_id) DO UPDATE SET
       agent_id = EXCLUDED.agent_id, direction = EXCLUDED.direction, number = EXCLUDED.number, province = EXCLUDED.province,
       city = EXCLUDED.city, skill_group = EXCLUDED.skill_group, key_track = EXCLUDED.key_track,
       verification_status = EXCLUDED.verification_status, verification_method = EXCLUDED.verification_method,
       user_id = EXCLUDED.user_id, connected_at = EXCLUDED.connected_at, ended_at = EXCLUDED.ended_at,
       transfers = EXCLUDED.transfers, rating = EXCLUDED.rating, end_reason = EXCLUDED.end_reason,
       -- An older outbox message without the report's fields does not erase them.
       arrived_at = COALESCE(EXCLUDED.arrived_at, call_records.arrived_at), queued_at = COALESCE(EXCLUDED.queued_at, call_records.queued_at),
       offered_at = COALESCE(EXCLUDED.offered_at, call_records.offered_at), ivr_outcome = COALESCE(EXCLUDED.ivr_outcome, call_records.ivr_outcome),
       missed_rings = CASE WHEN $22 THEN EXCLUDED.missed_rings ELSE call_records.missed_rings END, updated_at = now()
     RETURNING (xmax = 0) AS created`,
    [
      body.callId, body.agentId, body.direction, body.number, body.province, body.city, body.skillGroup, body.keyTrack,
      body.verificationStatus, body.verificationMethod, body.userId, body.connectedAt, body.endedAt,
      JSON.stringify(body.transfers), body.rating, body.endReason,
      body.arrivedAt ?? null, body.queuedAt ?? null, body.offeredAt ?? null, body.ivrOutcome ?? null, JSON.stringify(body.missedRings ?? []),
      body.missedRings !== undefined,
    ],
  );
  return rows[0]?.created === true;
}
