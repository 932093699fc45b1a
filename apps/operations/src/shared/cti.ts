// The cti-server seen from an operations screen: where it is (the page's runtime config) and a typed request.
import { useQuery, type UseQueryResult } from '@tanstack/react-query';

/** The shell's (or the standalone harness's) runtime config beside the page: `{ ctiUrl, apiUrl }`. */
export const RUNTIME_CONFIG_PATH = '/octopus-config.json';

/** A cti-server answer other than 2xx: its HTTP status and `ErrorBody.error` code (`forbidden`, `agent_unavailable`, …). */
export class CtiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : null;
}

/**
 * The cti-server's origin (e.g. `http://localhost:4000`), read from the runtime config of the page the remote
 * runs in (`RemoteProps` carries the api's URL only). @throws Error when the config is missing or has no `ctiUrl`.
 */
export async function fetchCtiUrl(): Promise<string> {
  const response = await fetch(new URL(RUNTIME_CONFIG_PATH, window.location.href).toString(), { cache: 'no-store' });
  const body = (await bodyOf(response)) as { ctiUrl?: unknown } | null;
  if (!response.ok || typeof body?.ctiUrl !== 'string') throw new Error(`${RUNTIME_CONFIG_PATH} names no ctiUrl`);
  return body.ctiUrl.replace(/\/$/, '');
}

/** The cti-server's origin, fetched once per page. */
export function useCtiUrl(): UseQueryResult<string> {
  return useQuery({ queryKey: ['octopus', 'operations', 'cti-url'], queryFn: fetchCtiUrl, staleTime: Infinity });
}

/**
 * One cti-server request with the agent token; the answer is checked with `schema`.
 * @throws CtiRequestError for a non-2xx answer (status and error code), ZodError for an answer of another shape.
 */
export async function ctiRequest<T>(ctiUrl: string, token: string | null, path: string, schema: { parse(value: unknown): T }, init: { method?: 'GET' | 'POST' | 'PUT'; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) };
  const response = await fetch(`${ctiUrl}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), signal: init.signal });
  const body = await bodyOf(response);
  if (!response.ok) {
    const error = body as { error?: string; message?: string } | null;
    throw new CtiRequestError(response.status, error?.error ?? 'http_error', error?.message ?? `HTTP ${response.status}`);
  }
  return schema.parse(body);
}
