// The "done when": a fifth team's remote, scaffolded and built OUTSIDE this repository from the
// packed Octopus packages, is registered with the registry CLI and shown as a tab; a v2 of tickets is
// canaried to one skill group, watched through telemetry, promoted and rolled back — no shell change,
// the shell on the free ports of global-setup.ts.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { startStaticServer, type RunningServer } from '../scripts/lib/static-server';
import { repoRoot } from '../scripts/lib/workspace';
import { expect, test } from './fixtures';
import { login, logout } from './support';

const run = promisify(execFile);

/** Runs a command like a person at a terminal would; returns its stdout. @throws with its output when it fails. */
async function sh(command: string, args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    const { stdout } = await run(command, args, { cwd, env: { ...process.env, ...extraEnv }, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed: ${failed.message}\n${failed.stdout ?? ''}\n${failed.stderr ?? ''}`);
  }
}

/** `pnpm registry …` against the running e2e deployment (OCTOPUS_DEPLOYMENT_FILE from global-setup.ts). */
async function registry(...args: string[]): Promise<string> {
  return sh('pnpm', ['-s', 'registry', ...args], repoRoot, { OCTOPUS_TOKEN_SECRET: process.env.E2E_TOKEN_SECRET });
}

const timings: string[] = [];
async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  timings.push(`${label} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/**
 * Tickets at release 0.2.0, built as the tickets team would (bump the version, build): dist/0.2.0/ beside
 * 0.1.0, which the running tickets server already serves. package.json is restored afterwards.
 */
async function buildTicketsRelease(version: string): Promise<void> {
  const file = path.join(repoRoot, 'apps', 'tickets', 'package.json');
  const original = readFileSync(file, 'utf8');
  writeFileSync(file, original.replace(/"version": "[^"]+"/, `"version": "${version}"`));
  try {
    await sh('pnpm', ['--filter', '@octopus/tickets', 'build'], repoRoot);
  } finally {
    writeFileSync(file, original);
  }
}

async function ticketsBuildOf(page: Page): Promise<string | null> {
  await page.getByRole('tab', { name: 'Tickets', exact: true }).click();
  return page
    .locator('[data-remote="tickets"]')
    .getByTestId('remote-build')
    .textContent({ timeout: 15_000 })
    .catch(() => null);
}

async function agentPage(browser: Browser, shellUrl: string, agentId: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await login(page, shellUrl, agentId);
  return page;
}

test.describe('a fifth team ships on its own', () => {
  let work: string;
  let cdn: RunningServer;

  test.beforeAll(async () => {
    // Pack, scaffold, install, test and build the new team's remote (and build tickets 0.2.0 meanwhile).
    test.setTimeout(10 * 60_000);
    work = mkdtempSync(path.join(tmpdir(), 'octopus-team-'));
    const remoteDir = path.join(work, 'logistics');
    const team = (async () => {
      await timed('pack-packages', () => sh('pnpm', ['-s', 'pack-packages', '--out', path.join(work, 'packs')], repoRoot));
      await timed('create-remote', () =>
        sh('pnpm', ['-s', 'create-remote', 'logistics', remoteDir, '--packs', path.join(work, 'packs'), '--title-en', 'Logistics', '--title-zh', '物流'], repoRoot),
      );
      // From the pnpm store when it has everything (CI, a developer machine); else the npm registry fills the gaps.
      await timed('install --offline', () => sh('pnpm', ['install', '--offline'], remoteDir)).catch(() =>
        timed('install --prefer-offline (the store lacked something)', () => sh('pnpm', ['install', '--prefer-offline'], remoteDir)),
      );
      // jest exits non-zero on any failure (sh throws with its output).
      await timed('test (contract kit)', () => sh('pnpm', ['test', '--ci'], remoteDir));
      await timed('build', () => sh('pnpm', ['build'], remoteDir));
      expect(await sh('node', ['check-release.js'], remoteDir)).toContain('release ok: logistics 0.1.0');
    })();
    await Promise.all([team, timed('tickets 0.2.0 build', () => buildTicketsRelease('0.2.0'))]);
    // The team's own host (a CDN in production): any static server with CORS.
    cdn = await startStaticServer({ root: path.join(remoteDir, 'dist'), port: 0, cors: true });
    console.log(`prepared: ${timings.join(', ')}`);
  });

  test.afterAll(async ({ stack }) => {
    stack.writeRegistry(stack.defaultRegistry());
    await cdn?.close();
    if (work) rmSync(work, { recursive: true, force: true });
    rmSync(path.join(repoRoot, 'apps', 'tickets', 'dist', '0.2.0'), { recursive: true, force: true });
  });

  test('registers the scaffolded remote as a tab, canaries tickets 0.2.0 to one group, watches telemetry, promotes and rolls back', async ({ page, browser, stack }) => {
    test.setTimeout(4 * 60_000);
    const shellUrl = stack.urlOf('shell');
    if (process.env.E2E_DEFAULT_PORTS !== '1') expect(new URL(shellUrl).port).not.toBe('3000');

    // Register: one command, validated against the running deployment (manifest, container, contract).
    const entry = `${cdn.url}/0.1.0/mf-manifest.json`;
    expect(await registry('set', 'logistics', '0.1.0', '--entry', entry, '--title-en', 'Logistics', '--title-zh', '物流', '--order', '50')).toMatch(new RegExp(`^logistics: .*→ 0\\.1\\.0 \\(${entry.replace(/[.]/g, '\\.')}\\)`));

    // Agent 1001 (presale): the new tab, rendered from the team's own build, in its slot.
    await login(page, shellUrl, '1001');
    await expect(page.getByRole('tab')).toHaveText(['Tickets', 'Orders', 'Consignment & Loans', 'Service track', 'Logistics']);
    await page.getByRole('tab', { name: 'Logistics', exact: true }).click();
    const logistics = page.locator('[data-remote="logistics"]');
    await expect(logistics.getByTestId('remote-build')).toHaveText('logistics v0.1.0', { timeout: 20_000 });
    await expect(logistics.getByText('Logistics', { exact: true })).toBeVisible();
    await expect(page.locator('[data-remote-fallback]')).toHaveCount(0);
    expect(await ticketsBuildOf(page)).toBe('tickets v0.1.0');

    // Canary: tickets 0.2.0 to the aftersale group only.
    expect(await registry('canary', 'tickets', '0.2.0', '--group', 'aftersale')).toContain('tickets: canary 0.2.0 to groups aftersale; 0.1.0 for everyone else');
    const aftersale = await agentPage(browser, shellUrl, '1003');
    try {
      await expect.poll(() => ticketsBuildOf(aftersale), { timeout: 20_000 }).toBe('tickets v0.2.0');
      await page.reload();
      await expect(page.getByTestId('connection-state')).toHaveAttribute('data-connection', 'connected');
      await expect.poll(() => ticketsBuildOf(page), { timeout: 20_000 }).toBe('tickets v0.1.0');

      // Telemetry: every load reached the collector; the operator sees it per release and track.
      let status = '';
      await expect
        .poll(
          async () => {
            status = await registry('status');
            return ['tickets\\s+0\\.2\\.0\\s+canary\\s+\\d+ loads\\s+100\\.0% ok', 'tickets\\s+0\\.1\\.0\\s+stable\\s+\\d+ loads\\s+100\\.0% ok', 'logistics\\s+0\\.1\\.0\\s+stable\\s+\\d+ loads\\s+100\\.0% ok'].every((row) =>
              new RegExp(row).test(status),
            );
          },
          { timeout: 30_000 },
        )
        .toBe(true);
      expect(status).toMatch(/tickets\s+0\.1\.0\s+federation\s+canary 0\.2\.0 → groups aftersale/);
      console.log(`registry status:\n${status}`);

      // Promote: everyone on 0.2.0 (open pages follow; a reload shows it at once).
      expect(await registry('promote', 'tickets')).toContain('tickets: canary 0.2.0 promoted; 0.1.0 → 0.2.0 for everyone');
      await page.reload();
      await expect.poll(() => ticketsBuildOf(page), { timeout: 20_000 }).toBe('tickets v0.2.0');

      // Roll back: the previous entry from the history, validated first.
      expect(await registry('rollback', 'tickets')).toContain('tickets: rolled back 0.2.0 → 0.1.0');
      for (const agent of [page, aftersale]) {
        await agent.reload();
        await expect.poll(() => ticketsBuildOf(agent), { timeout: 20_000 }).toBe('tickets v0.1.0');
      }
      const history = await registry('history');
      const changes = history
        .trim()
        .split('\n')
        .map((line) => line.split(/\s+/).slice(1, 3).join(' '));
      expect(changes.slice(-4)).toEqual(['logistics set', 'tickets canary', 'tickets promote', 'tickets rollback']);
      await logout(aftersale);
    } finally {
      await aftersale.context().close();
    }
  });
});
