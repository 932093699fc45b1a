import type { Page } from '@playwright/test';
import { REMOTE_NAMES, type RemoteName } from '@octopus/contracts';
import { expect, test } from './fixtures';
import { signToken } from '@octopus/auth';
import { API_URL, callerHangsUp, login, logout, placeCall } from './support';

const TAB_LABELS_EN: Record<RemoteName, string> = {
  tickets: 'Tickets',
  orders: 'Orders',
  finance: 'Consignment & Loans',
  'service-track': 'Service track',
};

async function openTab(page: Page, name: RemoteName) {
  await page.getByRole('tab', { name: TAB_LABELS_EN[name], exact: true }).click();
}

test.describe('platform: the shell loads four independently built remotes at runtime', () => {
  test.afterEach(async ({ stack, page }) => {
    await logout(page).catch(() => undefined);
    // Leave the stack as we found it for the next test.
    stack.writeRegistry(stack.defaultRegistry());
    for (const name of REMOTE_NAMES) await stack.startApp(name);
  });

  test('all four remotes render in the shell, each visibly its own build', async ({ page, stack }) => {
    await login(page, stack.urlOf('shell'), '1001');
    for (const name of REMOTE_NAMES) {
      await openTab(page, name);
      const remote = page.locator(`[data-remote="${name}"]`);
      await expect(remote).toBeVisible();
      await expect(remote.getByTestId('remote-build')).toHaveText(`${name} v0.1.0`);
    }
    await expect(page.locator('[data-remote-fallback]')).toHaveCount(0);
  });

  test('speaks Simplified Chinese by default and English with ?lng=en-US', async ({ page, stack }) => {
    await page.goto(stack.urlOf('shell'));
    await expect(page.getByRole('heading', { name: '坐席登录' })).toBeVisible();
    await page.getByLabel('工号').fill('1001');
    await page.getByLabel('密码').fill('octopus');
    await page.getByRole('button', { name: '登 录' }).or(page.getByRole('button', { name: '登录' })).click();
    await expect(page.getByRole('tab', { name: '工单' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Octopus 客服工作台' })).toBeVisible();
    await expect(page.getByText('空闲', { exact: true })).toBeVisible();
    await page.goto(`${stack.urlOf('shell')}/?lng=en-US`);
    await expect(page.getByRole('tab', { name: 'Tickets' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Octopus agent workbench' })).toBeVisible();
    for (const label of ['Idle', 'Busy', 'Break', 'Meeting']) {
      await expect(page.getByTestId('agent-status').getByText(label, { exact: true })).toBeVisible();
    }
  });

  test('React, the QueryClient and the telephony store exist once across shell and remotes', async ({ page, stack }) => {
    const remoteOrigins = stack.apps.filter((app) => app.kind === 'remote').map((app) => `:${app.port}/`);
    const remoteRequests: string[] = [];
    page.on('request', (request) => {
      if (remoteOrigins.some((origin) => request.url().includes(origin))) remoteRequests.push(request.url());
    });
    await login(page, stack.urlOf('shell'), '1001');
    for (const name of REMOTE_NAMES) {
      await openTab(page, name);
      const remote = page.locator(`[data-remote="${name}"]`);
      // The registry is only in the shell's QueryClient cache: a remote that shows it reads the same client.
      await expect(remote.locator('[data-registry-version="0.1.0"]')).toBeVisible();
    }

    // A real call lands in the shell's one store; every remote reads it from that same store.
    const callId = await placeCall({ from: '13800138000', keys: '1' });
    await expect(page.getByTestId('caller-number')).toHaveText('13800138000');
    for (const name of REMOTE_NAMES) {
      await openTab(page, name);
      await expect(page.locator(`[data-remote="${name}"]`).getByTestId('remote-active-call')).toHaveText('13800138000');
    }
    // …and the store the remotes read is the very instance the shell exposes.
    expect(await page.evaluate(() => (window as unknown as { __OCTOPUS__: { telephony: { getState(): { activeCallId: string | null } } } }).__OCTOPUS__.telephony.getState().activeCallId)).toBe(callId);
    await callerHangsUp(callId);

    // Remotes downloaded none of their fallback copies of the shared libraries (React, react-query,
    // zustand, the telephony SDK …): their manifests list those files, and none of them was fetched.
    const fetched = new Set(remoteRequests.map((url) => new URL(url).pathname));
    for (const app of stack.apps.filter((candidate) => candidate.kind === 'remote')) {
      const manifestUrl = `http://127.0.0.1:${app.port}/${app.version}/mf-manifest.json`;
      const manifest = (await (await fetch(manifestUrl)).json()) as {
        shared: Array<{ name: string; assets: { js: { sync: string[]; async: string[] } } }>;
      };
      const sharedFiles = manifest.shared.flatMap((shared) => [...shared.assets.js.sync, ...shared.assets.js.async].map((file) => `/${app.version}/${file}`));
      expect(sharedFiles.length).toBeGreaterThan(0);
      expect(sharedFiles.filter((file) => fetched.has(file))).toEqual([]);
      expect([...fetched].some((file) => file.startsWith(`/${app.version}/__federation_expose_Panel`))).toBe(true);
    }
  });

  test('a remote whose server is down degrades only its own slot, and Retry recovers once it is back', async ({ page, stack }) => {
    await stack.stopApp('orders');
    await login(page, stack.urlOf('shell'), '1001');
    await openTab(page, 'orders');
    const fallback = page.locator('[data-remote-fallback="orders"]');
    await expect(fallback).toBeVisible({ timeout: 20_000 });
    await expect(fallback).toHaveAttribute('data-failure-stage', 'manifest');
    await expect(fallback).toContainText('Orders is unavailable');

    // Everything else keeps working.
    for (const name of ['tickets', 'finance', 'service-track'] as const) {
      await openTab(page, name);
      await expect(page.locator(`[data-remote="${name}"]`)).toBeVisible();
    }

    await stack.startApp('orders');
    await openTab(page, 'orders');
    await fallback.getByRole('button', { name: 'Retry' }).click();
    await expect(page.locator('[data-remote="orders"]')).toBeVisible();
    await expect(page.locator('[data-remote-fallback="orders"]')).toHaveCount(0);
  });

  test('the registry is read at runtime: pointing a remote at a missing release degrades it; rolling back restores it', async ({ page, stack }) => {
    const registry = stack.defaultRegistry();
    const tickets = registry.remotes.tickets!;
    stack.writeRegistry({
      remotes: { ...registry.remotes, tickets: { entry: tickets.entry.replace('/0.1.0/', '/9.9.9/'), version: '9.9.9' } },
    });
    await login(page, stack.urlOf('shell'), '1001');
    await expect(page.locator('[data-remote-fallback="tickets"]')).toBeVisible({ timeout: 20_000 });
    await openTab(page, 'orders');
    await expect(page.locator('[data-remote="orders"]')).toBeVisible();

    // Roll back: a registry change, nothing rebuilt or restarted.
    stack.writeRegistry(registry);
    await page.reload();
    await expect(page.locator('[data-remote="tickets"]')).toBeVisible();
  });

  test('any number of remotes: a fifth entry is a tab titled from the registry, an invalid one is skipped, the others render', async ({ page, stack }) => {
    const registry = stack.defaultRegistry();
    stack.writeRegistry({
      remotes: {
        ...registry.remotes,
        // A new team's remote (here an address that is not its build: it must degrade in its own slot only).
        logistics: { entry: registry.remotes.orders!.entry, version: '1.0.0', tab: { title: { 'en-US': 'Logistics', 'zh-CN': '物流' }, order: 15 } },
        broken: { entry: 'not a url', version: '' } as never,
      },
    });
    const served = await fetch(`${stack.urlOf('shell')}/registry.json`);
    expect(served.status).toBe(200);
    expect(((await served.json()) as { invalid: Array<{ remote: string }> }).invalid.map((item) => item.remote)).toEqual(['broken']);
    await login(page, stack.urlOf('shell'), '1001');
    await expect(page.getByRole('tab')).toHaveText(['Tickets', 'Logistics', 'Orders', 'Consignment & Loans', 'Service track']);
    await page.getByRole('tab', { name: 'Logistics', exact: true }).click();
    await expect(page.locator('[data-remote-fallback="logistics"]')).toContainText('Logistics is unavailable', { timeout: 20_000 });
    for (const name of REMOTE_NAMES) {
      await openTab(page, name);
      await expect(page.locator(`[data-remote="${name}"]`)).toBeVisible();
    }
  });

  test('Retry re-reads the registry: after a rollback it loads the good release without a reload', async ({ page, stack }) => {
    const registry = stack.defaultRegistry();
    const tickets = registry.remotes.tickets!;
    stack.writeRegistry({ remotes: { ...registry.remotes, tickets: { entry: tickets.entry.replace('/0.1.0/', '/9.9.9/'), version: '9.9.9' } } });
    await login(page, stack.urlOf('shell'), '1001');
    const fallback = page.locator('[data-remote-fallback="tickets"]');
    await expect(fallback).toBeVisible({ timeout: 20_000 });
    stack.writeRegistry(registry);
    await fallback.getByRole('button', { name: 'Retry' }).click();
    await expect(page.locator('[data-remote="tickets"]').getByTestId('remote-build')).toHaveText('tickets v0.1.0');
  });

  test('a canary reaches only its agents, and every load is reported to the api telemetry', async ({ page, browser, stack }) => {
    const registry = stack.defaultRegistry();
    const tickets = registry.remotes.tickets!;
    // The canary release is not deployed: its agent's tab degrades, everyone else keeps the stable one.
    stack.writeRegistry({ remotes: { ...registry.remotes, tickets: { ...tickets, canary: { entry: tickets.entry.replace('/0.1.0/', '/9.9.8/'), version: '9.9.8', agents: ['1001'] } } } });
    await login(page, stack.urlOf('shell'), '1001');
    await expect(page.locator('[data-remote-fallback="tickets"]')).toBeVisible({ timeout: 20_000 });
    const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const otherPage = await other.newPage();
    try {
      await login(otherPage, stack.urlOf('shell'), '1002');
      await expect(otherPage.locator('[data-remote="tickets"]').getByTestId('remote-build')).toHaveText('tickets v0.1.0');
      // Both agents' loads reach the product's collector (the api), per release and track.
      const secret = process.env.E2E_TOKEN_SECRET!;
      const token = signToken({ kind: 'service', sub: 'e2e' }, { secret, ttlSeconds: 60 });
      await expect
        .poll(
          async () => {
            const response = await fetch(`${API_URL}/telemetry/remote-loads/summary`, { headers: { authorization: `Bearer ${token}` } });
            const summary = (await response.json()) as { rows: Array<{ remote: string; version: string; track: string; failures: number; loads: number }> };
            return summary.rows.filter((row) => row.remote === 'tickets').map((row) => `${row.version}:${row.track}:${row.failures > 0 ? 'failing' : 'ok'}`);
          },
          { timeout: 20_000 },
        )
        .toEqual(expect.arrayContaining(['0.1.0:stable:ok', '9.9.8:canary:failing']));
      await logout(otherPage);
    } finally {
      await other.close();
    }
  });
});
