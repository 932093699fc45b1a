import { z } from 'zod';
import { verificationMethodSchema, verificationStatusSchema } from '../remote/props';
import { callDirectionSchema, endReasonSchema, skillGroupNameSchema } from './common';
import { transferKindSchema } from './views';
import { memberLevelSchema } from '../api/users';

const isoOrNull = z.iso.datetime({ offset: true }).nullable();

/**
 * How an inbound call left the IVR: `queued` (it went to a skill group's queue), `self-service` (a
 * self-service node answered it and the caller needed no agent), `hung-up` (the caller hung up in the IVR).
 */
export const callIvrOutcomeSchema = z.enum(['queued', 'self-service', 'hung-up']);
export type CallIvrOutcome = z.infer<typeof callIvrOutcomeSchema>;

/**
 * The call record the cti-server upserts into the api: `PUT /internal/call-records/:callId` with this
 * body. Idempotent: the same callId may be sent again (e.g. when a rating arrives after the call).
 */
export const callRecordUpsertSchema = z.object({
  callId: z.string().min(1).max(64),
  /** The last agent who handled the caller; null when nobody answered. */
  agentId: z.string().nullable(),
  direction: callDirectionSchema,
  /** Caller number (inbound) or dialled number (outbound). */
  number: z.string().min(1).max(32),
  province: z.string().nullable(),
  city: z.string().nullable(),
  skillGroup: skillGroupNameSchema.nullable(),
  keyTrack: z.string().max(256),
  verificationStatus: verificationStatusSchema,
  verificationMethod: verificationMethodSchema.nullable(),
  userId: z.string().nullable(),
  connectedAt: isoOrNull,
  endedAt: isoOrNull,
  transfers: z.array(
    z.object({
      from: z.string().nullable(),
      to: z.string(),
      kind: transferKindSchema,
      at: z.iso.datetime({ offset: true }),
    }),
  ),
  rating: z.number().int().min(1).max(5).nullable(),
  /** Why the call ended (e.g. `caller-hangup`, `abandoned`, `voicemail`); null while it goes on. */
  endReason: endReasonSchema.nullable(),
  /**
   * The wrap-up code the record's agent chose (`setDisposition`) and when (wall clock). The api stores it
   * when it is an active code of the record's skill group and newer than the record's own (an agent's later
   * edit through `PUT /call-records/:callId/disposition` is not undone by a re-sent record). Optional: older
   * outbox messages lack it.
   */
  disposition: z.string().max(64).nullable().optional(),
  dispositionAt: isoOrNull.optional(),
  /**
   * The times and IVR outcome the effectiveness report needs (wall clock). Optional: older outbox messages
   * lack them. `arrivedAt`: the call reached the hotline (inbound: the IVR answered; outbound: dialled).
   */
  arrivedAt: isoOrNull.optional(),
  /** When the caller first joined a skill group's queue; null when it never queued. */
  queuedAt: isoOrNull.optional(),
  /** When an agent's phone first rang for the caller (the first offer); null when none rang. */
  offeredAt: isoOrNull.optional(),
  /** How the inbound call left the IVR (`callIvrOutcomeSchema`); null for outbound calls or while in the IVR. */
  ivrOutcome: callIvrOutcomeSchema.nullable().optional(),
  /** Offers of the call an agent let ring out (`missed`) or refused (`rejected`), oldest first. */
  missedRings: z
    .array(z.object({ agentId: z.string().min(1).max(64), at: z.iso.datetime({ offset: true }), reason: z.enum(['missed', 'rejected']) }))
    .max(200)
    .optional(),
});
export type CallRecordUpsert = z.infer<typeof callRecordUpsertSchema>;

/** `GET /internal/users/by-phone/:phone` → 200. */
export const internalUserByPhoneSchema = z.object({
  userId: z.string(),
  name: z.string(),
  /** The customer's membership level (the queue priority of the routing rules); absent from older apis. */
  level: memberLevelSchema.optional(),
});
export type InternalUserByPhone = z.infer<typeof internalUserByPhoneSchema>;

/** `POST /internal/identity/verify`. */
export const identityVerifyRequestSchema = z.object({ callerPhone: z.string(), input: z.string() });
export type IdentityVerifyRequest = z.infer<typeof identityVerifyRequestSchema>;
/** `POST /internal/identity/verify` → 200 as the cti-server reads it (the api's answer has more fields). */
export const identityVerifyResponseSchema = z.object({
  status: z.enum(['verified', 'failed']),
  method: z.enum(['ivr-phone', 'ivr-id-suffix']),
  userId: z.string().nullable(),
});
export type IdentityVerifyResponse = z.infer<typeof identityVerifyResponseSchema>;

/**
 * `GET /internal/wrap-up-policy` → 200: per skill group, whether after-call work needs a wrap-up code and
 * the active codes (the api's `skill_group_wrap_up` and `dispositions`). The cti-server fetches it with
 * the roster and enforces it.
 */
export const internalWrapUpPolicySchema = z.object({
  groups: z.array(z.object({ skillGroup: z.string(), required: z.boolean(), codes: z.array(z.string()) })),
});
export type InternalWrapUpPolicy = z.infer<typeof internalWrapUpPolicySchema>;
