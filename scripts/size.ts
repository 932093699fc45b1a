// `pnpm size` (also part of `pnpm bench`): what the browser really downloads, measured in Chromium against
// the production builds: the shell's initial JavaScript before any remote, each remote's own JavaScript,
// and what a warm start downloads again. Budgets from DESIGN.md. First, from the chunks' source maps:
// no test code (@octopus/telephony's `testing` entry, its simulated driver) in any built chunk.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchChromium } from './lib/browser';
import { forbiddenSources, sourceMapsUnder } from './lib/chunk-sources';
import { startStack } from './lib/stack';
import { defaultRegistry, listWebApps, portEnvName, type WebApp } from './lib/workspace';
import { freePort } from './lib/free-port';

const KB = 1024;
const SHELL_BUDGET_GZIP = 600 * KB;
/** Everything the browser runs from opening the page to the logged-in workbench, remotes' entries included (issue [2/7] point 8). */
const LOGIN_BUDGET_GZIP = 450 * KB;
const REMOTE_BUDGET_GZIP = 60 * KB;

interface Loaded {
  url: string;
  fromCache: boolean;
  /** Bytes of the response body as sent over the wire (gzip from our static server); 0 when cached. */
  transferred: number;
}

/** Every script the page loads, and whether it came from the HTTP cache. */
async function recordScripts(page: Page, action: () => Promise<void>): Promise<Loaded[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const scripts = new Map<string, Loaded>();
  // The events may come in either order; join them at the end.
  const servedFromCache = new Set<string>();
  const headerBytes = new Map<string, number>();
  const totalBytes = new Map<string, number>();
  cdp.on(
    'Network.responseReceived',
    (event: { requestId: string; type: string; response: { url: string; fromDiskCache?: boolean; fromPrefetchCache?: boolean; encodedDataLength: number } }) => {
      if (event.type !== 'Script') return;
      scripts.set(event.requestId, { url: event.response.url, fromCache: Boolean(event.response.fromDiskCache || event.response.fromPrefetchCache), transferred: 0 });
      // At this point the bytes received are the response's headers.
      headerBytes.set(event.requestId, event.response.encodedDataLength);
    },
  );
  cdp.on('Network.loadingFinished', (event: { requestId: string; encodedDataLength: number }) => totalBytes.set(event.requestId, event.encodedDataLength));
  cdp.on('Network.requestServedFromCache', (event: { requestId: string }) => servedFromCache.add(event.requestId));
  await action();
  await cdp.detach();
  return [...scripts.entries()].map(([id, loaded]) => ({
    ...loaded,
    fromCache: loaded.fromCache || servedFromCache.has(id),
    transferred: Math.max(0, (totalBytes.get(id) ?? 0) - (headerBytes.get(id) ?? 0)),
  }));
}

async function sizeOf(url: string, distByOrigin: Map<string, string>, base: (url: URL) => string): Promise<{ raw: number; gzip: number }> {
  const parsed = new URL(url);
  const dist = distByOrigin.get(parsed.origin);
  if (!dist) return { raw: 0, gzip: 0 };
  const body = await readFile(path.join(dist, base(parsed)));
  return { raw: body.length, gzip: gzipSync(body).length };
}

/** Logs in as `agentId` (default 1008, an agent; 2001 is a supervisor, who also sees the operations tab). */
async function logIn(page: Page, agentId = '1008'): Promise<void> {
  await page.getByLabel('Agent ID').fill(agentId);
  await page.getByLabel('Password').fill('octopus');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('[data-agent-state]').waitFor();
  await page.waitForLoadState('networkidle');
}

const fmt = (bytes: number) => `${(bytes / KB).toFixed(1).padStart(7)} KB`;
const verdict = (value: number, budget: number) => (value <= budget ? 'ok' : 'OVER BUDGET');

/** Reads every built chunk's source map of the shell and the remotes; prints and fails on any test-only module. */
function checkNoTestCode(apps: WebApp[]): boolean {
  let maps = 0;
  const found: string[] = [];
  for (const app of apps) {
    const dist = path.join(app.dir, 'dist');
    maps += sourceMapsUnder(dist).length;
    for (const hit of forbiddenSources(dist)) found.push(`${app.name}: ${hit.chunk} ships ${hit.source}`);
  }
  if (maps === 0) {
    console.error('test code in built chunks: no source maps found — run `pnpm build` first');
    return true;
  }
  console.log(`test code in built chunks (telephony testing entry, simulated driver; ${maps} source maps of ${apps.map((app) => app.name).join(', ')}): ${found.length ? 'FOUND' : 'none  ok'}`);
  for (const line of found) console.log(`  ${line}`);
  return found.length > 0;
}

async function main(): Promise<void> {
  // Free ports unless set: the measurement runs beside `pnpm start` and other stacks.
  for (const app of listWebApps({})) process.env[portEnvName(app.name)] ??= String(await freePort());
  process.env.CTI_PORT ??= String(await freePort());
  process.env.API_PORT ??= String(await freePort());
  const apps = listWebApps();
  let failed = checkNoTestCode(apps);
  const registryFile = path.join(mkdtempSync(path.join(tmpdir(), 'octopus-size-')), 'registry.json');
  writeFileSync(registryFile, JSON.stringify({ remotes: {} }));
  const stack = await startStack({
    registrySource: registryFile,
    dataDir: mkdtempSync(path.join(tmpdir(), 'octopus-size-data-')),
    env: { ...process.env, OCTOPUS_MODE: 'test' },
    log: () => undefined,
  });
  const browser = await launchChromium();
  const distByOrigin = new Map(apps.map((app) => [`http://localhost:${app.port}`, path.join(app.dir, 'dist')]));
  const localPath = (url: URL) => url.pathname.replace(/^\//, '');
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const shellUrl = stack.urlOf('shell');

    // 1. Cold start with no remotes registered: the shell's own initial JavaScript, login to workbench.
    const cold = await recordScripts(page, async () => {
      await page.goto(`${shellUrl}/?lng=en-US`, { waitUntil: 'networkidle' });
      await logIn(page);
    });
    let raw = 0;
    let gzip = 0;
    for (const script of cold) {
      const size = await sizeOf(script.url, distByOrigin, localPath);
      raw += size.raw;
      gzip += size.gzip;
    }
    console.log(`shell initial JS (cold, before any remote): ${cold.length} files, raw ${fmt(raw)}, gzip ${fmt(gzip)}  budget ${fmt(SHELL_BUDGET_GZIP)}  ${verdict(gzip, SHELL_BUDGET_GZIP)}`);
    if (gzip > SHELL_BUDGET_GZIP) failed = true;

    // 2. Warm start: content-hashed files are immutable, so nothing should be downloaded again.
    const warm = await recordScripts(page, async () => {
      await page.goto(`${shellUrl}/?lng=en-US`, { waitUntil: 'networkidle' });
      await page.locator('[data-agent-state]').waitFor();
    });
    const refetched = warm.filter((script) => !script.fromCache);
    console.log(`shell warm start: ${warm.length} scripts, ${refetched.length} downloaded again${refetched.length ? `: ${refetched.map((s) => s.url).join(', ')}` : ''}  ${refetched.length === 0 ? 'ok' : 'OVER BUDGET'}`);
    if (refetched.length) failed = true;

    // 3. Login as deployed (every remote registered), in a fresh context: all JavaScript up to the idle
    //    workbench, the remotes' entries and whatever the shell preloads included.
    writeFileSync(registryFile, JSON.stringify(defaultRegistry({ mode: 'production' })));
    // An agent's login and a supervisor's: a supervisor also preloads the remotes only supervisors see (operations).
    // The budget is the agent's workbench (issue [2/7] point 8). A supervisor also loads the remotes only
    // supervisors see (operations): their bytes are told apart and the rest is held to the same budget.
    const supervisorOnly = new Set(apps.filter((app) => app.tab?.roles && !app.tab.roles.includes('agent')).map((app) => app.name));
    for (const account of [{ id: '1008', who: 'agent 1008' }, { id: '2001', who: 'supervisor 2001' }]) {
      const loginContext = await browser.newContext();
      const loginPage = await loginContext.newPage();
      const atLogin = await recordScripts(loginPage, async () => {
        await loginPage.goto(`${shellUrl}/?lng=en-US`, { waitUntil: 'networkidle' });
        await logIn(loginPage, account.id);
        // The shell preloads every remote after the registry answers: wait for the visible tab, then quiet.
        await loginPage.locator('[data-remote]').first().waitFor({ timeout: 15_000 });
        await loginPage.waitForTimeout(2000);
        await loginPage.waitForLoadState('networkidle');
      });
      await loginContext.close();
      // What the browser really fetched: the gzip bodies on the wire (our static server gzips like a CDN),
      // checked against gzip of the same files on disk.
      let loginGzip = 0;
      let loginOnDisk = 0;
      const perOrigin = new Map<string, number>();
      const rows: Array<{ app: string; file: string; gzip: number }> = [];
      for (const script of atLogin) {
        const size = await sizeOf(script.url, distByOrigin, localPath);
        loginGzip += script.transferred;
        loginOnDisk += size.gzip;
        const app = apps.find((candidate) => script.url.startsWith(`http://localhost:${candidate.port}`))?.name ?? new URL(script.url).origin;
        perOrigin.set(app, (perOrigin.get(app) ?? 0) + script.transferred);
        rows.push({ app, file: path.basename(new URL(script.url).pathname), gzip: script.transferred });
      }
      const extra = [...perOrigin].filter(([app]) => supervisorOnly.has(app)).reduce((sum, [, bytes]) => sum + bytes, 0);
      console.log(
        `JS fetched at login incl. remote entries, ${account.who}: ${atLogin.length} files, gzip ${fmt(loginGzip)} on the wire (${[...perOrigin].map(([app, bytes]) => `${app} ${(bytes / KB).toFixed(1)}`).join(', ')} KB; gzip of the files on disk ${fmt(loginOnDisk).trim()})  budget ${fmt(LOGIN_BUDGET_GZIP)}${extra ? ` + the supervisors' own remotes (${(extra / KB).toFixed(1)} KB)` : ''}  ${verdict(loginGzip - extra, LOGIN_BUDGET_GZIP)}`,
      );
      if (process.env.SIZE_DETAIL) for (const row of rows.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${fmt(row.gzip)}  ${row.app.padEnd(14)} ${row.file}`);
      if (loginGzip - extra > LOGIN_BUDGET_GZIP) failed = true;
    }

    // 4. Each remote's own code: open every tab in a fresh context.
    const remoteContext = await browser.newContext();
    const remotePage = await remoteContext.newPage();
    const all = await recordScripts(remotePage, async () => {
      await remotePage.goto(`${shellUrl}/?lng=en-US`, { waitUntil: 'networkidle' });
      // A supervisor sees every tab (the operations remote is for supervisors and admins only).
      await logIn(remotePage, '2001');
      for (const app of apps.filter((candidate) => candidate.kind === 'remote')) {
        await remotePage.locator(`[data-node-key="${app.name}"]`).click();
        await remotePage.locator(`[data-remote="${app.name}"]`).waitFor({ timeout: 15_000 });
      }
      await remotePage.waitForLoadState('networkidle');
    });
    for (const app of apps.filter((candidate) => candidate.kind === 'remote')) {
      const origin = `http://localhost:${app.port}`;
      const own = all.filter((script) => script.url.startsWith(origin));
      let remoteRaw = 0;
      let remoteGzip = 0;
      for (const script of own) {
        const size = await sizeOf(script.url, distByOrigin, localPath);
        remoteRaw += size.raw;
        remoteGzip += size.gzip;
      }
      console.log(
        `remote ${app.name.padEnd(14)} own JS: ${own.length} files (${own.map((s) => path.basename(new URL(s.url).pathname)).join(', ')}), raw ${fmt(remoteRaw)}, gzip ${fmt(remoteGzip)}  budget ${fmt(REMOTE_BUDGET_GZIP)}  ${verdict(remoteGzip, REMOTE_BUDGET_GZIP)}`,
      );
      if (remoteGzip > REMOTE_BUDGET_GZIP) failed = true;
    }
  } finally {
    await browser.close();
    await stack.close();
  }
  if (failed) {
    console.error('size: over budget');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
