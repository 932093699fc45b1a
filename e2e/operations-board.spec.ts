import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { axeProblems, callerHangsUp, chooseOption, login, loginInNewContext, logout, phoneBar, placeCall } from './support';

// Issue 13 point 3 and the board e2e of point 5: the operations team's remote, registered like any other and
// shown to supervisors and admins only; its supervisor board follows the floor live — a new caller shows as
// queued within a second, the supervisor sets an agent's state and routes the queued call to an agent.

/** The board's rows: a call, an agent, a queue. */
const callRow = (page: Page, callId: string) => page.locator(`[data-call="${callId}"]`);
const agentRow = (page: Page, agentId: string) => page.locator(`[data-agent="${agentId}"]`);

async function openBoard(page: Page, tab: string, screen: string): Promise<void> {
  await page.getByRole('tab', { name: tab, exact: true }).click();
  await page.getByRole('tab', { name: screen, exact: true }).click();
  await expect(page.getByTestId('operations-board')).toBeVisible();
  // The floor has been read once (the cti-server's answer stamps it).
  await expect(page.getByTestId('operations-board')).not.toHaveAttribute('data-floor-at', '');
}

test.describe('operations remote: the supervisor board', () => {
  test('a supervisor watches the floor live, sets an agent state, sees a new call queued within a second and routes it to an agent', async ({ page, browser, stack }) => {
    test.setTimeout(180_000);
    await login(page, stack.urlOf('shell'), '2001');
    // The demo supervisor is in every group: Busy, so the board's caller is not offered to the supervisor.
    await page.getByTestId('agent-status').getByText('Busy', { exact: true }).click();
    await expect(page.getByTestId('agent-status').locator('[data-agent-state]')).toHaveAttribute('data-agent-state', 'busy');
    await openBoard(page, 'Operations', 'Live board');
    await expect(agentRow(page, '1003')).toHaveAttribute('data-state', 'disconnected');
    // An aftersale agent, idle; a presale agent who never sees the operations tab. The board follows their logins.
    const aftersale = await loginInNewContext(browser, stack.urlOf('shell'), '1003');
    const presale = await loginInNewContext(browser, stack.urlOf('shell'), '1001');
    await expect(presale.getByRole('tab', { name: 'Tickets', exact: true })).toBeVisible();
    await expect(presale.getByRole('tab', { name: 'Operations', exact: true })).toHaveCount(0);
    await expect(agentRow(page, '1003')).toHaveAttribute('data-state', 'idle');
    await expect(agentRow(page, '1001')).toHaveAttribute('data-state', 'idle');

    // The supervisor sets 1003 Busy: the agent's own workbench and the board follow (no aftersale agent is free now).
    await chooseOption(page, agentRow(page, '1003'), 'Busy');
    await expect(aftersale.getByTestId('agent-status').locator('[data-agent-state]')).toHaveAttribute('data-agent-state', 'busy');
    await expect(agentRow(page, '1003')).toHaveAttribute('data-state', 'busy');

    // A new aftersale caller: on the board as queued within a second of the call's POST, without reload.
    const placedAt = Date.now();
    const callId = await placeCall({ from: '13900000013', keys: '2' });
    await expect(callRow(page, callId)).toHaveAttribute('data-phase', 'queued', { timeout: 5_000 });
    const shownMs = Date.now() - placedAt;
    console.log(`[operations-board] new call ${callId}: POST /sim/calls → queued on the board in ${shownMs} ms`);
    expect(shownMs, 'a new call shows as queued within a second').toBeLessThan(1_000);
    await expect(page.locator('[data-queue="aftersale"]').getByTestId('queue-waiting')).toHaveText('1');

    // The supervisor routes it to 1001 (presale, idle): it rings there, the agent answers, the board follows.
    await chooseOption(page, callRow(page, callId), '1001 王芳');
    await expect(phoneBar(presale).getByRole('button', { name: 'Answer' })).toBeVisible();
    await expect(callRow(page, callId)).toHaveAttribute('data-phase', 'ringing');
    await expect(callRow(page, callId)).toContainText('1001 王芳');
    await phoneBar(presale).getByRole('button', { name: 'Answer' }).click();
    await expect(callRow(page, callId)).toHaveAttribute('data-phase', 'connected');
    await expect(agentRow(page, '1001')).toHaveAttribute('data-state', 'talking');
    await expect(page.locator('[data-queue="aftersale"]').getByTestId('queue-waiting')).toHaveText('0');
    await expect(page.locator('[data-queue="aftersale"]').getByTestId('queue-service-level')).toHaveText('100%');

    expect(await axeProblems(page), 'critical or serious axe violations on the board (en-US)').toEqual([]);

    await callerHangsUp(callId);
    await expect(callRow(page, callId)).toHaveCount(0);
    for (const other of [aftersale, presale]) {
      await logout(other);
      await other.context().close();
    }
    await logout(page);
  });

  test('an admin sees the board in zh-CN by default, axe-clean', async ({ page, stack }) => {
    // axe-core over the whole workbench takes long on a loaded 2-core machine.
    test.setTimeout(180_000);
    await login(page, stack.urlOf('shell'), '2002');
    // The session survives the reload; without ?lng the page speaks zh-CN.
    await page.goto(`${stack.urlOf('shell')}/`);
    await openBoard(page, '运营', '实时监控');
    await expect(page.getByText('服务水平（20 秒）')).toBeVisible();
    await expect(agentRow(page, '2002')).toContainText('系统管理员');
    expect(await axeProblems(page), 'critical or serious axe violations on the board (zh-CN)').toEqual([]);
    await logout(page);
  });
});
