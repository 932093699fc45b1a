import { z } from 'zod';

/**
 * The one error body of both services (apps/api and apps/cti-server), on every 4xx and 5xx answer:
 * - `error`: a stable machine code in snake_case (`bad_request`, `invalid_text`, `unauthorized`,
 *   `session_ended`, `forbidden`, `no_access`, `grant_ended`, `not_found`, `conflict`,
 *   `too_many_attempts`, `payload_too_large`, `internal` …); clients branch on it, never on `message`.
 * - `message`: English text for logs and developers, never shown to agents as is (no ids, no customer data).
 * - `field`: for 400s, the offending input as `<part>.<path>` (`body.note`, `query.limit`, `params`).
 * ADR 0011: both services build it with `errorBody()`, from an `HttpError` thrown by a route or hook.
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

/**
 * An HTTP refusal a route or hook throws; both services' error handlers answer it as
 * `errorBody(code, message, field)` with status `statusCode` (Fastify also reads `statusCode`).
 * @param statusCode 4xx/5xx
 * @param code the `ErrorBody.error` code (snake_case)
 * @param message `ErrorBody.message` (no ids, no customer data)
 * @param field `ErrorBody.field`, for 400s
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  /** The answer's body. */
  body(): ErrorBody {
    return errorBody(this.code, this.message, this.field || undefined);
  }
}
