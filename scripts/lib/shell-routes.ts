// The shell server's dynamic routes: the runtime remote registry and the runtime service config.
// Both are read on every request, so an operator can switch or roll back a remote without a rebuild or restart.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { remoteRegistrySchema, type RemoteRegistry } from '@octopus/contracts';
import type { RouteHandler } from './static-server';
import { repoRoot } from './workspace';

export interface ShellRoutesOptions {
  /** A file path or an http(s) URL of the registry to serve, looked up on every request (an operator may write one later). */
  registrySource?: string | (() => string | undefined);
  /** Used when registrySource is not given. */
  fallbackRegistry: () => RemoteRegistry;
  runtimeConfig: () => Record<string, unknown>;
}

async function readRegistry(source: string): Promise<unknown> {
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source, { cache: 'no-store' });
    if (!response.ok) throw new Error(`${source} answered ${response.status}`);
    return response.json();
  }
  return JSON.parse(await readFile(path.resolve(repoRoot, source), 'utf8'));
}

function sendJson(res: Parameters<RouteHandler>[1], status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body, null, 2));
}

export function shellRoutes(options: ShellRoutesOptions): RouteHandler[] {
  return [
    async (req, res) => {
      const pathname = new URL(req.url ?? '/', 'http://x').pathname;
      if (pathname === '/registry.json') {
        let source: string | undefined;
        try {
          source = typeof options.registrySource === 'function' ? options.registrySource() : options.registrySource;
          const registry = source ? await readRegistry(source) : options.fallbackRegistry();
          const parsed = remoteRegistrySchema.safeParse(registry);
          if (!parsed.success) {
            sendJson(res, 500, { error: `registry ${source} is invalid`, issues: parsed.error.issues });
          } else {
            sendJson(res, 200, parsed.data);
          }
        } catch (error) {
          sendJson(res, 502, { error: `registry ${source} could not be read: ${String(error)}` });
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
