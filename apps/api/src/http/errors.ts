import { HttpError } from '@octopus/contracts';

// The one HTTP refusal of both services lives in @octopus/contracts beside `ErrorBody` (ADR 0011).
export { HttpError };

export const notFound = (what: string): HttpError => new HttpError(404, 'not_found', `${what} not found`);
