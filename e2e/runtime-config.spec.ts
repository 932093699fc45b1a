// One configuration at runtime: the finance iframe page's allow-list is served by finance's server from
// the deployment's configuration (no finance rebuild for the shell's origin), a disallowed host gets the
// slot's fallback with Retry (not an endless wait), and a registry that cannot be read never takes the
// shell's own panels down.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { RemoteRegistry } from '@octopus/contracts';
import { startStaticServer } from '../scripts/lib/static-server';
import { deploymentOrigins } from '../scripts/lib/origins';
import { expect, test } from './fixtures';
import { callEntry, callerHangsUp, login, logout, phoneBar, placeCall } from './support';

function withFinanceIframe(registry: RemoteRegistry, at?: string): RemoteRegistry {
  const finance = registry.remotes.finance!;
  const base = at ?? finance.entry.replace(/\/mf-manifest\.json$/, '');
  return { remotes: { ...registry.remotes, finance: { ...finance, entry: `${base}/mf-manifest.json`, embed: `${base}/embed.html`, mode: 'iframe' } } };
}

async function openFinance(page: Page) {
  await page.getByRole('tab', { name: 'Consignment & Loans', exact: true }).click();
}

test.describe('runtime configuration', () => {
  test.afterEach(async ({ stack, page }) => {
    await logout(page).catch(() => undefined);
    stack.writeRegistry(stack.defaultRegistry());
  });

  test('the finance iframe page works for a shell on another origin without a finance rebuild; a disallowed host gets the fallback with Retry', async ({ page, stack }) => {
    const shellOrigin = new URL(stack.urlOf('shell')).origin;
    const finance = stack.apps.find((app) => app.name === 'finance')!;
    // The finance release was built once (pnpm build, default configuration): its baked-in list does not name this shell.
    const releaseDir = path.join(finance.dir, 'dist', finance.version);
    const bundles = readdirSync(releaseDir).filter((file) => file.endsWith('.js'));
    expect(bundles.some((file) => readFileSync(path.join(releaseDir, file), 'utf8').includes(shellOrigin))).toBe(false);
    // …while finance's server publishes the deployment's list beside the page, at runtime.
    const published = (await (await fetch(`${stack.urlOf('finance')}/${finance.version}/embed-origins.json`)).json()) as { allowedOrigins: string[] };
    expect(published.allowedOrigins).toContain(shellOrigin);

    stack.writeRegistry(withFinanceIframe(stack.defaultRegistry()));
    await login(page, stack.urlOf('shell'), '1001');
    await openFinance(page);
    const slot = page.locator('[data-remote-iframe="finance"]');
    await expect(slot).toHaveAttribute('data-iframe-state', 'ready', { timeout: 20_000 });
    // The page received the host's context (idle agent: no customer), so it is not waiting any more.
    const frame = page.frameLocator('[data-remote-iframe="finance"] iframe');
    await expect(frame.locator('[data-remote-embed="finance"]')).toBeVisible();
    await expect(frame.getByTestId('no-customer')).toBeVisible();
    await expect(frame.getByTestId('embed-waiting')).toHaveCount(0);

    // The same release served by a finance server configured for another host only: framing this shell is refused.
    const elsewhere = await startStaticServer({
      root: path.join(finance.dir, 'dist'),
      port: 0,
      cors: true,
      origins: { ...deploymentOrigins(process.env), embedHosts: ['https://workbench.example'] },
    });
    try {
      const refused = (await (await fetch(`${elsewhere.url}/${finance.version}/embed-origins.json`)).json()) as { allowedOrigins: string[] };
      expect(refused.allowedOrigins).toEqual(['https://workbench.example']);
      stack.writeRegistry(withFinanceIframe(stack.defaultRegistry(), `${elsewhere.url}/${finance.version}`));
      await page.reload();
      await expect(page.getByTestId('connection-state')).toHaveAttribute('data-connection', 'connected');
      await openFinance(page);
      const fallback = page.locator('[data-remote-fallback="finance"]');
      // Within the slot's 10 s bound (plus a loaded machine's slack): the fallback, not an endless wait.
      await expect(fallback).toBeVisible({ timeout: 25_000 });
      await expect(fallback).toHaveAttribute('data-failure-stage', 'timeout');
      // The operator points finance back at its own server; Retry re-reads the registry and the page works again.
      stack.writeRegistry(withFinanceIframe(stack.defaultRegistry()));
      await fallback.getByRole('button', { name: 'Retry' }).click();
      await expect(slot).toHaveAttribute('data-iframe-state', 'ready', { timeout: 20_000 });
      await expect(frame.getByTestId('no-customer')).toBeVisible();
    } finally {
      await elsewhere.close();
    }
  });

  test('a registry file that is missing answers 502 with a message, and the shell’s own panels keep working', async ({ page, stack }) => {
    rmSync(stack.registryFile, { force: true });
    const served = await fetch(`${stack.urlOf('shell')}/registry.json`);
    expect(served.status).toBe(502);
    const body = (await served.json()) as { error: string };
    expect(body.error).toContain('could not be read');
    expect(body.error).toContain('ENOENT');

    // Caller panel, phone bar and call list work as usual while no remote can be listed.
    await login(page, stack.urlOf('shell'), '1001');
    const callId = await placeCall({ from: '13800138000', keys: '1', verify: '13800138000' });
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'ringing');
    const panel = page.getByTestId('caller-panel');
    await expect(panel.getByTestId('caller-number')).toHaveText('13800138000');
    await expect(panel.getByTestId('caller-verification')).toHaveText('Verified');
    await phoneBar(page).getByRole('button', { name: 'Answer' }).click();
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'talking');
    await callerHangsUp(callId);
    await page.getByTestId('agent-status').getByRole('button', { name: 'End after-call work' }).click();
    await expect(page.getByTestId('agent-status').locator('[data-agent-state]')).toHaveAttribute('data-agent-state', 'idle');

    // The operator restores the file: the tabs come back without a reload (the 15 s poll).
    stack.writeRegistry(stack.defaultRegistry());
    await expect(page.locator('[data-remote="tickets"]')).toBeVisible({ timeout: 30_000 });
  });
});
