import { z } from 'zod';
import { accessInfoSchema, apiIsoDateTimeSchema, apiLimitParam, apiMobileSchema } from './common';
import { dispositionRefSchema } from './dispositions';

/** How the customer contacted us: a phone call, an IM session or a ticket. */
export const serviceChannelSchema = z.enum(['call', 'im', 'ticket']);
export type ServiceChannel = z.infer<typeof serviceChannelSchema>;

/** `GET /users/:userId/service-track` and `GET /service-track?number=…`: newest first. */
export const serviceTrackQuerySchema = z.object({
  channel: serviceChannelSchema.optional(),
  limit: apiLimitParam(200, 50),
  /** Page backwards: only events strictly older than this instant. */
  before: z.iso.datetime({ offset: true }).optional(),
});
export type ServiceTrackQuery = z.infer<typeof serviceTrackQuerySchema>;

/** `GET /service-track?number=…`: the service-track query for an 11-digit mobile number instead of a user id. */
export const numberServiceTrackQuerySchema = serviceTrackQuerySchema.extend({ number: apiMobileSchema });
export type NumberServiceTrackQuery = z.infer<typeof numberServiceTrackQuerySchema>;

/**
 * One contact on the customer's timeline (`at`: ISO 8601 UTC). `title`/`summary` are display text (zh-CN): for calls
 * direction and skill group, and the agent's note (else the end reason); for tickets title [status] and
 * description; for IM the topic and summary. `refId`: the call, session or ticket id.
 */
export const serviceEventSchema = z.object({
  /** `call:<callId>`, `im:<sessionId>` or `ticket:<ticketId>`. */
  id: z.string(),
  channel: serviceChannelSchema,
  at: apiIsoDateTimeSchema,
  userId: z.string().nullable(),
  /** The customer's number on that contact (masked when the access is masked). */
  number: z.string().nullable(),
  agentId: z.string().nullable(),
  direction: z.enum(['inbound', 'outbound']).nullable(),
  title: z.string(),
  summary: z.string(),
  refId: z.string(),
  /** Calls: the wrap-up code the agent chose; null otherwise. Older apis omit it (null). */
  disposition: dispositionRefSchema.nullable().default(null),
});
export type ServiceEvent = z.infer<typeof serviceEventSchema>;

/** `GET /users/:userId/service-track` and `GET /service-track` → 200: events newest first, at most `limit`. */
export const serviceTrackResponseSchema = z.object({
  events: z.array(serviceEventSchema),
  access: accessInfoSchema,
});
export type ServiceTrackResponse = z.infer<typeof serviceTrackResponseSchema>;
