import { expect, test } from './fixtures';
import { callEntry, callerHangsUp, login, loginInNewContext, logout, phoneBar, placeCall } from './support';
import { agentState, pickAgent, logOutAfterEach } from './workbench-support';

// Agents are chosen per test so routing is deterministic: an inbound call goes only to an idle agent
// of its group (IVR key 1 presale, 2 aftersale, 3 finance).

test.describe('the agent workbench against the running stack: with colleagues: a second machine, transfer, consultation, conference, rating', () => {
  const pages = logOutAfterEach();

  test('a second machine follows; taking the phone asks first and tells the first machine; logging out a follower keeps the agent Idle', async ({ page, stack, browser }) => {
    test.setTimeout(120_000);
    pages.push(page);
    await login(page, stack.urlOf('shell'), '1001');
    const second = await loginInNewContext(browser, stack.urlOf('shell'), '1001');
    await expect(second.getByTestId('phone-elsewhere-banner')).toBeVisible();
    await expect(page.getByTestId('phone-elsewhere-banner')).toHaveCount(0);
    // Logging the follower out does not set the agent Offline under the first machine.
    await logout(second);
    await second.context().close();
    await page.waitForTimeout(1500);
    await expect(await agentState(page)).toHaveAttribute('data-agent-state', 'idle');

    const other = await loginInNewContext(browser, stack.urlOf('shell'), '1001');
    pages.push(other);
    const callId = await placeCall({ from: '13800138000', keys: '1' });
    await phoneBar(page).getByRole('button', { name: 'Answer' }).click();
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'talking');
    await other.getByTestId('take-phone').click();
    await expect(other.getByText('This agent is on a call in another tab or on another device. Take over?', { exact: false })).toBeVisible();
    await other.getByRole('button', { name: 'Take over' }).click();
    await expect(other.getByTestId('phone-elsewhere-banner')).toHaveCount(0);
    await expect(page.getByText('Another tab or device of yours took the phone; this tab now only follows.')).toBeVisible();
    await expect(page.getByTestId('phone-elsewhere-banner')).toBeVisible();
    await phoneBar(other).getByRole('button', { name: 'Hang up' }).click();
    await other.getByTestId('agent-status').getByRole('button', { name: 'End after-call work' }).click();
    await expect(await agentState(page)).toHaveAttribute('data-agent-state', 'idle');
  });

  test('transfer to another logged-in agent: the target answers and the first agent leaves', async ({ page, stack, browser }) => {
    pages.push(page);
    await login(page, stack.urlOf('shell'), '1005');
    const callId = await placeCall({ from: '13800138001', keys: '3' });
    await phoneBar(page).getByRole('button', { name: 'Answer' }).click();
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'talking');

    const target = await loginInNewContext(browser, stack.urlOf('shell'), '1004');
    pages.push(target);

    await phoneBar(page).getByRole('button', { name: 'Transfer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Transfer the call' });
    await pickAgent(page, 'Transfer the call', '1004');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'transferring');

    await expect(callEntry(target, callId)).toHaveAttribute('data-call-state', 'ringing');
    await phoneBar(target).getByRole('button', { name: 'Answer' }).click();
    await expect(callEntry(target, callId)).toHaveAttribute('data-call-state', 'talking');
    // The transferrer's leg is over: after-call work, no longer talking.
    await expect(await agentState(page)).toHaveAttribute('data-agent-state', 'wrap-up');
    await phoneBar(target).getByRole('button', { name: 'Hang up' }).click();
  });

  test('cancel a transfer, then consult and make it a conference', async ({ page, stack, browser }) => {
    test.setTimeout(120_000);
    pages.push(page);
    await login(page, stack.urlOf('shell'), '1003');
    const callId = await placeCall({ from: '13800138002', keys: '2' });
    await phoneBar(page).getByRole('button', { name: 'Answer' }).click();
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'talking');
    const colleague = await loginInNewContext(browser, stack.urlOf('shell'), '1007');
    pages.push(colleague);

    await phoneBar(page).getByRole('button', { name: 'Transfer' }).click();
    await pickAgent(page, 'Transfer the call', '1007');
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect(callEntry(colleague, callId)).toHaveAttribute('data-call-state', 'ringing');
    await phoneBar(page).getByRole('button', { name: 'Cancel transfer' }).click();
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'talking');
    await expect(callEntry(colleague, callId)).toHaveCount(0);

    await phoneBar(page).getByRole('button', { name: 'Consult' }).click();
    await pickAgent(page, 'Consult', '1007');
    await page.getByRole('dialog', { name: 'Consult' }).getByRole('button', { name: 'Confirm' }).click();
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'consulting');
    await phoneBar(colleague).getByRole('button', { name: 'Answer' }).click();
    // The consulted colleague sees the caller's customer during the consultation (masked, as the consulting
    // agent sees an unverified caller), not "No access to this customer".
    await expect(callEntry(colleague, callId)).toHaveAttribute('data-call-state', 'talking');
    const customer = colleague.getByTestId('customer-panel');
    await expect(customer).toHaveAttribute('data-masked', 'true');
    await expect(customer.getByTestId('customer-name')).toContainText('*');
    await expect(customer.getByTestId('summary-orders')).toContainText(/Orders \d+/);
    await expect(colleague.getByText(/No access to this customer/)).toHaveCount(0);
    await phoneBar(page).getByRole('button', { name: 'Conference' }).click();
    await expect(colleague.getByTestId('caller-panel')).toContainText('In conference');
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'talking');
    await phoneBar(page).getByRole('button', { name: 'Hang up' }).click();
    await phoneBar(colleague).getByRole('button', { name: 'Hang up' }).click();
  });

  test('silence is told: a declined transfer, a declined consultation, a caller who hangs up while it rings or on hold', async ({ page, stack, browser }) => {
    test.setTimeout(150_000);
    pages.push(page);
    await login(page, stack.urlOf('shell'), '1003');
    const colleague = await loginInNewContext(browser, stack.urlOf('shell'), '1007');
    pages.push(colleague);

    // A caller who hangs up while it rings does not just disappear.
    // Which of the two agents the queue offers a call to: wait until one of them lists it (the call list
    // follows the ring a frame later), then take that one.
    const offeredTo = async (id: string) => {
      await expect.poll(async () => (await callEntry(page, id).count()) + (await callEntry(colleague, id).count()), { timeout: 15_000 }).toBeGreaterThan(0);
      return (await callEntry(page, id).count()) ? page : colleague;
    };
    const gone = await placeCall({ from: '13800138002', keys: '2' });
    const ringer = await offeredTo(gone);
    await expect(callEntry(ringer, gone)).toHaveAttribute('data-call-state', 'ringing');
    await callerHangsUp(gone);
    await expect(ringer.locator('[data-notice="caller-hangup-ringing"]').first()).toBeVisible();
    if (ringer !== page) await colleague.waitForTimeout(500);

    const callId = await placeCall({ from: '13800138002', keys: '2' });
    const owner = await offeredTo(callId);
    const other = owner === page ? colleague : page;
    const otherId = owner === page ? '1007' : '1003';
    await phoneBar(owner).getByRole('button', { name: 'Answer' }).click();
    await expect(callEntry(owner, callId)).toHaveAttribute('data-call-state', 'talking');

    // A declined transfer: back to talking, and told.
    await phoneBar(owner).getByRole('button', { name: 'Transfer' }).click();
    await pickAgent(owner, 'Transfer the call', otherId);
    await owner.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect(callEntry(other, callId)).toHaveAttribute('data-call-state', 'ringing');
    await phoneBar(other).getByRole('button', { name: 'Reject' }).click();
    await expect(owner.locator('[data-notice="transfer-failed"]').first()).toBeVisible();
    await expect(callEntry(owner, callId)).toHaveAttribute('data-call-state', 'talking');

    // A declined consultation: the caller is not left on hold without a word.
    await phoneBar(owner).getByRole('button', { name: 'Consult' }).click();
    await pickAgent(owner, 'Consult', otherId);
    await owner.getByRole('dialog', { name: 'Consult' }).getByRole('button', { name: 'Confirm' }).click();
    await expect(callEntry(other, callId)).toHaveAttribute('data-call-state', 'ringing');
    await phoneBar(other).getByRole('button', { name: 'Reject' }).click();
    await expect(owner.locator('[data-notice="consult-failed"]').first()).toBeVisible();

    // The caller hangs up while on hold: told as well.
    if ((await callEntry(owner, callId).getAttribute('data-call-state')) !== 'held') await phoneBar(owner).getByRole('button', { name: /^(Hold|Resume)$/ }).first().click();
    await expect(callEntry(owner, callId)).toHaveAttribute('data-call-state', 'held');
    await callerHangsUp(callId);
    await expect(owner.locator('[data-notice="caller-hangup-held"]').first()).toBeVisible();
    // …and every notice stays readable in the list.
    await owner.getByTestId('notice-bell').click();
    for (const code of ['transfer-failed', 'consult-failed', 'caller-hangup-held']) await expect(owner.getByTestId('notice-list').locator(`[data-notice-code="${code}"]`)).toHaveCount(1);
  });

  test('invite rating, then transfer to survey', async ({ page, stack }) => {
    pages.push(page);
    await login(page, stack.urlOf('shell'), '1006');
    const callId = await placeCall({ from: '13800138003', keys: '1' });
    await phoneBar(page).getByRole('button', { name: 'Answer' }).click();
    await phoneBar(page).getByRole('button', { name: 'Invite rating' }).click();
    await expect(phoneBar(page).getByText(/Rating invited|Caller rating/)).toBeVisible();
    await expect(phoneBar(page).getByText(/Caller rating: \d\/5/)).toBeVisible({ timeout: 15_000 });
    await phoneBar(page).getByRole('button', { name: 'Survey' }).click();
    await expect(await agentState(page)).toHaveAttribute('data-agent-state', 'wrap-up');
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'wrap-up');
  });
});
