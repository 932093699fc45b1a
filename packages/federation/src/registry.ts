import { remoteRegistrySchema, type RemoteRegistry } from '@octopus/contracts';

export class RegistryError extends Error {
  override name = 'RegistryError';
}

/** Fetches and validates the runtime registry. Never cached by the browser: changing it is how remotes are rolled out and back. */
export async function fetchRegistry(url: string, fetchImpl: typeof fetch = fetch): Promise<RemoteRegistry> {
  let response: Response;
  try {
    response = await fetchImpl(url, { cache: 'no-store' });
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
  const parsed = remoteRegistrySchema.safeParse(body);
  if (!parsed.success) {
    throw new RegistryError(`remote registry ${url} is invalid: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return parsed.data;
}
