import { expect, test } from './fixtures';
import { callEntry, callerHangsUp, login, loginToken, phoneBar, placeCall, seedCallRecords, API_URL } from './support';
import { agentState, logOutAfterEach } from './workbench-support';

// Agents are chosen per test so routing is deterministic: an inbound call goes only to an idle agent
// of its group (IVR key 1 presale, 2 aftersale, 3 finance).

test.describe('the agent workbench against the running stack: calling out, Busy, the call list, reloads, tabs and simultaneous calls', () => {
  const pages = logOutAfterEach();

  test('call out from the dial pad; the simulator answers', async ({ page, stack }) => {
    pages.push(page);
    await login(page, stack.urlOf('shell'), '1002');
    await phoneBar(page).getByRole('button', { name: 'Call out' }).click();
    const dialog = page.getByRole('dialog', { name: 'Call out' });
    await dialog.getByLabel('Number').fill('13900001111');
    await dialog.getByRole('button', { name: 'Dial' }).click();
    const entry = page.locator('[data-call-state]').first();
    await expect(entry).toHaveAttribute('data-call-state', 'talking', { timeout: 15_000 });
    await expect(page.getByTestId('caller-number')).toHaveText('13900001111');
    await phoneBar(page).getByRole('button', { name: 'Hang up' }).click();
    await expect(await agentState(page)).toHaveAttribute('data-agent-state', 'wrap-up');
  });

  test('a Busy agent gets no call; back to Idle it rings', async ({ page, stack }) => {
    pages.push(page);
    await login(page, stack.urlOf('shell'), '1008');
    await page.getByTestId('agent-status').getByText('Busy', { exact: true }).click();
    await expect(await agentState(page)).toHaveAttribute('data-agent-state', 'busy');
    const callId = await placeCall({ from: '13800138004', keys: '3' });
    await page.waitForTimeout(2_000);
    await expect(callEntry(page, callId)).toHaveCount(0);
    await page.getByTestId('agent-status').getByText('Idle', { exact: true }).click();
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'ringing');
    await callerHangsUp(callId);
  });

  test('deleting a record removes it and the next older one fills the tenth place', async ({ page, stack }) => {
    pages.push(page);
    await seedCallRecords('1007', 12, `past-${Date.now()}`);
    await login(page, stack.urlOf('shell'), '1007');
    const token = await loginToken('1007');
    const before = (await (await fetch(`${API_URL}/call-records?limit=11`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      records: Array<{ callId: string }>;
    };
    expect(before.records).toHaveLength(11);
    const records = page.locator('[data-record]');
    await expect(records).toHaveCount(10);
    const first = before.records[0]!.callId;
    const eleventh = before.records[10]!.callId;
    await expect(page.locator(`[data-record][data-call-id="${eleventh}"]`)).toHaveCount(0);
    await page.locator(`[data-record][data-call-id="${first}"]`).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete' }).last().click();
    await expect(page.locator(`[data-record][data-call-id="${first}"]`)).toHaveCount(0);
    await expect(page.locator(`[data-record][data-call-id="${eleventh}"]`)).toBeVisible();
    await expect(records).toHaveCount(10);
  });

  test('a reload mid-call restores the call, its tab and the drafts', async ({ page, stack }) => {
    pages.push(page);
    await login(page, stack.urlOf('shell'), '1001');
    const callId = await placeCall({ from: '13800138003', keys: '1' });
    await phoneBar(page).getByRole('button', { name: 'Answer' }).click();
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'talking');
    const panel = page.getByTestId('caller-panel');
    await panel.getByLabel('Notes').fill('draft before reload');
    await page.getByRole('tab', { name: 'Orders', exact: true }).click();
    await panel.getByRole('textbox', { name: 'Phone', exact: true }).fill('18600186003');

    await page.reload();
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-connection', 'connected');
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'talking');
    await expect(page.getByTestId('caller-panel').getByLabel('Notes')).toHaveValue('draft before reload');
    await expect(page.getByRole('tab', { name: 'Orders', exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('caller-panel').getByRole('textbox', { name: 'Phone', exact: true })).toHaveValue('18600186003');
    await phoneBar(page).getByRole('button', { name: 'Hang up' }).click();
  });

  test('two tabs of one agent: a ticket draft typed in the phone tab survives the other tab and a reload', async ({ page, stack }) => {
    test.setTimeout(120_000);
    pages.push(page);
    await login(page, stack.urlOf('shell'), '1002');
    // A second tab of the same browser (same localStorage), following the phone tab.
    const other = await page.context().newPage();
    await login(other, stack.urlOf('shell'), '1002');
    await expect(other.getByTestId('phone-elsewhere-banner')).toBeVisible();
    await page.bringToFront();
    const callId = await placeCall({ from: '13800138000', keys: '2', verify: '13800138000' });
    await phoneBar(page).getByRole('button', { name: 'Answer' }).click();
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'talking');
    await page.getByRole('tab', { name: 'Tickets', exact: true }).click();
    const tickets = page.locator('[data-remote="tickets"]');
    await tickets.getByRole('button', { name: 'New ticket' }).click();
    await tickets.getByLabel('Title').fill('Draft from the phone tab');
    await tickets.getByLabel('Description').fill('typed while another tab is open');
    // The other tab keeps running (its own writes every few seconds used to replace this draft).
    await other.bringToFront();
    await expect(callEntry(other, callId)).toHaveAttribute('data-call-state', 'talking');
    await other.waitForTimeout(6_000);
    await page.bringToFront();
    await page.reload();
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-connection', 'connected');
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'talking');
    await page.getByRole('tab', { name: 'Tickets', exact: true }).click();
    await expect(page.locator('[data-remote="tickets"]').getByLabel('Title')).toHaveValue('Draft from the phone tab', { timeout: 15_000 });
    await expect(page.locator('[data-remote="tickets"]').getByLabel('Description')).toHaveValue('typed while another tab is open');
    await phoneBar(page).getByRole('button', { name: 'Hang up' }).click();
    await other.close();
  });

  test('two simultaneous calls: hold one, dial another, switch back and forth with drafts intact', async ({ page, stack }) => {
    pages.push(page);
    await login(page, stack.urlOf('shell'), '1001');
    const panel = page.getByTestId('caller-panel');
    const first = await placeCall({ from: '13800138003', keys: '1' });
    await phoneBar(page).getByRole('button', { name: 'Answer' }).click();
    await expect(callEntry(page, first)).toHaveAttribute('data-call-state', 'talking');
    await panel.getByLabel('Notes').fill('first caller: refund');
    await panel.getByRole('textbox', { name: 'Phone', exact: true }).fill('18600186003');
    await page.getByRole('tab', { name: 'Orders', exact: true }).click();
    await phoneBar(page).getByRole('button', { name: 'Hold' }).click();
    await expect(callEntry(page, first)).toHaveAttribute('data-call-state', 'held');

    await phoneBar(page).getByRole('button', { name: 'Call out' }).click();
    const dialog = page.getByRole('dialog', { name: 'Call out' });
    await dialog.getByLabel('Number').fill('13900002222');
    await dialog.getByRole('button', { name: 'Dial' }).click();
    await expect(panel.getByTestId('caller-number')).toHaveText('13900002222');
    await expect(page.locator('button[data-call-id]')).toHaveCount(2);
    const second = (await page.locator('button[data-call-id]').nth(1).getAttribute('data-call-id'))!;
    await expect(callEntry(page, second)).toHaveAttribute('data-call-state', 'talking', { timeout: 15_000 });
    await panel.getByLabel('Notes').fill('second call: courier');
    await page.getByRole('tab', { name: 'Service track', exact: true }).click();

    for (let round = 0; round < 2; round += 1) {
      await callEntry(page, first).click();
      await expect(panel.getByTestId('caller-number')).toHaveText('13800138003');
      await expect(panel.getByLabel('Notes')).toHaveValue('first caller: refund');
      await expect(panel.getByRole('textbox', { name: 'Phone', exact: true })).toHaveValue('18600186003');
      await expect(page.getByRole('tab', { name: 'Orders', exact: true })).toHaveAttribute('aria-selected', 'true');
      await callEntry(page, second).click();
      await expect(panel.getByTestId('caller-number')).toHaveText('13900002222');
      await expect(panel.getByLabel('Notes')).toHaveValue('second call: courier');
      await expect(page.getByRole('tab', { name: 'Service track', exact: true })).toHaveAttribute('aria-selected', 'true');
    }

    await phoneBar(page).getByRole('button', { name: 'Hang up' }).click();
    await callEntry(page, first).click();
    await phoneBar(page).getByRole('button', { name: 'Resume' }).click();
    await expect(callEntry(page, first)).toHaveAttribute('data-call-state', 'talking');
    await phoneBar(page).getByRole('button', { name: 'Hang up' }).click();
  });
});
