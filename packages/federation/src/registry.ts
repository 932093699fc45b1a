import { parseRegistry, type RemoteRegistry } from '@octopus/contracts';

/** Why the runtime registry could not be read (thrown by `fetchRegistry`; see there). */
export class RegistryError extends Error {
  override name = 'RegistryError';
}

/**
 * Fetches and validates the runtime registry. Never cached by the browser: changing it is how remotes
 * are rolled out and back.
 * @returns the valid entries in `remotes`; entries that failed validation (here or on the server) are
 *   skipped and listed in `invalid` (`{ remote, reason }`) — one bad entry never hides the others.
 * @throws RegistryError when the registry is unreachable, answers non-2xx, is not JSON, or is not
 *   `{ "remotes": { … } }` at all.
 */
export async function fetchRegistry(url: string, fetchImpl: typeof fetch = fetch, init: RequestInit = {}): Promise<RemoteRegistry> {
  let response: Response;
  try {
    response = await fetchImpl(url, { cache: 'no-store', ...init });
  } catch (error) {
    throw new RegistryError(`remote registry ${url} is unreachable: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) throw new RegistryError(`remote registry ${url} answered ${response.status}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new RegistryError(`remote registry ${url} is not JSON`);
  }
  let parsed: ReturnType<typeof parseRegistry>;
  try {
    parsed = parseRegistry(body);
  } catch (error) {
    throw new RegistryError(`remote registry ${url} is invalid: ${error instanceof Error ? error.message : String(error)}`);
  }
  // What the server already skipped, plus anything this side refuses.
  const serverInvalid = Array.isArray((body as { invalid?: unknown }).invalid)
    ? ((body as { invalid: Array<{ remote?: unknown; reason?: unknown }> }).invalid
        .filter((item) => typeof item?.remote === 'string' && typeof item?.reason === 'string') as Array<{ remote: string; reason: string }>)
    : [];
  const invalid = [...serverInvalid, ...parsed.invalid];
  for (const item of invalid) console.warn(`remote registry: "${item.remote}" skipped: ${item.reason}`);
  return { remotes: parsed.remotes, ...(invalid.length ? { invalid } : {}) };
}
