/** Where the embed page's server publishes the allow-list, next to the page (scripts/lib/static-server.ts). */
export const EMBED_ORIGINS_FILE = 'embed-origins.json';

/**
 * The host origins allowed to send this page the customer context: the list the page's own server
 * serves at runtime (the same list it sends as frame-ancestors), else `buildTime` (the list baked in
 * from OCTOPUS_EMBED_ALLOWED_ORIGINS, e.g. under the dev server). Never taken from the page's URL.
 */
export async function loadAllowedOrigins(pageUrl: string, buildTime: readonly string[], fetchImpl: typeof fetch = fetch): Promise<readonly string[]> {
  try {
    const response = await fetchImpl(new URL(EMBED_ORIGINS_FILE, pageUrl).toString(), { cache: 'no-store', credentials: 'omit' });
    if (!response.ok) return buildTime;
    const body = (await response.json()) as { allowedOrigins?: unknown };
    const list = body?.allowedOrigins;
    return Array.isArray(list) && list.every((origin) => typeof origin === 'string') ? (list as string[]) : buildTime;
  } catch {
    return buildTime;
  }
}
