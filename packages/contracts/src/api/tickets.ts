import { z } from 'zod';
import { accessInfoSchema, apiAgentIdSchema, apiCallIdSchema, apiEntityIdSchema, apiIsoDateTimeSchema } from './common';

/** A ticket's workflow state; `closed` is final. */
export const ticketStatusSchema = z.enum(['open', 'in_progress', 'pending_customer', 'resolved', 'closed']);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

/** A ticket's priority, lowest to highest. */
export const ticketPrioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export type TicketPriority = z.infer<typeof ticketPrioritySchema>;

/** What a ticket is about (the business area it goes to). */
export const ticketCategorySchema = z.enum([
  'order',
  'logistics',
  'refund',
  'authentication',
  'consignment',
  'loan',
  'account',
  'complaint',
  'other',
]);
export type TicketCategory = z.infer<typeof ticketCategorySchema>;

/** Free-text limits, enforced on input (the UI renders text, never HTML, so content is stored as-is). */
export const TICKET_TITLE_MAX = 100;
/** Longest ticket description, in characters. */
export const TICKET_DESCRIPTION_MAX = 2000;
/** Longest ticket comment, in characters. */
export const TICKET_COMMENT_MAX = 2000;
/** Longest note on a status change, in characters. */
export const TICKET_STATUS_NOTE_MAX = 500;

/** A ticket in a list: ids of its customer, assignee, call and order (null when none); times ISO 8601 UTC. */
export const ticketSummarySchema = z.object({
  ticketId: z.string(),
  userId: z.string(),
  title: z.string(),
  category: ticketCategorySchema,
  status: ticketStatusSchema,
  priority: ticketPrioritySchema,
  assigneeAgentId: z.string().nullable(),
  callId: z.string().nullable(),
  orderId: z.string().nullable(),
  createdAt: apiIsoDateTimeSchema,
  updatedAt: apiIsoDateTimeSchema,
});
export type TicketSummary = z.infer<typeof ticketSummarySchema>;

/**
 * One event of a ticket's history (`at`: ISO 8601 UTC); the statuses are set on `status_changed` (and
 * `toStatus` on `created`), null otherwise.
 */
export const ticketHistoryEntrySchema = z.object({
  id: z.number().int(),
  at: apiIsoDateTimeSchema,
  actorAgentId: z.string().nullable(),
  action: z.enum(['created', 'status_changed', 'assigned', 'commented']),
  fromStatus: ticketStatusSchema.nullable(),
  toStatus: ticketStatusSchema.nullable(),
  note: z.string().nullable(),
});
export type TicketHistoryEntry = z.infer<typeof ticketHistoryEntrySchema>;

/** A comment on a ticket, by an agent (`at`: ISO 8601 UTC; `body` plain text). */
export const ticketCommentSchema = z.object({
  id: z.number().int(),
  at: apiIsoDateTimeSchema,
  authorAgentId: z.string(),
  body: z.string(),
});
export type TicketComment = z.infer<typeof ticketCommentSchema>;

/**
 * `GET /tickets/:ticketId` → 200 (and the answer of create, status change and comment): the ticket with its
 * description, call recording reference (null when none), history and comments.
 */
export const ticketDetailSchema = ticketSummarySchema.extend({
  description: z.string(),
  recordingRef: z.string().nullable(),
  createdByAgentId: z.string().nullable(),
  /** The customer as this request may see them (masked for unverified callers). */
  customer: z.object({ name: z.string(), phone: z.string().nullable() }),
  /** Oldest first. */
  history: z.array(ticketHistoryEntrySchema),
  /** Oldest first. */
  comments: z.array(ticketCommentSchema),
  access: accessInfoSchema,
});
export type TicketDetail = z.infer<typeof ticketDetailSchema>;

/** `GET /users/:userId/tickets` → 200: the customer's tickets, and how access was allowed. */
export const ticketListResponseSchema = z.object({
  tickets: z.array(ticketSummarySchema),
  access: accessInfoSchema,
});
export type TicketListResponse = z.infer<typeof ticketListResponseSchema>;

/** `GET /tickets/assigned`: tickets assigned to the requesting agent (second line works from these). */
export const assignedTicketListResponseSchema = z.object({ tickets: z.array(ticketSummarySchema) });
export type AssignedTicketListResponse = z.infer<typeof assignedTicketListResponseSchema>;

/** `POST /tickets`: opened from a call; the grant must be for this call and this user. */
export const createTicketRequestSchema = z.object({
  userId: apiEntityIdSchema,
  callId: apiCallIdSchema,
  title: z.string().trim().min(1, 'must not be empty').max(TICKET_TITLE_MAX, `must be at most ${TICKET_TITLE_MAX} characters`),
  description: z
    .string()
    .max(TICKET_DESCRIPTION_MAX, `must be at most ${TICKET_DESCRIPTION_MAX} characters`)
    .default(''),
  category: ticketCategorySchema,
  priority: ticketPrioritySchema.default('normal'),
  orderId: apiEntityIdSchema.nullable().default(null),
  /** Where the call's recording lives; defaults to `recording:<callId>`. */
  recordingRef: z.string().min(1).max(200, 'must be at most 200 characters').nullable().default(null),
  assigneeAgentId: apiAgentIdSchema.nullable().default(null),
});
export type CreateTicketRequest = z.input<typeof createTicketRequestSchema>;

/** `PATCH /tickets/:ticketId/status`. A closed ticket stays closed. */
export const updateTicketStatusRequestSchema = z.object({
  status: ticketStatusSchema,
  note: z.string().max(TICKET_STATUS_NOTE_MAX, `must be at most ${TICKET_STATUS_NOTE_MAX} characters`).nullable().default(null),
});
export type UpdateTicketStatusRequest = z.input<typeof updateTicketStatusRequestSchema>;

/** `POST /tickets/:ticketId/comments`. */
export const createTicketCommentRequestSchema = z.object({
  body: z.string().trim().min(1, 'must not be empty').max(TICKET_COMMENT_MAX, `must be at most ${TICKET_COMMENT_MAX} characters`),
});
export type CreateTicketCommentRequest = z.input<typeof createTicketCommentRequestSchema>;

/** `GET /users/:userId/tickets?status=…` */
export const ticketListQuerySchema = z.object({ status: ticketStatusSchema.optional() });
export type TicketListQuery = z.infer<typeof ticketListQuerySchema>;
