import { z } from 'zod';
import { errorBodySchema, type ErrorBody } from '../http/error-body';

/** The api's error body: the services' one `errorBodySchema` (contracts/http), under its older name. */
export const apiErrorBodySchema = errorBodySchema;
/** The api's error body: `ErrorBody` under its older name. */
export type ApiErrorBody = ErrorBody;

/** Headers the api reads besides `Authorization: Bearer <agent token>`. */
export const API_GRANT_HEADER = 'x-octopus-grant';
/** Names the ticket (its id) whose assignment grants access to a customer when the agent has several open ones. */
export const API_TICKET_HEADER = 'x-octopus-ticket';

/** A mainland mobile number: 11 digits starting with 1[3-9]. */
export const apiMobileSchema = z.string().regex(/^1[3-9]\d{9}$/, 'must be an 11-digit mobile number');

/** Opaque ids of our own entities (users "U0000001", orders "SO1000000001", tickets "TK00000001" …). */
export const apiEntityIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'may contain only letters, digits and _ . : -');

/** Agent ids are short strings such as "1001". */
export const apiAgentIdSchema = z.string().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/, 'is not an agent id');

/** Call ids come from the cti-server; treat them as opaque but bounded. */
export const apiCallIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'may contain only letters, digits and _ . : -');

/** Money is integer fen (1 yuan = 100 fen) so no float ever rounds a payout. */
export const fenSchema = z.number().int();

/** Timestamps are ISO 8601 strings in UTC; calendar dates (instalment due dates) are YYYY-MM-DD in China time. */
export const apiIsoDateTimeSchema = z.iso.datetime({ offset: true });
/** A calendar date `YYYY-MM-DD` (China time), e.g. an instalment's due date. */
export const apiIsoDateSchema = z.iso.date();

/** How the request was allowed to see this customer, and whether the payload is masked. */
export const accessInfoSchema = z.object({
  // 'call-record': an unidentified number the agent is handling (service track by number only).
  via: z.enum(['grant', 'ticket', 'call-record']),
  level: z.enum(['verified', 'unverified']),
  masked: z.boolean(),
  callId: z.string().nullable(),
  ticketId: z.string().nullable(),
});
export type AccessInfo = z.infer<typeof accessInfoSchema>;

/** Query-string numbers arrive as strings; coerce and bound them. */
export const apiLimitParam = (max: number, fallback: number) =>
  z.coerce.number().int('must be an integer').min(1, 'must be at least 1').max(max, `must be at most ${max}`).default(fallback);
/** Query-string `offset` of a page: rows to skip, an integer 0–100,000; default 0. */
export const apiOffsetParam = z.coerce.number().int('must be an integer').min(0, 'must not be negative').max(100_000).default(0);
