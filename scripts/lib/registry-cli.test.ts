import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeDeploymentState } from './deployment';
import { abortCanary, historyLines, promoteCanary, resolveTarget, rollback, setRelease, startCanary, statusLines, telemetryLines } from './registry-cli';
import { shellRoutes } from './shell-routes';
import { startStaticServer, type RunningServer } from './static-server';

// A deployment on non-default ports: tickets on one server, orders on another, the shell serving the generated registry.
let dir: string;
let remoteServer: http.Server;
let remoteBase: string;
let shell: RunningServer;
let env: NodeJS.ProcessEnv;
const manifest = (remote: string, version: string, contractVersion = '1.0.0') => ({ name: `octopus_${remote}`, metaData: { octopus: { remote, version, contractVersion } } });

beforeAll(async () => {
  remoteServer = http.createServer((req, res) => {
    const match = /^\/(tickets|orders)\/(\d+\.\d+\.\d+)\/mf-manifest\.json$/.exec(req.url ?? '');
    const deployed = ['0.1.0', '0.2.0', '0.3.0', '2.0.0'];
    if (!match || !deployed.includes(match[2]!)) {
      res.statusCode = 404;
      return res.end('{}');
    }
    res.end(JSON.stringify(manifest(match[1]!, match[2]!, match[2] === '2.0.0' ? '2.0.0' : '1.0.0')));
  });
  await new Promise<void>((resolve) => remoteServer.listen(0, '127.0.0.1', resolve));
  remoteBase = `http://127.0.0.1:${(remoteServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  remoteServer.closeAllConnections();
  await new Promise((resolve) => remoteServer.close(resolve));
});

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'octopus-cli-'));
  const registryFile = path.join(dir, 'registry.json');
  const generated = {
    remotes: {
      tickets: { entry: `${remoteBase}/tickets/0.1.0/mf-manifest.json`, version: '0.1.0' },
      orders: { entry: `${remoteBase}/orders/0.1.0/mf-manifest.json`, version: '0.1.0' },
    },
  };
  shell = await startStaticServer({
    root: dir,
    port: 0,
    routes: shellRoutes({ registrySource: () => (existsSync(registryFile) ? registryFile : undefined), fallbackRegistry: () => generated, runtimeConfig: () => ({}) }),
  });
  const deploymentFile = path.join(dir, 'deployment.json');
  writeDeploymentState(
    {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      shellUrl: shell.url,
      registrySource: registryFile,
      apps: { tickets: `${remoteBase}/tickets`, orders: `${remoteBase}/orders` },
      contractVersion: '1.0.0',
    },
    deploymentFile,
  );
  env = { OCTOPUS_DEPLOYMENT_FILE: deploymentFile, TICKETS_PORT: '3999' };
});
afterEach(async () => {
  await shell.close();
  rmSync(dir, { recursive: true, force: true });
});

const registryOnDisk = () => JSON.parse(readFileSync(path.join(dir, 'registry.json'), 'utf8')) as { remotes: Record<string, { version: string; entry: string; canary?: { version: string } }> };

describe('pnpm registry against a running deployment', () => {
  it('set: uses the deployment’s URLs (not its own defaults), reports the live version, leaves the others alone', async () => {
    const target = resolveTarget(env);
    expect(await setRelease(target, 'tickets', '0.2.0')).toBe(`tickets: 0.1.0 → 0.2.0 (${remoteBase}/tickets/0.2.0/mf-manifest.json)`);
    expect(registryOnDisk().remotes.tickets!.entry).toBe(`${remoteBase}/tickets/0.2.0/mf-manifest.json`);
    expect(registryOnDisk().remotes.orders!.entry).toBe(`${remoteBase}/orders/0.1.0/mf-manifest.json`);
  });

  it('set: refuses an incompatible or undeployed release and changes nothing', async () => {
    const target = resolveTarget(env);
    await expect(setRelease(target, 'tickets', '2.0.0')).rejects.toThrow(/refused: built for contract 2.0.0, the shell speaks 1.0.0/);
    await expect(setRelease(target, 'tickets', '0.9.0')).rejects.toThrow(/answered 404/);
    expect(existsSync(path.join(dir, 'registry.json'))).toBe(false);
  });

  it('set: a new team’s remote with its tab, by manifest URL', async () => {
    const target = resolveTarget(env);
    // Served by the same test server as "orders" would be: only the container name is checked against the remote.
    await expect(setRelease(target, 'logistics', '0.1.0', { entry: `${remoteBase}/orders/0.1.0/mf-manifest.json` })).rejects.toThrow(/not octopus_logistics/);
    await expect(setRelease(target, 'logistics', '0.1.0')).rejects.toThrow(/pass --entry/);
  });

  it('canary → promote → rollback, with the history', async () => {
    const target = resolveTarget(env);
    expect(await startCanary(target, 'tickets', '0.2.0', { groups: ['aftersale'] })).toBe('tickets: canary 0.2.0 to groups aftersale; 0.1.0 for everyone else');
    expect(registryOnDisk().remotes.tickets!.canary!.version).toBe('0.2.0');
    expect((await statusLines(target)).find((line) => line.startsWith('tickets'))).toMatch(/0\.1\.0 .*canary 0\.2\.0 → groups aftersale/);
    expect(await promoteCanary(target, 'tickets')).toBe('tickets: canary 0.2.0 promoted; 0.1.0 → 0.2.0 for everyone');
    expect(registryOnDisk().remotes.tickets).toEqual({ entry: `${remoteBase}/tickets/0.2.0/mf-manifest.json`, version: '0.2.0' });
    expect(await rollback(target, 'tickets')).toBe('tickets: rolled back 0.2.0 → 0.1.0');
    expect(historyLines(target, 'tickets').map((line) => line.split(/\s+/).slice(1, 3).join(' '))).toEqual(['tickets canary', 'tickets promote', 'tickets rollback']);
  });

  it('abort drops the canary; rollback without history says so', async () => {
    const target = resolveTarget(env);
    await expect(rollback(target, 'orders')).rejects.toThrow(/no earlier entry/);
    await startCanary(target, 'tickets', '0.3.0', { percent: 10 });
    expect(await abortCanary(target, 'tickets')).toBe('tickets: canary 0.3.0 aborted; everyone on 0.1.0');
    expect(registryOnDisk().remotes.tickets!.canary).toBeUndefined();
    await expect(startCanary(target, 'tickets', '0.3.0', {})).rejects.toThrow(/needs --group/);
  });
});

describe('pnpm registry status: telemetry', () => {
  it('shows per remote and release the success rate and p95, read from the api with a service token', async () => {
    let auth = '';
    const api = http.createServer((req, res) => {
      auth = String(req.headers.authorization);
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          windowMinutes: 60,
          rows: [
            { remote: 'tickets', version: '0.1.0', track: 'stable', loads: 40, failures: 0, successRate: 1, p95Ms: 212 },
            { remote: 'tickets', version: '0.2.0', track: 'canary', loads: 8, failures: 2, successRate: 0.75, p95Ms: 340 },
          ],
        }),
      );
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    try {
      const target = resolveTarget(env);
      target.deployment = { ...target.deployment!, apiUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}` };
      const lines = await telemetryLines(target, { OCTOPUS_TOKEN_SECRET: 'f'.repeat(8) + '0123456789abcdef'.repeat(4) });
      expect(lines.slice(1)).toEqual([
        'tickets        0.1.0      stable     40 loads  100.0% ok  p95 212 ms',
        'tickets        0.2.0      canary      8 loads   75.0% ok  p95 340 ms',
      ]);
      expect(auth).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    } finally {
      api.closeAllConnections();
      await new Promise((resolve) => api.close(resolve));
    }
  });
});
