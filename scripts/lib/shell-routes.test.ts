import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DeploymentOrigins } from './security-headers';
import { registryOrigins, registryOriginsCache, shellRoutes, type ShellRoutesOptions } from './shell-routes';
import { startStaticServer, type RunningServer } from './static-server';

const origins: DeploymentOrigins = {
  remotes: ['http://localhost:3001'],
  api: 'http://localhost:4100',
  cti: 'http://localhost:4000',
  embedHosts: ['http://localhost:3000'],
};
const tickets = { entry: 'http://localhost:3001/0.1.0/mf-manifest.json', version: '0.1.0' };
const logistics = {
  entry: 'http://127.0.0.1:3105/1.0.0/mf-manifest.json',
  version: '1.0.0',
  tab: { title: { 'zh-CN': '物流', 'en-US': 'Logistics' }, order: 50 },
};

let dir: string;
let file: string;
const servers: RunningServer[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'octopus-registry-'));
  file = path.join(dir, 'registry.json');
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  rmSync(dir, { recursive: true, force: true });
  jest.restoreAllMocks();
});

async function shell(extra: Partial<ShellRoutesOptions> = {}) {
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>shell</title>');
  const options: ShellRoutesOptions = { registrySource: file, fallbackRegistry: () => ({ remotes: {} }), runtimeConfig: () => ({}), ...extra };
  const server = await startStaticServer({
    root: dir,
    port: 0,
    spaFallback: true,
    origins,
    routes: shellRoutes(options),
    extraRemoteOrigins: registryOriginsCache(options, { maxAgeMs: 0 }),
  });
  servers.push(server);
  return server;
}

describe('the shell serves /registry.json', () => {
  it('serves a fifth remote with its tab metadata (200, not 500)', async () => {
    writeFileSync(file, JSON.stringify({ remotes: { tickets, logistics } }));
    const server = await shell();
    const response = await fetch(`${server.url}/registry.json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ remotes: { tickets, logistics } });
  });

  it('skips an invalid entry and reports it, keeping the others', async () => {
    writeFileSync(file, JSON.stringify({ remotes: { tickets, payroll: { entry: 'nope', version: '1' }, Bad: tickets } }));
    const server = await shell();
    const response = await fetch(`${server.url}/registry.json`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { remotes: object; invalid: Array<{ remote: string }> };
    expect(body.remotes).toEqual({ tickets });
    expect(body.invalid.map((item) => item.remote)).toEqual(['payroll', 'Bad']);
  });

  it('answers 502 (not 500) when the file is unreadable or not a registry', async () => {
    writeFileSync(file, '{ not json');
    const server = await shell();
    expect((await fetch(`${server.url}/registry.json`)).status).toBe(502);
    writeFileSync(file, JSON.stringify({ tickets }));
    expect((await fetch(`${server.url}/registry.json`)).status).toBe(502);
  });

  it('lets the pages load scripts from every origin the registry lists now', async () => {
    writeFileSync(file, JSON.stringify({ remotes: { tickets } }));
    const server = await shell();
    const before = (await fetch(`${server.url}/`)).headers.get('content-security-policy')!;
    expect(before).not.toContain('http://127.0.0.1:3105');
    writeFileSync(file, JSON.stringify({ remotes: { tickets, logistics } }));
    const after = (await fetch(`${server.url}/`)).headers.get('content-security-policy')!;
    expect(after).toMatch(/script-src [^;]*http:\/\/127\.0\.0\.1:3105/);
    expect(after).toMatch(/connect-src [^;]*http:\/\/127\.0\.0\.1:3105/);
  });

  it('never holds a page for a slow registry longer than the wait', async () => {
    // A port nobody answers on: the read fails or hangs; either way the page must not wait.
    const slow: ShellRoutesOptions = { registrySource: 'http://10.255.255.1:9/never', fallbackRegistry: () => ({ remotes: {} }), runtimeConfig: () => ({}), registryTimeoutMs: 200 };
    const lookup = registryOriginsCache(slow, { maxAgeMs: 0, waitMs: 50 });
    const started = Date.now();
    await expect(lookup()).resolves.toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('registryOrigins', () => {
  it('lists entry and embed origins once', () => {
    expect(
      registryOrigins({ remotes: { tickets, finance: { entry: 'http://localhost:3003/1/mf-manifest.json', embed: 'https://cdn.example/f/embed.html', version: '1' }, t2: tickets } }),
    ).toEqual(['http://localhost:3001', 'http://localhost:3003', 'https://cdn.example']);
  });
});
