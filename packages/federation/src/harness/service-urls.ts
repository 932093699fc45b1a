/** Where the standalone harness finds the deployment's cti-server and api. */
export interface HarnessServiceUrls {
  /** The cti-server's http origin (login, calls, WebSocket), e.g. `http://localhost:4000`. */
  ctiUrl: string;
  /** The customer data api's base URL, e.g. `http://localhost:4100`. */
  apiUrl: string;
  /** Where the URLs came from: the page's query, the runtime config beside the page, or the defaults. */
  source: 'query' | 'runtime-config' | 'defaults';
}

/** The default ports of `pnpm start` (README "Ports"), used only when the page's server says nothing. */
export const HARNESS_DEFAULT_SERVICES = { ctiUrl: 'http://localhost:4000', apiUrl: 'http://localhost:4100' } as const;

/** Served beside the harness page by its dev or static server, as the shell serves its own (`{ ctiUrl, apiUrl }`). */
export const HARNESS_CONFIG_FILE = 'octopus-config.json';

function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? value.replace(/\/$/, '') : null;
  } catch {
    return null;
  }
}

/**
 * The deployment's service URLs for the harness page at `pageUrl`, first found of: `?cti=<url>&api=<url>`
 * in the page's query (both needed); `octopus-config.json` beside the page (`{ ctiUrl, apiUrl }`, what
 * the remote's dev server and `pnpm start` serve from the deployment configuration: `CTI_PORT`,
 * `API_PORT`, `OCTOPUS_PUBLIC_HOST`, `OCTOPUS_CTI_PUBLIC_URL`, `OCTOPUS_API_PUBLIC_URL`); else
 * {@link HARNESS_DEFAULT_SERVICES}. Waits at most `timeoutMs` (default 3000) for the config; never throws.
 */
export async function resolveHarnessServices(pageUrl: string, fetchImpl: typeof fetch = fetch, timeoutMs = 3000): Promise<HarnessServiceUrls> {
  const query = new URL(pageUrl).searchParams;
  const fromQuery = { ctiUrl: httpUrl(query.get('cti')), apiUrl: httpUrl(query.get('api')) };
  if (fromQuery.ctiUrl && fromQuery.apiUrl) return { ctiUrl: fromQuery.ctiUrl, apiUrl: fromQuery.apiUrl, source: 'query' };
  try {
    const response = await fetchImpl(new URL(HARNESS_CONFIG_FILE, pageUrl).toString(), { cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
    if (response.ok) {
      const body = (await response.json()) as { ctiUrl?: unknown; apiUrl?: unknown };
      const ctiUrl = httpUrl(body?.ctiUrl);
      const apiUrl = httpUrl(body?.apiUrl);
      if (ctiUrl && apiUrl) return { ctiUrl, apiUrl, source: 'runtime-config' };
    }
  } catch {
    // No config beside the page (a plain file server): the defaults.
  }
  return { ...HARNESS_DEFAULT_SERVICES, source: 'defaults' };
}
