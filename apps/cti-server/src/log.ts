/**
 * What a log line may say about an error: its class, its code, and where it was thrown. Never its
 * message, which may quote request data or api answers (names, phone numbers, customer ids); messages
 * are kept only for `SafeMessageError`s, whose text this service wrote itself without such data.
 */
export function errorSummary(error: unknown): string {
  if (error instanceof SafeMessageError) return error.message;
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  const where = (error.stack ?? '')
    .split('\n')
    .filter((line) => line.trim().startsWith('at '))
    .slice(0, 3)
    .map((line) => line.trim())
    .join(' ← ');
  return `${error.name}${typeof code === 'string' || typeof code === 'number' ? ` (${code})` : ''}${where ? ` ${where}` : ''}`;
}

/** An error whose message names only routes, statuses and ids of this service: safe to log. */
export class SafeMessageError extends Error {}
