import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { browserOrigins, runtimeServiceConfig } from './origins';
import { deploymentOrigins, embedAllowedOrigins, type DeploymentOrigins } from './security-headers';
import { startStaticServer, type RunningServer } from './static-server';

const origins: DeploymentOrigins = {
  remotes: ['http://localhost:3001', 'http://localhost:3003'],
  api: 'http://localhost:4100',
  cti: 'http://localhost:4000',
  embedHosts: ['http://localhost:3000', 'https://workbench.example'],
};

let root: string;
const servers: RunningServer[] = [];

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'octopus-static-'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>shell</title>');
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'assets', 'main.0123456789.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'registry.json'), '{}');
  mkdirSync(path.join(root, '1.4.0'));
  writeFileSync(path.join(root, '1.4.0', 'embed.html'), '<!doctype html><title>finance</title>');
  writeFileSync(path.join(root, '1.4.0', 'mf-manifest.json'), '{}');
  writeFileSync(path.join(root, '1.4.0', 'remoteEntry.js'), `/* remote entry */ ${'var x = 1;\n'.repeat(400)}`);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(root, { recursive: true, force: true });
});

async function serve(options: { cors?: boolean; spaFallback?: boolean; runtimeConfig?: () => Record<string, unknown>; origins?: DeploymentOrigins } = {}): Promise<RunningServer> {
  const server = await startStaticServer({ root, port: 0, origins, ...options });
  servers.push(server);
  return server;
}

/** A raw GET: fetch would normalise a malformed path before sending it. */
function rawGet(server: RunningServer, rawPath: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A raw GET with extra headers; the body is not decoded (gzip stays gzip). */
function rawRequest(server: RunningServer, rawPath: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: rawPath, method: 'GET', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function directives(csp: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('static server security headers', () => {
  it('sends CSP without inline script, nosniff and Referrer-Policy on the shell page, framed by itself only', async () => {
    const server = await serve({ spaFallback: true });
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    const csp = directives(response.headers.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'", 'http://localhost:3001', 'http://localhost:3003']);
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
    expect(csp.get('script-src-attr')).toEqual(["'none'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://localhost:3001', 'http://localhost:3003', 'http://localhost:4100', 'http://localhost:4000', 'ws://localhost:4000']);
    expect(csp.get('frame-src')).toEqual(["'self'", 'http://localhost:3001', 'http://localhost:3003']);
    expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it("lets pages reach Kamailio's SIP WebSocket only when the deployment has voice", async () => {
    const withVoice = deploymentOrigins({ CTI_VOICE_WS_URL: 'ws://127.0.0.1:5066' });
    expect(withVoice.voice).toBe('ws://127.0.0.1:5066');
    expect(deploymentOrigins({}).voice).toBeUndefined();
    const server = await serve({ spaFallback: true, origins: { ...origins, voice: 'ws://127.0.0.1:5066' } });
    const csp = directives((await fetch(`${server.url}/`)).headers.get('content-security-policy'));
    expect(csp.get('connect-src')).toContain('ws://127.0.0.1:5066');
  });

  it('lets only the configured host origins frame the finance embed page (any release folder)', async () => {
    const server = await serve({ cors: true });
    const response = await fetch(`${server.url}/1.4.0/embed.html`);
    expect(response.status).toBe(200);
    const csp = directives(response.headers.get('content-security-policy'));
    expect(csp.get('frame-ancestors')).toEqual(['http://localhost:3000', 'https://workbench.example']);
    // X-Frame-Options cannot name origins: it would forbid the allowed hosts too.
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    // The harness page and the remote's files stay framed by themselves only.
    const manifest = await fetch(`${server.url}/1.4.0/mf-manifest.json`);
    expect(directives(manifest.headers.get('content-security-policy')).get('frame-ancestors')).toEqual(["'self'"]);
    // The page's message check reads the same list at runtime, beside the page.
    const published = await fetch(`${server.url}/1.4.0/embed-origins.json`);
    expect(published.headers.get('cache-control')).toBe('no-store');
    expect(await published.json()).toEqual({ allowedOrigins: ['http://localhost:3000', 'https://workbench.example'] });
    // The shell (another origin) loads a remote's files.
    expect(manifest.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(manifest.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('serves a remote’s harness the deployment’s service URLs beside any release (octopus-config.json), from the same configuration', async () => {
    const env = { CTI_PORT: '4711', API_PORT: '4811', OCTOPUS_PUBLIC_HOST: 'octopus.lan' };
    const server = await serve({ cors: true, runtimeConfig: () => runtimeServiceConfig(env) });
    const config = await fetch(`${server.url}/1.4.0/octopus-config.json`);
    expect(config.headers.get('cache-control')).toBe('no-store');
    expect(await config.json()).toEqual({ ctiUrl: 'http://octopus.lan:4711', apiUrl: 'http://octopus.lan:4811' });
    expect(runtimeServiceConfig({ OCTOPUS_CTI_PUBLIC_URL: 'https://cti.example', OCTOPUS_API_PUBLIC_URL: 'https://api.example' })).toEqual({ ctiUrl: 'https://cti.example', apiUrl: 'https://api.example' });
    // Without a runtime config it is just a missing file.
    expect((await fetch(`${(await serve({ cors: true })).url}/1.4.0/octopus-config.json`)).status).toBe(404);
  });

  it('keeps today’s caching: hashed assets immutable, everything else revalidated', async () => {
    const server = await serve({ spaFallback: true });
    const hashed = await fetch(`${server.url}/assets/main.0123456789.js`);
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(hashed.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(hashed.headers.get('content-security-policy')).not.toBeNull();
    for (const file of ['/registry.json', '/index.html', '/']) {
      expect((await fetch(`${server.url}${file}`)).headers.get('cache-control')).toBe('no-cache');
    }
    expect((await fetch(`${server.url}/`)).headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });

  it('revalidates with ETag (304), keeps remoteEntry.js and manifests no-cache, gzips when asked, and refuses other methods', async () => {
    const server = await serve({ cors: true });
    for (const file of ['/1.4.0/remoteEntry.js', '/1.4.0/mf-manifest.json']) {
      const response = await fetch(`${server.url}${file}`);
      expect([file, response.status, response.headers.get('cache-control')]).toEqual([file, 200, 'no-cache']);
      const etag = response.headers.get('etag');
      expect(etag).toBeTruthy();
      // Raw: fetch adds `Cache-Control: no-cache` to a request with If-None-Match (an end-to-end reload).
      const again = await rawRequest(server, file, { 'if-none-match': etag as string });
      expect(again.status).toBe(304);
    }
    const zipped = await rawRequest(server, '/1.4.0/remoteEntry.js', { 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['cache-control']).toBe('no-cache');
    expect((await fetch(`${server.url}/1.4.0/remoteEntry.js`, { method: 'POST' })).status).toBe(405);
    const preflight = await fetch(`${server.url}/1.4.0/remoteEntry.js`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers a malformed URL escape with 400, not 500, and headers on errors too', async () => {
    const server = await serve({ spaFallback: true });
    for (const bad of ['/%E0%A4%A', '/%', '/assets/%zz.js', '/1.4.0/%E0%A4%A.js', '/a%00b']) {
      const response = await rawGet(server, bad);
      expect(response.status).toBe(400);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    }
    const missing = await rawGet(server, '/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.body).toBe('not found');
    expect(missing.headers['content-security-policy']).toBeDefined();
    // Dot segments never leave the root: this is the shell's page (SPA fallback), not /etc/passwd.
    expect((await rawGet(server, '/%2e%2e/%2e%2e/etc/passwd')).body).toBe('<!doctype html><title>shell</title>');
  });
});

describe('deployment origins', () => {
  it('follow the environment pnpm start lays the stack out by', () => {
    const defaults = deploymentOrigins({});
    expect(defaults.remotes).toEqual(['http://localhost:3001', 'http://localhost:3002', 'http://localhost:3003', 'http://localhost:3004', 'http://localhost:3005']);
    expect(defaults.api).toBe('http://localhost:4100');
    expect(defaults.cti).toBe('http://localhost:4000');
    expect(defaults.embedHosts).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000']);

    const custom = deploymentOrigins({
      OCTOPUS_PUBLIC_HOST: 'octopus.lan',
      TICKETS_PORT: '4301',
      OCTOPUS_API_PUBLIC_URL: 'https://api.octopus.example/v1',
      OCTOPUS_CTI_PUBLIC_URL: 'https://cti.octopus.example',
      OCTOPUS_REMOTE_ORIGINS: 'https://cdn.octopus.example/finance/, not a url',
    });
    expect(custom.remotes).toContain('http://octopus.lan:4301');
    expect(custom.remotes).toContain('https://cdn.octopus.example');
    expect(custom.remotes).not.toContain('not a url');
    expect(custom.api).toBe('https://api.octopus.example');
    expect(custom.cti).toBe('https://cti.octopus.example');
    expect(custom.embedHosts).toEqual(['http://octopus.lan:3000', 'http://localhost:3000', 'http://127.0.0.1:3000']);
  });

  it('takes the iframe allow-list from OCTOPUS_EMBED_ALLOWED_ORIGINS, as the finance build does', () => {
    expect(embedAllowedOrigins({ OCTOPUS_EMBED_ALLOWED_ORIGINS: 'https://a.example, https://b.example' })).toEqual(['https://a.example', 'https://b.example']);
  });
});

describe('browser origins (api and cti-server CORS, WebSocket Origin)', () => {
  it('follow the deployment’s ports, so moving the shell keeps login working', () => {
    const origins = browserOrigins({ SHELL_PORT: '5300', TICKETS_PORT: '5301', OCTOPUS_BROWSER_ORIGINS: 'https://ops.example/x' });
    expect(origins).toEqual(expect.arrayContaining(['http://localhost:5300', 'http://127.0.0.1:5300', 'http://localhost:5301', 'http://localhost:3002', 'https://ops.example']));
    expect(origins).not.toContain('http://localhost:3000');
  });
});
