import { z } from 'zod';
import { endReasonSchema, skillGroupNameSchema } from './common';

// Login schemas live in ../auth (the api owns accounts; the cti-server is the agent's login point).

const digits = (max: number) => z.string().regex(new RegExp(`^[0-9*#]{1,${max}}$`));

/** Caller simulator: `POST /sim/calls` (demo and test modes only). */
export const simCallRequestSchema = z.object({
  from: z.string().regex(/^\+?[0-9]{3,20}$/),
  /** IVR menu keys the caller presses (1 presale, 2 aftersale, 3 finance unless `skillGroup` is given). */
  keys: digits(16).optional(),
  skillGroup: skillGroupNameSchema.optional(),
  /** Digits keyed in for identity verification: the registered phone (11 digits) or an ID suffix. */
  verify: z.string().regex(/^[0-9Xx]{1,18}$/).optional(),
  /**
   * Keyed at the IVR's second prompt: when `verify` was a registered phone that is not the calling
   * number, that only identifies the account and the IVR asks for the ID-number suffix (4–6 chars).
   */
  idSuffix: z.string().regex(/^[0-9Xx]{4,6}$/).optional(),
  /** The hotline number dialled (its IVR tree); absent: the first configured hotline. */
  to: z.string().regex(/^[0-9]{3,20}$/).optional(),
  /**
   * The caller answers the IVR's prompts one at a time (`GET /sim/calls/:callId/ivr`, `POST …/keys`) instead of
   * keying everything up front (`keys`, `verify`, `idSuffix` are then ignored).
   */
  interactive: z.boolean().optional(),
  /** The rating (1–5) the simulated caller presses when surveyed or invited; random when absent. */
  rating: z.number().int().min(1).max(5).optional(),
});
export type SimCallRequest = z.infer<typeof simCallRequestSchema>;

/** `POST /sim/calls` → 200: the simulated call's id (poll it at `GET /sim/calls/:callId`). */
export const simCallResponseSchema = z.object({ callId: z.string() });
export type SimCallResponse = z.infer<typeof simCallResponseSchema>;

/**
 * `GET /sim/calls/:callId` → 200: where the simulated call is. `queuePosition` from 1 while `queued`, else
 * null; `agentId` the agent handling it (or who last did); `rating` 1–5 once the caller rated, else null.
 */
export const simCallStatusSchema = z.object({
  callId: z.string(),
  phase: z.enum(['ivr', 'queued', 'ringing', 'connected', 'survey', 'ended']),
  queuePosition: z.number().int().positive().nullable(),
  skillGroup: z.string().nullable(),
  agentId: z.string().nullable(),
  /** Why the call ended; null until `phase` is `ended`. */
  endReason: endReasonSchema.nullable(),
  rating: z.number().nullable(),
});
export type SimCallStatus = z.infer<typeof simCallStatusSchema>;
