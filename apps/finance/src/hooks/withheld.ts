import { isWithheld } from '@octopus/api-client';

/**
 * The api's refusal of finance data for a caller not yet verified (HTTP 403 `withheld`), kept as the
 * query's answer rather than its error: an error is fetched again whenever a tab mounts (TanStack Query's
 * `retryOnMount`), so the ring's prefetch could never spare the tab its skeleton and request. The key
 * holds the grant, so the caller's verification (a new grant) asks again.
 */
export interface WithheldAnswer {
  readonly withheld: true;
}

export const WITHHELD: WithheldAnswer = Object.freeze({ withheld: true as const });

export function isWithheldAnswer(value: unknown): value is WithheldAnswer {
  return typeof value === 'object' && value !== null && (value as { withheld?: unknown }).withheld === true;
}

/** `load`'s answer, or `WITHHELD` where the api withholds it; other errors are thrown as they are. */
export async function orWithheld<T>(load: () => Promise<T>): Promise<T | WithheldAnswer> {
  try {
    return await load();
  } catch (error) {
    if (isWithheld(error)) return WITHHELD;
    throw error;
  }
}
