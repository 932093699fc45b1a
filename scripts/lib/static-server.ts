// The production static server for the shell and the remotes, on Fastify with @fastify/static (files,
// ETag / Last-Modified revalidation, ranges, no escape from the root) and @fastify/compress (gzip).
// Content-hashed files are cached forever (immutable), everything else revalidates (`no-cache`), and
// every response carries the security headers (CSP, frame-ancestors, nosniff, Referrer-Policy:
// security-headers.ts). ADR 0011: one HTTP idiom (Fastify) for the api and the web servers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyReply } from 'fastify';
import { deploymentOrigins, securityHeaders, type DeploymentOrigins } from './security-headers';

/** Served beside any page (the finance embed page reads it): the host origins allowed to frame it. */
export const EMBED_ORIGINS_FILE = 'embed-origins.json';

/** `main.3f9a1c2b7e.js`: the hash changes whenever the content does, so it may be cached for good. */
const CONTENT_HASHED = /\.[0-9a-f]{8,}\.(js|css|mjs)$/;

/** Cache-Control of a served file: hashed assets `immutable` for a year; pages, manifests, registry, remoteEntry.js `no-cache`. */
export function cacheControlFor(file: string): string {
  return CONTENT_HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** A route tried before the files, on the raw request: true when it answered. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;

export interface StaticServerOptions {
  root: string;
  port: number;
  host?: string;
  /** Unknown paths without an extension get index.html (the shell's client-side routes). */
  spaFallback?: boolean;
  /** Let any origin read the files (remotes: the shell fetches their manifests cross-origin). */
  cors?: boolean;
  /** Extra routes tried before the files (e.g. the shell's /registry.json). */
  routes?: RouteHandler[];
  label?: string;
  /**
   * Origins the security headers allow (remotes, api, cti-server, hosts that may frame the finance
   * page). Default: `deploymentOrigins(env)`, the same environment `pnpm start` lays the stack out by.
   */
  origins?: DeploymentOrigins;
  /** The environment the default origins are read from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /**
   * More remote origins the pages' CSP allows, looked up per request (the shell: the origins its
   * registry lists now, so a newly registered remote on another origin is allowed without a restart).
   */
  extraRemoteOrigins?: () => Promise<string[]> | string[];
  /**
   * Served as `…/octopus-config.json` under any folder (a remote's standalone harness page reads it
   * beside itself to find the deployment's cti-server and api): `{ ctiUrl, apiUrl }`.
   */
  runtimeConfig?: () => Record<string, unknown>;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function sendText(reply: FastifyReply, status: number, text: string): FastifyReply {
  return reply.code(status).type('text/plain; charset=utf-8').send(text);
}

/**
 * Serves `options.root` on `options.port` (0: any free port). Answers: 400 for a malformed URL escape
 * or a NUL in the path, 405 for methods other than GET/HEAD/OPTIONS, 404 `not found` (or index.html
 * for extension-less paths with `spaFallback`), 500 `internal error` without details.
 */
export async function startStaticServer(options: StaticServerOptions): Promise<RunningServer> {
  const root = path.resolve(options.root);
  const origins = options.origins ?? deploymentOrigins(options.env ?? process.env);
  // A server with CORS serves a remote, whose files the shell's origin loads.
  const remoteAssets = options.cors === true;
  const byExtra = new Map<string, ReturnType<typeof securityHeaders>>();
  const base = securityHeaders(origins, { remoteAssets });
  const headersFor = (extra: string[]) => {
    const added = extra.filter((origin) => !origins.remotes.includes(origin)).sort();
    if (!added.length) return base;
    const key = added.join(' ');
    let middleware = byExtra.get(key);
    if (!middleware) {
      if (byExtra.size > 32) byExtra.clear();
      middleware = securityHeaders({ ...origins, remotes: [...origins.remotes, ...added] }, { remoteAssets });
      byExtra.set(key, middleware);
    }
    return middleware;
  };
  const applyHeaders = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    headersFor(options.extraRemoteOrigins ? await options.extraRemoteOrigins() : [])(req, res);
    if (options.cors) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', '*');
    }
  };

  const app = Fastify({
    logger: false,
    // Dot segments (`/%2e%2e/`) are resolved the way a browser resolves them, before routing: never above the root.
    rewriteUrl: (req) => {
      const url = new URL(req.url ?? '/', 'http://x');
      return `${url.pathname}${url.search}`;
    },
    // A path the router cannot decode is the client's mistake (400), with the same headers as any answer.
    frameworkErrors: (error, request, reply) => {
      void applyHeaders(request.raw, reply.raw).then(
        () => sendText(reply, 400, 'bad request: malformed URL'),
        () => sendText(reply, 500, 'internal error'),
      );
    },
  });
  await app.register(compress, { global: true, encodings: ['gzip'] });
  await app.register(fastifyStatic, {
    root,
    wildcard: true,
    cacheControl: false,
    etag: true,
    lastModified: true,
    setHeaders: (res, file) => res.setHeader('Cache-Control', cacheControlFor(file)),
  });

  app.addHook('onRequest', async (request, reply) => {
    await applyHeaders(request.raw, reply.raw);
    if (request.method === 'OPTIONS') return reply.code(204).send();
    for (const route of options.routes ?? []) {
      // The shell's routes write to the raw response; Fastify then leaves it alone.
      if (await route(request.raw, reply.raw)) return reply.hijack();
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(reply, 405, 'method not allowed');
    let pathname: string;
    try {
      pathname = decodeURIComponent(request.url.split('?')[0] ?? '/');
    } catch {
      // A malformed escape (`/%E0%A4%A`) is the client's mistake, not the server's.
      return sendText(reply, 400, 'bad request: malformed URL');
    }
    if (pathname.includes('\0')) return sendText(reply, 400, 'bad request: malformed URL');
    const name = path.posix.basename(pathname);
    if (name === EMBED_ORIGINS_FILE) {
      // The finance embed page's allow-list at runtime: the hosts its frame-ancestors names.
      return reply.type('application/json; charset=utf-8').header('cache-control', 'no-store').send(JSON.stringify({ allowedOrigins: origins.embedHosts }));
    }
    if (options.runtimeConfig && name === 'octopus-config.json') {
      return reply.type('application/json; charset=utf-8').header('cache-control', 'no-store').send(JSON.stringify(options.runtimeConfig()));
    }
    return undefined;
  });

  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    if (options.spaFallback && !path.posix.extname(pathname)) return reply.sendFile('index.html');
    return sendText(reply, 404, 'not found');
  });
  app.setErrorHandler((error, _request, reply) => {
    const status = (error as { statusCode?: number }).statusCode;
    // No details to the client (paths, stack): the request failed, that is all it needs to know.
    if (status !== undefined && status >= 400 && status < 500) return sendText(reply, status, status === 404 ? 'not found' : 'bad request');
    return sendText(reply, 500, 'internal error');
  });

  await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    port,
    close: async () => {
      app.server.closeAllConnections();
      await app.close();
    },
  };
}
