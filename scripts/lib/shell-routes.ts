// The shell server's dynamic routes: the runtime remote registry and the runtime service config.
// Both are read on every request, so an operator can switch or roll back a remote without a rebuild or restart.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseRegistry, type RemoteRegistry } from '@octopus/contracts';
import type { RouteHandler } from './static-server';
import { repoRoot } from './workspace';

export interface ShellRoutesOptions {
  /** A file path or an http(s) URL of the registry to serve, looked up on every request (an operator may write one later). */
  registrySource?: string | (() => string | undefined);
  /** Used when registrySource is not given. */
  fallbackRegistry: () => RemoteRegistry;
  runtimeConfig: () => Record<string, unknown>;
  /** How long a registry URL may take before the read fails (ms, default 5000). */
  registryTimeoutMs?: number;
}

/** The registry as served: valid entries, plus the skipped ones and why. */
export type ServedRegistry = RemoteRegistry & { invalid: Array<{ remote: string; reason: string }> };

async function readSource(source: string, timeoutMs: number): Promise<unknown> {
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source, { cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`${source} answered ${response.status}`);
    return response.json();
  }
  return JSON.parse(await readFile(path.resolve(repoRoot, source), 'utf8'));
}

/**
 * Reads the registry the shell serves, entry by entry: an invalid entry is skipped and reported in
 * `invalid`, never fatal for the others.
 * @throws when the source cannot be read, is not JSON, or is not `{ "remotes": { … } }`.
 */
export async function readServedRegistry(options: ShellRoutesOptions): Promise<{ source: string | undefined; registry: ServedRegistry }> {
  const source = typeof options.registrySource === 'function' ? options.registrySource() : options.registrySource;
  const body = source ? await readSource(source, options.registryTimeoutMs ?? 5000) : options.fallbackRegistry();
  return { source, registry: parseRegistry(body) };
}

/** The http(s) origins of every entry and embed URL a registry lists (what the CSP must allow). */
export function registryOrigins(registry: Pick<RemoteRegistry, 'remotes'>): string[] {
  const origins = new Set<string>();
  for (const entry of Object.values(registry.remotes)) {
    for (const url of [entry.entry, entry.embed]) {
      if (!url) continue;
      try {
        const parsed = new URL(url);
        if (parsed.protocol === 'http:' || parsed.protocol === 'https:') origins.add(parsed.origin);
      } catch {
        // validated already
      }
    }
  }
  return [...origins];
}

/**
 * The remote origins of the registry for the pages' CSP, without ever holding a page up for long:
 * the last origins read, refreshed when older than `maxAgeMs` (default 5 s); a refresh waits at most
 * `waitMs` (default 1000 ms), after which the last known origins (or none) are used.
 */
export function registryOriginsCache(options: ShellRoutesOptions, { maxAgeMs = 5000, waitMs = 1000 } = {}): () => Promise<string[]> {
  let known: string[] = [];
  let readAt = 0;
  let pending: Promise<void> | null = null;
  const refresh = () =>
    (pending ??= readServedRegistry(options)
      .then(({ registry }) => {
        known = registryOrigins(registry);
      })
      .catch(() => undefined)
      .finally(() => {
        readAt = Date.now();
        pending = null;
      }));
  return async () => {
    if (Date.now() - readAt > maxAgeMs) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([refresh(), new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      clearTimeout(timer);
    }
    return known;
  };
}

function sendJson(res: Parameters<RouteHandler>[1], status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body, null, 2));
}

/**
 * `GET /registry.json`: 200 with the valid entries (and `invalid: [{ remote, reason }]` for skipped
 * ones); 502 when the source cannot be read or is not a registry document. `GET /octopus-config.json`:
 * the runtime service config.
 */
export function shellRoutes(options: ShellRoutesOptions): RouteHandler[] {
  return [
    async (req, res) => {
      const pathname = new URL(req.url ?? '/', 'http://x').pathname;
      if (pathname === '/registry.json') {
        let source: string | undefined;
        try {
          const read = await readServedRegistry(options);
          source = read.source;
          const { remotes, invalid } = read.registry;
          if (invalid.length) console.warn(`registry ${source ?? '(generated)'}: skipped ${invalid.map((item) => `${item.remote} (${item.reason})`).join(', ')}`);
          sendJson(res, 200, invalid.length ? { remotes, invalid } : { remotes });
        } catch (error) {
          sendJson(res, 502, { error: `registry ${source ?? ''} could not be read: ${String(error)}` });
        }
        return true;
      }
      if (pathname === '/octopus-config.json') {
        sendJson(res, 200, options.runtimeConfig());
        return true;
      }
      return false;
    },
  ];
}
