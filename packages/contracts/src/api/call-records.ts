import { z } from 'zod';
import { verificationMethodSchema, verificationStatusSchema } from '../remote/props';
import { apiIsoDateTimeSchema, apiLimitParam } from './common';
import { endReasonSchema } from '../cti/common';
import { dispositionRefSchema } from './dispositions';

/** The longest call note in characters (`PUT /call-records/:callId/note`); longer notes are a 400. */
export const CALL_NOTE_MAX = 2000;

/**
 * One transfer of a stored call: who the call left (`from`: agent id or group, null when no agent), where it went
 * (`to`: agent id, group name or `survey`), the `kind` (`TransferKind`, stored as text) and when (`at`, ISO 8601 UTC).
 */
export const callRecordTransferSchema = z.object({
  from: z.string().nullable(),
  to: z.string(),
  kind: z.string(),
  at: z.string(),
});
export type CallRecordTransfer = z.infer<typeof callRecordTransferSchema>;

/** A call as the api keeps it: written by the cti-server (upsert), annotated by the agent (note). */
export const callRecordDtoSchema = z.object({
  callId: z.string(),
  /** Null when nobody answered (abandoned in queue). */
  agentId: z.string().nullable(),
  direction: z.enum(['inbound', 'outbound']),
  number: z.string(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  skillGroup: z.string().nullable(),
  keyTrack: z.string().nullable(),
  verificationStatus: verificationStatusSchema,
  verificationMethod: verificationMethodSchema.nullable(),
  userId: z.string().nullable(),
  connectedAt: apiIsoDateTimeSchema.nullable(),
  endedAt: apiIsoDateTimeSchema.nullable(),
  durationSeconds: z.number().int().nullable(),
  transfers: z.array(callRecordTransferSchema),
  rating: z.number().nullable(),
  /** Why the call ended (`END_REASONS`); null while it goes on. */
  endReason: endReasonSchema.nullable(),
  /** The agent's own note; never touched by the cti-server's upserts. */
  note: z.string(),
  noteUpdatedAt: apiIsoDateTimeSchema.nullable(),
  /** The wrap-up code the agent chose (`PUT /call-records/:callId/disposition`); older apis omit it (null). */
  disposition: dispositionRefSchema.nullable().default(null),
  createdAt: apiIsoDateTimeSchema,
  updatedAt: apiIsoDateTimeSchema,
});
export type CallRecordDto = z.infer<typeof callRecordDtoSchema>;

/** `GET /call-records?limit=10`: the requesting agent's own calls, newest first. */
export const callRecordListQuerySchema = z.object({ limit: apiLimitParam(50, 10) });
export type CallRecordListQuery = z.infer<typeof callRecordListQuerySchema>;

/** `GET /call-records` → 200: the agent's own records, newest first, at most `limit`. */
export const callRecordListResponseSchema = z.object({ records: z.array(callRecordDtoSchema) });
export type CallRecordListResponse = z.infer<typeof callRecordListResponseSchema>;

/** `PUT /call-records/:callId/note`: add, edit or clear (empty string) the note. Stored as plain text. */
export const callRecordNoteRequestSchema = z.object({
  note: z.string().max(CALL_NOTE_MAX, `must be at most ${CALL_NOTE_MAX} characters`),
});
export type CallRecordNoteRequest = z.infer<typeof callRecordNoteRequestSchema>;

/** `PUT /call-records/:callId/note` (and `…/disposition`) → 200: the record after the change. */
export const callRecordResponseSchema = z.object({ record: callRecordDtoSchema });
export type CallRecordResponse = z.infer<typeof callRecordResponseSchema>;
