import type { CallRecordDto } from '@octopus/contracts';
import { toIso, toIsoOrNull } from '@octopus/db';
import { dispositionRef } from './dispositions/repository';

// Row → DTO mappers shared by several routes.

export interface CallRecordRow {
  call_id: string;
  agent_id: string | null;
  direction: 'inbound' | 'outbound';
  number: string;
  province: string | null;
  city: string | null;
  skill_group: string | null;
  key_track: string | null;
  verification_status: CallRecordDto['verificationStatus'];
  verification_method: CallRecordDto['verificationMethod'];
  user_id: string | null;
  connected_at: unknown;
  ended_at: unknown;
  transfers: unknown;
  rating: number | null;
  /** Written only through the closed `callRecordUpsertSchema` and by the seed, so one of `END_REASONS`. */
  end_reason: CallRecordDto['endReason'];
  note: string;
  note_updated_at: unknown;
  /** Migration 5; the labels come from a join with `dispositions` (absent when a query does not join). */
  disposition_code?: string | null;
  disposition_label_zh?: string | null;
  disposition_label_en?: string | null;
  created_at: unknown;
  updated_at: unknown;
}

export function callRecordFromRow(row: CallRecordRow): CallRecordDto {
  const connectedAt = toIsoOrNull(row.connected_at);
  const endedAt = toIsoOrNull(row.ended_at);
  const transfers = typeof row.transfers === 'string' ? (JSON.parse(row.transfers) as unknown) : row.transfers;
  return {
    callId: row.call_id,
    agentId: row.agent_id,
    direction: row.direction,
    number: row.number,
    province: row.province,
    city: row.city,
    skillGroup: row.skill_group,
    keyTrack: row.key_track,
    verificationStatus: row.verification_status,
    verificationMethod: row.verification_method,
    userId: row.user_id,
    connectedAt,
    endedAt,
    durationSeconds:
      connectedAt && endedAt ? Math.max(0, Math.round((Date.parse(endedAt) - Date.parse(connectedAt)) / 1000)) : null,
    transfers: Array.isArray(transfers) ? (transfers as CallRecordDto['transfers']) : [],
    rating: row.rating,
    endReason: row.end_reason,
    note: row.note,
    noteUpdatedAt: toIsoOrNull(row.note_updated_at),
    disposition: dispositionRef(row.disposition_code ?? null, row.disposition_label_zh ?? null, row.disposition_label_en ?? null),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}
