import { expect, test } from './fixtures';
import { API_URL, callEntry, login, loginToken, logout, phoneBar, placeCall } from './support';

// The customer at a glance (masked until verified, then revealed) and dispositions in after-call work.

test.describe('customer panel and dispositions', () => {
  test.afterEach(async ({ page }) => {
    await logout(page).catch(() => undefined);
  });

  test('the customer panel shows what the api sends: masked for an unverified caller, everything once verified', async ({ page, stack }) => {
    await login(page, stack.urlOf('shell'), '1006');
    const callId = await placeCall({ from: '13800138003', keys: '1' });
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'ringing');

    // Filled while it rings, masked: name, phones, ID and address as the api masks them; finance withheld.
    const customer = page.getByTestId('customer-panel');
    await expect(customer).toHaveAttribute('data-masked', 'true');
    await expect(customer.getByTestId('customer-name')).toContainText('*');
    await expect(customer.getByTestId('customer-phones')).toContainText('****');
    await expect(customer.getByTestId('customer-id-number')).toHaveText(/^\d{3}\*{15}$/);
    await expect(customer.getByTestId('customer-address')).toHaveText(/\*\*\*\*$/);
    await expect(customer.getByTestId('summary-orders')).toContainText(/Orders \d+/);
    await expect(customer.getByTestId('summary-consignments')).toHaveAttribute('data-withheld', 'true');
    // The caller panel's name follows the same masking.
    const caller = page.getByTestId('caller-panel');
    await expect(caller.getByTestId('caller-customer')).toContainText('*');

    await phoneBar(page).getByRole('button', { name: 'Answer' }).click();
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'talking');
    await caller.getByLabel('Registered phone or ID suffix the caller tells you').fill('019X');
    await caller.getByRole('button', { name: 'Confirm identity and bind' }).click();
    await expect(caller.getByTestId('caller-verification')).toHaveText('Verified');

    await expect(customer).toHaveAttribute('data-masked', 'false');
    await expect(customer.getByTestId('customer-name')).not.toContainText('*');
    await expect(customer.getByTestId('customer-id-number')).toHaveText(/^\d{17}[\dX]$/);
    await expect(customer.getByTestId('customer-phones')).toContainText('13800138003');
    await expect(customer.getByTestId('summary-consignments')).toContainText(/Consignments \d+/);
    await expect(caller.getByTestId('caller-customer')).not.toContainText('*');

    // A count links to its tab.
    await customer.getByTestId('summary-orders').getByRole('button').click();
    await expect(page.getByRole('tab', { name: 'Orders', exact: true })).toHaveAttribute('aria-selected', 'true');
    await phoneBar(page).getByRole('button', { name: 'Hang up' }).click();
  });

  test('a group that requires a disposition holds after-call work until one is chosen — past the wrap-up time, on the server; the record shows it', async ({ page, stack }) => {
    await login(page, stack.urlOf('shell'), '1005');
    const callId = await placeCall({ from: '13800138001', keys: '3', verify: '13800138001' });
    await phoneBar(page).getByRole('button', { name: 'Answer' }).click();
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'talking');
    await phoneBar(page).getByRole('button', { name: 'Hang up' }).click();

    const picker = page.getByTestId('caller-panel').getByTestId('disposition');
    await expect(picker).toHaveAttribute('data-required', 'true');
    const end = page.getByTestId('agent-status').getByRole('button', { name: 'End after-call work' });
    await expect(end).toBeDisabled();
    await expect(page.getByTestId('disposition-required')).toBeVisible();

    // The test stack's 8 s wrap-up runs out: the cti-server keeps the agent in after-call work, and says why.
    const state = page.getByTestId('agent-status').locator('[data-agent-state]');
    const countdown = page.getByTestId('wrap-up-countdown');
    await expect(countdown).toHaveAttribute('data-awaiting', 'disposition', { timeout: 20_000 });
    await expect(countdown).toHaveText('Disposition needed');
    await page.waitForTimeout(1_000);
    await expect(state).toHaveAttribute('data-agent-state', 'wrap-up');
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'wrap-up');
    // Asking for another state is refused by the server, in words.
    await page.getByTestId('agent-status').getByText('Break', { exact: true }).click();
    await expect(page.getByText(/This group needs a disposition/).first()).toBeVisible();
    await expect(state).toHaveAttribute('data-agent-state', 'wrap-up');

    await picker.getByRole('combobox', { name: 'Disposition' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Loan repayment' }).click();
    // Chosen after its time: after-call work ends at once.
    await expect(state).toHaveAttribute('data-agent-state', 'idle');

    const record = page.locator(`[data-record][data-call-id="${callId}"]`);
    await expect(record.getByTestId('record-disposition')).toHaveText('Loan repayment');
    const token = await loginToken('1005');
    await expect
      .poll(async () => {
        const response = await fetch(`${API_URL}/call-records?limit=10`, { headers: { authorization: `Bearer ${token}` } });
        const body = (await response.json()) as { records: Array<{ callId: string; disposition: { code: string } | null }> };
        return body.records.find((r) => r.callId === callId)?.disposition?.code;
      })
      .toBe('loan-repayment');
  });
});
