import type { ApiErrorBody } from '@octopus/contracts';

/**
 * What went wrong, as a code the UI can translate. `withheld` is not a failure of the app: the api
 * keeps finance data back until the caller is verified, and the UI should say so.
 */
export type ApiErrorKind =
  | 'no_token'
  | 'unauthorized'
  | 'withheld'
  | 'no_access'
  | 'not_found'
  | 'conflict'
  | 'bad_request'
  | 'rate_limited'
  | 'server'
  | 'network'
  | 'invalid_response';

/** What an `ApiError` is made of; `status`, `code` and `field` default to null. */
export interface ApiErrorInit {
  kind: ApiErrorKind;
  message: string;
  status?: number | null;
  code?: string | null;
  field?: string | null;
  cause?: unknown;
}

/**
 * The one error every `ApiClient` method rejects with: a `kind` to branch on and translate, and the api's
 * status, code, field and (English, for support) message. `cause` keeps the underlying error of a `network` failure.
 */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  /** HTTP status, or null when no response arrived (network, no token, client-side validation). */
  readonly status: number | null;
  /** The api's machine code (`verification_required`, `no_access`, `bad_request` …) when it sent one. */
  readonly code: string | null;
  /** The offending field of a 400 (`body.title`). */
  readonly field: string | null;

  constructor(init: ApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ApiError';
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.code = init.code ?? null;
    this.field = init.field ?? null;
  }
}

/** True when `error` is an {@link ApiError} (narrows it). */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** True when the api withheld data until the caller is verified (403 `verification_required`). */
export function isWithheld(error: unknown): boolean {
  return isApiError(error) && error.kind === 'withheld';
}

/** Maps an HTTP error response to a typed error; the body's message is kept for support, not shown raw. */
export function errorFromResponse(status: number, body: Partial<ApiErrorBody> | null): ApiError {
  const code = typeof body?.error === 'string' ? body.error : null;
  const message = typeof body?.message === 'string' ? body.message : `HTTP ${status}`;
  const field = typeof body?.field === 'string' ? body.field : null;
  const kind: ApiErrorKind = (() => {
    if (status === 401) return 'unauthorized';
    if (status === 403) return code === 'verification_required' ? 'withheld' : 'no_access';
    if (status === 404) return 'not_found';
    if (status === 409) return 'conflict';
    if (status === 400 || status === 413) return 'bad_request';
    if (status === 429) return 'rate_limited';
    return 'server';
  })();
  return new ApiError({ kind, message, status, code, field });
}

/**
 * react-query `retry` for the api: once, and only for transient failures. Refusals (401/403/404/409/400)
 * will not change on a retry, and a retried finance refusal would only add a row to the audit log.
 */
export function retryTransient(failureCount: number, error: unknown): boolean {
  if (failureCount >= 1) return false;
  return !isApiError(error) || error.kind === 'network' || error.kind === 'server';
}
