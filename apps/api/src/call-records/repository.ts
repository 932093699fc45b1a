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
