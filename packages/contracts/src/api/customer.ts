import { z } from 'zod';
import { accessInfoSchema, apiIsoDateTimeSchema, apiLimitParam, fenSchema } from './common';
import { consignmentStatusSchema } from './finance';
import { orderStatusSchema } from './orders';
import { ticketStatusSchema } from './tickets';
import { memberLevelSchema, userPhoneSchema } from './users';
import { dispositionRefSchema } from './dispositions';

/**
 * `GET /users/:userId/summary`: the customer panel in one request, under the same access policy as
 * `GET /users/:userId` (a live call grant or an assigned open ticket). When `access.masked`, name,
 * phones, ID number and address are masked exactly as on the profile, and `consignments` and `loans`
 * are null: finance data is withheld until the caller is verified (`financeWithheld` true).
 */
export const customerSummarySchema = z.object({
  userId: z.string(),
  /** Full name, or `maskName` (`张**`) when masked. */
  name: z.string(),
  gender: z.enum(['male', 'female']),
  level: memberLevelSchema,
  registeredAt: apiIsoDateTimeSchema,
  /** Registered phones, primary first (masked `138****8000` when masked). */
  phones: z.array(userPhoneSchema),
  /** ID number (18 characters), masked to its first 3 when masked. */
  idNumber: z.string(),
  /** Province, city, district and street; the street is `****` when masked. */
  address: z.string(),
  orders: z.object({
    /** All orders of the customer. */
    count: z.number().int().nonnegative(),
    latest: z
      .object({ orderId: z.string(), status: orderStatusSchema, createdAt: apiIsoDateTimeSchema, totalFen: fenSchema, headline: z.string() })
      .nullable(),
  }),
  openTickets: z.object({
    /** Tickets not resolved or closed. */
    count: z.number().int().nonnegative(),
    latest: z.object({ ticketId: z.string(), title: z.string(), status: ticketStatusSchema, updatedAt: apiIsoDateTimeSchema }).nullable(),
  }),
  /** Null when finance is withheld (masked access). */
  consignments: z
    .object({
      count: z.number().int().nonnegative(),
      latest: z
        .object({ consignmentId: z.string(), productName: z.string(), status: consignmentStatusSchema, createdAt: apiIsoDateTimeSchema })
        .nullable(),
    })
    .nullable(),
  /** Null when finance is withheld (masked access). `latest` is the most recently disbursed loan. */
  loans: z
    .object({
      count: z.number().int().nonnegative(),
      latest: z
        .object({ loanId: z.string(), product: z.string(), principalFen: fenSchema, disbursedAt: apiIsoDateTimeSchema })
        .nullable(),
    })
    .nullable(),
  financeWithheld: z.boolean(),
  access: accessInfoSchema,
});
export type CustomerSummary = z.infer<typeof customerSummarySchema>;

/** `GET /users/:userId/history?limit=20&before=…`: past calls and tickets, newest first. */
export const customerHistoryQuerySchema = z.object({
  limit: apiLimitParam(100, 20),
  /** Page backwards: only entries strictly older than this instant. */
  before: z.iso.datetime({ offset: true }).optional(),
});
export type CustomerHistoryQuery = z.infer<typeof customerHistoryQuerySchema>;

/** One past contact of the customer: a call or a ticket (`at`: ISO 8601 UTC; fields of the other kind are null). */
export const customerHistoryEntrySchema = z.object({
  /** `call:<callId>` or `ticket:<ticketId>`. */
  id: z.string(),
  kind: z.enum(['call', 'ticket']),
  at: apiIsoDateTimeSchema,
  agentId: z.string().nullable(),
  /** Calls only. */
  direction: z.enum(['inbound', 'outbound']).nullable(),
  /** Calls: the skill group; tickets: null. */
  skillGroup: z.string().nullable(),
  /** Calls: the wrap-up code chosen after the call. */
  disposition: dispositionRefSchema.nullable(),
  /** Tickets only. */
  status: ticketStatusSchema.nullable(),
  /** Tickets: the title. Null at `search` level (free text the agent has no grant for). */
  title: z.string().nullable(),
  /** Calls: the agent's note; tickets: the description. Null at `search` level. */
  text: z.string().nullable(),
});
export type CustomerHistoryEntry = z.infer<typeof customerHistoryEntrySchema>;

/**
 * How the history was allowed: `grant`/`ticket` as everywhere (texts masked only by the level), or
 * `search` — an agent without a grant who found the customer by search sees when and how the customer
 * contacted us (dates, channels, groups, codes, ticket status), never free text (titles, notes).
 */
export const customerHistoryAccessSchema = z.object({
  via: z.enum(['grant', 'ticket', 'search']),
  masked: z.boolean(),
});

/** `GET /users/:userId/history` → 200: entries newest first (at most `limit`), and how access was allowed. */
export const customerHistoryResponseSchema = z.object({
  userId: z.string(),
  entries: z.array(customerHistoryEntrySchema),
  access: customerHistoryAccessSchema,
});
export type CustomerHistoryResponse = z.infer<typeof customerHistoryResponseSchema>;
