import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { callEntry, login, logout, phoneBar, placeCall } from './support';

// The four domain remotes on real customer data, under the api's access policy.

async function openTab(page: Page, label: string) {
  await page.getByRole('tab', { name: label, exact: true }).click();
}

test.describe('customer data in the remotes', () => {
  test.afterEach(async ({ page }) => {
    await logout(page).catch(() => undefined);
  });

  test('a verified caller: orders, tickets, finance and service track show their data; a ticket created from the call appears in the service track', async ({ page, stack }) => {
    await login(page, stack.urlOf('shell'), '1002');
    const callId = await placeCall({ from: '13800138000', keys: '2', verify: '13800138000' });
    await phoneBar(page).getByRole('button', { name: 'Answer' }).click();
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'talking');

    await openTab(page, 'Orders');
    const orders = page.locator('[data-remote="orders"]');
    await expect(orders.getByText('SO1000000002').first()).toBeVisible();
    // The detail view and antd's Timeline/Divider are chunks loaded on demand (not at login): they still open and show the logistics.
    await orders.getByRole('button', { name: 'SO1000000002' }).click();
    await expect(orders.getByText('Logistics', { exact: true })).toBeVisible();
    await expect(orders.getByTestId('after-sale')).toBeVisible();
    await orders.getByRole('button', { name: 'Back to list' }).click();
    await expect(orders.getByText('SO1000000002').first()).toBeVisible();

    await openTab(page, 'Consignment & Loans');
    const finance = page.locator('[data-remote="finance"]');
    await expect(finance.getByText('CS00000001').first()).toBeVisible();

    await openTab(page, 'Tickets');
    const tickets = page.locator('[data-remote="tickets"]');
    await expect(tickets.getByText('TK00000001').first()).toBeVisible();
    await tickets.getByRole('button', { name: 'New ticket' }).click();
    const title = `Courier lost parcel ${Date.now()}`;
    await tickets.getByLabel('Title').fill(title);
    await tickets.getByLabel('Description').fill('客户称 SO1000000002 快递未送达');
    await tickets.getByRole('button', { name: 'Create ticket' }).click();
    const created = page.getByText(/Ticket TK\d+ created/);
    await expect(created).toBeVisible();

    // The service track lists the new ticket, and this very call.
    await openTab(page, 'Service track');
    const track = page.locator('[data-remote="service-track"]');
    await expect(track.getByText(title)).toBeVisible();
    await expect(track.getByText(`recording:${callId}`, { exact: false })).toBeVisible();
    await phoneBar(page).getByRole('button', { name: 'Hang up' }).click();
  });

  test('an unverified caller sees masked data and no finance until the agent verifies them', async ({ page, stack }) => {
    await login(page, stack.urlOf('shell'), '1004');
    const callId = await placeCall({ from: '13800138003', keys: '3' });
    await phoneBar(page).getByRole('button', { name: 'Answer' }).click();
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'talking');
    const panel = page.getByTestId('caller-panel');
    await expect(panel.getByTestId('caller-verification')).not.toHaveText('Verified');

    await openTab(page, 'Consignment & Loans');
    const finance = page.locator('[data-remote="finance"]');
    await expect(finance.getByText('Verify the caller to see finance data')).toBeVisible();

    await openTab(page, 'Orders');
    const orders = page.locator('[data-remote="orders"]');
    await expect(orders.getByText('SO1000000009').first()).toBeVisible();
    await orders.getByText('SO1000000009').first().click();
    // The receiver's phone is masked while the caller is unverified.
    await expect(orders.getByText(/1\d{2}\*{4}\d{4}/).first()).toBeVisible();

    // The agent checks the ID suffix the caller tells them, and binds.
    await panel.getByLabel('Registered phone or ID suffix the caller tells you').fill('019X');
    await panel.getByRole('button', { name: 'Confirm identity and bind' }).click();
    await expect(panel.getByTestId('caller-verification')).toHaveText('Verified');

    await openTab(page, 'Consignment & Loans');
    await expect(finance.getByText('CS00000004').first()).toBeVisible();
    await expect(finance.getByText('Verify the caller to see finance data')).toHaveCount(0);
    await phoneBar(page).getByRole('button', { name: 'Hang up' }).click();
  });
});
