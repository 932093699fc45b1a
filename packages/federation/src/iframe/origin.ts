/**
 * Origins are compared exactly (scheme, host and port), after normalising through URL so that
 * `http://localhost:3000/` and `http://localhost:3000` agree. `*` and `null` are never allowed:
 * the context carries the agent's token and the call's grant.
 */
export function normalizeOrigin(origin: string): string | null {
  if (!origin || origin === '*' || origin === 'null') return null;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** A predicate that is true for exactly the `allowed` origins (normalised; unusable entries dropped). */
export function createOriginCheck(allowed: readonly string[]): (origin: string) => boolean {
  const set = new Set(allowed.map(normalizeOrigin).filter((origin): origin is string => origin !== null));
  return (origin) => {
    const normalized = normalizeOrigin(origin);
    return normalized !== null && set.has(normalized);
  };
}
