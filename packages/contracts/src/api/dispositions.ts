import { z } from 'zod';
import { apiEntityIdSchema } from './common';

/** A wrap-up code (disposition) as stored on a call record: its code and its label in both locales. */
export const dispositionRefSchema = z.object({
  /** Stable code, e.g. `order-status`. */
  code: z.string(),
  label: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }),
});
export type DispositionRef = z.infer<typeof dispositionRefSchema>;

/** `GET /dispositions?skillGroup=presale`. */
export const dispositionListQuerySchema = z.object({ skillGroup: apiEntityIdSchema });
export type DispositionListQuery = z.infer<typeof dispositionListQuerySchema>;

/**
 * The configured wrap-up codes of one skill group, in display order. `required`: the agent must choose
 * one before leaving after-call work. A group with no configuration answers an empty list, not required.
 */
export const dispositionListResponseSchema = z.object({
  skillGroup: z.string(),
  required: z.boolean(),
  dispositions: z.array(dispositionRefSchema),
});
export type DispositionListResponse = z.infer<typeof dispositionListResponseSchema>;

/** `PUT /call-records/:callId/disposition`: one of the record's skill group's codes, or null to clear it. */
export const setDispositionRequestSchema = z.object({
  code: z.string().min(1).max(64).regex(/^[a-z0-9-]+$/, 'is not a disposition code').nullable(),
});
export type SetDispositionRequest = z.infer<typeof setDispositionRequestSchema>;
