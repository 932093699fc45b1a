// A small production static server for the shell and the remotes: content-hashed files are cached
// forever (immutable), everything else revalidates (ETag), responses are gzipped when asked, and every
// response carries the security headers (CSP, frame-ancestors, nosniff, Referrer-Policy: security-headers.ts).
import { createReadStream, promises as fs } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { deploymentOrigins, securityHeaders, type DeploymentOrigins } from './security-headers';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Served beside any page (the finance embed page reads it): the host origins allowed to frame it. */
export const EMBED_ORIGINS_FILE = 'embed-origins.json';

/** `main.3f9a1c2b7e.js`: the hash changes whenever the content does, so it may be cached for good. */
const CONTENT_HASHED = /\.[0-9a-f]{8,}\.(js|css|mjs)$/;

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

const gzipCache = new Map<string, { mtimeMs: number; body: Buffer }>();

async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, stat: { size: number; mtimeMs: number }): Promise<void> {
  const ext = path.extname(file);
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  res.setHeader('Content-Type', MIME[ext] ?? 'application/octet-stream');
  res.setHeader('Cache-Control', CONTENT_HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
  res.setHeader('ETag', etag);
  res.setHeader('Vary', 'Accept-Encoding');
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const compressible = ['.js', '.mjs', '.json', '.css', '.html', '.map', '.svg', '.txt'].includes(ext);
  if (compressible && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    let cached = gzipCache.get(file);
    if (!cached || cached.mtimeMs !== stat.mtimeMs) {
      cached = { mtimeMs: stat.mtimeMs, body: gzipSync(await fs.readFile(file)) };
      gzipCache.set(file, cached);
    }
    res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', cached.body.length);
    res.end(req.method === 'HEAD' ? undefined : cached.body);
    return;
  }
  res.setHeader('Content-Length', stat.size);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

async function statFile(file: string) {
  try {
    const stat = await fs.stat(file);
    return stat.isFile() ? stat : null;
  } catch {
    return null;
  }
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(text);
}

export function startStaticServer(options: StaticServerOptions): Promise<RunningServer> {
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
  const server = http.createServer((req, res) => {
    void (async () => {
      headersFor(options.extraRemoteOrigins ? await options.extraRemoteOrigins() : [])(req, res);
      if (options.cors) {
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Access-Control-Allow-Headers', '*');
      }
      if (req.method === 'OPTIONS') {
        res.statusCode = 204;
        res.end();
        return;
      }
      for (const route of options.routes ?? []) {
        if (await route(req, res)) return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendText(res, 405, 'method not allowed');
        return;
      }
      let pathname: string;
      try {
        pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      } catch {
        // A malformed escape (`/%E0%A4%A`) is the client's mistake, not the server's.
        sendText(res, 400, 'bad request: malformed URL');
        return;
      }
      if (pathname.includes('\0')) {
        sendText(res, 400, 'bad request: malformed URL');
        return;
      }
      if (path.posix.basename(pathname) === EMBED_ORIGINS_FILE) {
        // The finance embed page's allow-list at runtime: the hosts its frame-ancestors names.
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Cache-Control', 'no-store');
        res.end(JSON.stringify({ allowedOrigins: origins.embedHosts }));
        return;
      }
      if (options.runtimeConfig && path.posix.basename(pathname) === 'octopus-config.json') {
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Cache-Control', 'no-store');
        res.end(JSON.stringify(options.runtimeConfig()));
        return;
      }
      const file = path.join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
      // Never serve outside the root (../ in the URL).
      if (!file.startsWith(root + path.sep) && file !== root) {
        sendText(res, 403, 'forbidden');
        return;
      }
      const stat = await statFile(file);
      if (stat) return sendFile(req, res, file, stat);
      if (options.spaFallback && !path.extname(pathname)) {
        const index = path.join(root, 'index.html');
        const indexStat = await statFile(index);
        if (indexStat) return sendFile(req, res, index, indexStat);
      }
      sendText(res, 404, 'not found');
    })().catch(() => {
      // No details to the client (paths, stack): the request failed, that is all it needs to know.
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendText(res, 500, 'internal error');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://localhost:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
