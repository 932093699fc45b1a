import { z } from 'zod';
import { apiCallIdSchema, apiEntityIdSchema } from './common';

/**
 * Keypad or spoken input: an 11-digit number is a registered phone; 4–6 characters are an ID-number
 * suffix. `*` stands for X (IVR keypads have no X) and a trailing `#` terminator is ignored.
 */
export const identityInputSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(32, 'must be at most 32 characters')
  .regex(/^[0-9Xx*]+#?$/, 'may contain only digits, X, * and a trailing #');

/** `POST /internal/identity/verify` (service token): the IVR's check. */
export const internalIdentityVerifyRequestSchema = z.object({
  callerPhone: z.string().min(3, 'must be a phone number').max(20, 'must be at most 20 characters').regex(/^\+?[0-9]+$/, 'must be digits'),
  input: identityInputSchema,
  /** Optional: check against this user instead of the owner of callerPhone. */
  userId: apiEntityIdSchema.optional(),
});
export type InternalIdentityVerifyRequest = z.infer<typeof internalIdentityVerifyRequestSchema>;

/** `POST /internal/identity/verify` → 200: the IVR check's outcome (`status`, by which input `method`). */
export const internalIdentityVerifyResponseSchema = z.object({
  status: z.enum(['verified', 'failed']),
  method: z.enum(['ivr-phone', 'ivr-id-suffix']),
  /** The verified user; null when verification failed. */
  userId: z.string().nullable(),
  /**
   * What the check proved. `verified`: the caller proved the account (ID suffix of the calling
   * number's account, or the registered phone keyed from that same phone). `identified`: the keyed
   * phone names an account but the call comes from another number: ask for the ID suffix next.
   */
  level: z.enum(['verified', 'identified', 'none']).default('none'),
});
export type InternalIdentityVerifyResponse = z.infer<typeof internalIdentityVerifyResponseSchema>;

/** `POST /identity/verify` (agent token): the agent keys in what the caller says, checked against userId. */
export const agentIdentityVerifyRequestSchema = z.object({
  userId: apiEntityIdSchema,
  input: identityInputSchema,
  callId: apiCallIdSchema.nullable().default(null),
});
export type AgentIdentityVerifyRequest = z.input<typeof agentIdentityVerifyRequestSchema>;

/**
 * `POST /identity/verify` → 200: the agent's check of the caller, by the keyed registered phone or ID suffix
 * (`check`). Five failures of one agent for one user within 10 minutes lock further checks out until the oldest
 * failure leaves the window: 429 `too_many_attempts` with `Retry-After` (seconds).
 */
export const agentIdentityVerifyResponseSchema = z.object({
  status: z.enum(['verified', 'failed']),
  method: z.literal('agent-confirm'),
  check: z.enum(['phone', 'id-suffix']),
  userId: z.string(),
  /** Failed attempts left for this agent and user before a 10-minute lockout. */
  attemptsLeft: z.number().int(),
  /**
   * When verified for a call: a short-lived signed proof (call, agent, user) that the cti-server
   * requires to raise the call to *verified* (`bindCustomer.proof`); null otherwise.
   */
  proof: z.string().nullable().default(null),
});
export type AgentIdentityVerifyResponse = z.infer<typeof agentIdentityVerifyResponseSchema>;

/** `GET /internal/users/by-phone/:phone` (service token). */
export const internalUserByPhoneResponseSchema = z.object({ userId: z.string(), name: z.string() });
export type InternalUserByPhoneResponse = z.infer<typeof internalUserByPhoneResponseSchema>;

/** `PUT /internal/call-records/:callId` answer. */
export const callRecordUpsertResponseSchema = z.object({ callId: z.string(), created: z.boolean() });
export type CallRecordUpsertResponse = z.infer<typeof callRecordUpsertResponseSchema>;

/** `GET /health` (no auth). */
export const apiHealthResponseSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  users: z.number().int(),
});
export type ApiHealthResponse = z.infer<typeof apiHealthResponseSchema>;
