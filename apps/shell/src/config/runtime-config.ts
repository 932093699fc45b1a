/** Where the services live, read at runtime from the shell's server (never baked into the build). */
export interface RuntimeConfig {
  ctiUrl: string;
  apiUrl: string;
}

const FALLBACK: RuntimeConfig = { ctiUrl: 'http://localhost:4000', apiUrl: 'http://localhost:4100' };

export async function loadRuntimeConfig(fetchImpl: typeof fetch = fetch): Promise<RuntimeConfig> {
  try {
    const response = await fetchImpl('/octopus-config.json', { cache: 'no-store' });
    if (!response.ok) return FALLBACK;
    const body = (await response.json()) as Partial<RuntimeConfig>;
    return {
      ctiUrl: typeof body.ctiUrl === 'string' ? body.ctiUrl : FALLBACK.ctiUrl,
      apiUrl: typeof body.apiUrl === 'string' ? body.apiUrl : FALLBACK.apiUrl,
    };
  } catch {
    return FALLBACK;
  }
}
