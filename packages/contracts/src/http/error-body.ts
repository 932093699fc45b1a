import { z } from 'zod';

/**
 * The one error body of both services (apps/api and apps/cti-server), on every 4xx and 5xx answer:
 * - `error`: a stable machine code in snake_case (`bad_request`, `invalid_text`, `unauthorized`,
 *   `session_ended`, `forbidden`, `no_access`, `grant_ended`, `not_found`, `conflict`,
 *   `too_many_attempts`, `payload_too_large`, `internal` …); clients branch on it, never on `message`.
 * - `message`: English text for logs and developers, never shown to agents as is (no ids, no customer data).
 * - `field`: for 400s, the offending input as `<part>.<path>` (`body.note`, `query.limit`, `params`).
 * ADR 0011: the cti-server answers in the same shape (its HttpError maps onto this schema).
 */
export const errorBodySchema = z.object({
  error: z.string(),
  message: z.string(),
  field: z.string().optional(),
});
/** See `errorBodySchema`. */
export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * Builds an `ErrorBody`; `field` is left out when undefined (never `field: undefined` on the wire).
 * @example errorBody('bad_request', 'body.note: too long', 'body.note')
 */
export function errorBody(error: string, message: string, field?: string): ErrorBody {
  return field === undefined ? { error, message } : { error, message, field };
}
