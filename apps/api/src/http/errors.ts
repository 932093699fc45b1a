import type { z } from 'zod';

/** An error with an HTTP status and a stable code; the error handler turns it into `{error, message, field?}`. */
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
}

export const notFound = (what: string): HttpError => new HttpError(404, 'not_found', `${what} not found`);

/** Validates request input; the 400 names the first offending field (e.g. `body.note`). */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue ? issue.path.map(String).join('.') : '';
  const field = path ? `${where}.${path}` : where;
  throw new HttpError(400, 'bad_request', `${field}: ${issue?.message ?? 'invalid input'}`, field);
}
