import type { Page } from '@playwright/test';
import { REMOTE_NAMES, type RemoteName } from '@octopus/contracts';
import { expect, test } from './fixtures';

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
  test.afterEach(async ({ stack }) => {
    // Leave the stack as we found it for the next test.
    stack.writeRegistry(stack.defaultRegistry());
    for (const name of REMOTE_NAMES) await stack.startApp(name);
  });

  test('all four remotes render in the shell, each visibly its own build', async ({ page, stack }) => {
    await page.goto(`${stack.urlOf('shell')}/?lng=en-US`);
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
    await expect(page.getByRole('tab', { name: '工单' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Octopus 客服工作台' })).toBeVisible();
    await page.goto(`${stack.urlOf('shell')}/?lng=en-US`);
    await expect(page.getByRole('tab', { name: 'Tickets' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Octopus agent workbench' })).toBeVisible();
  });

  test('React, the QueryClient and the telephony store exist once across shell and remotes', async ({ page, stack }) => {
    const remoteOrigins = stack.apps.filter((app) => app.kind === 'remote').map((app) => `:${app.port}/`);
    const remoteRequests: string[] = [];
    page.on('request', (request) => {
      if (remoteOrigins.some((origin) => request.url().includes(origin))) remoteRequests.push(request.url());
    });
    await page.goto(`${stack.urlOf('shell')}/?lng=en-US`);
    for (const name of REMOTE_NAMES) {
      await openTab(page, name);
      const remote = page.locator(`[data-remote="${name}"]`);
      // The registry is only in the shell's QueryClient cache: a remote that shows it reads the same client.
      await expect(remote.locator('[data-registry-version="0.1.0"]')).toBeVisible();
    }

    // The shell's one store changes; every remote (and the shell) shows it.
    await page.evaluate(() => {
      const { telephony } = (window as unknown as { __OCTOPUS__: { telephony: { setState(partial: object): void } } }).__OCTOPUS__;
      telephony.setState({
        calls: { 'call-e2e-1': { id: 'call-e2e-1', from: '13800138000', state: 'talking' } },
        activeCallId: 'call-e2e-1',
      });
    });
    await expect(page.getByTestId('shell-active-call')).toHaveText('On call: 13800138000');
    for (const name of REMOTE_NAMES) {
      await openTab(page, name);
      await expect(page.locator(`[data-remote="${name}"]`).getByTestId('remote-active-call')).toHaveText('13800138000');
    }

    // Remotes downloaded only their entry and their own panel code: React, antd, react-query, zustand and
    // the telephony SDK came from the shell.
    const fetched = remoteRequests.map((url) => new URL(url).pathname.split('/').pop() ?? '');
    expect(fetched.filter((file) => !/^(mf-manifest\.json|remoteEntry\.js|__federation_expose_Panel\.[0-9a-f]+\.js)$/.test(file))).toEqual([]);
    expect(fetched.filter((file) => file.startsWith('__federation_expose_Panel'))).toHaveLength(4);
  });

  test('a remote whose server is down degrades only its own slot, and Retry recovers once it is back', async ({ page, stack }) => {
    await stack.stopApp('orders');
    await page.goto(`${stack.urlOf('shell')}/?lng=en-US`);
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
    await page.goto(`${stack.urlOf('shell')}/?lng=en-US`);
    await expect(page.locator('[data-remote-fallback="tickets"]')).toBeVisible({ timeout: 20_000 });
    await openTab(page, 'orders');
    await expect(page.locator('[data-remote="orders"]')).toBeVisible();

    // Roll back: a registry change, nothing rebuilt or restarted.
    stack.writeRegistry(registry);
    await page.reload();
    await expect(page.locator('[data-remote="tickets"]')).toBeVisible();
  });
});
