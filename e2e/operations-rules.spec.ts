import type { Page } from '@playwright/test';
import type { SimCallStatus } from '@octopus/contracts';
import { expect, test } from './fixtures';
import { axeProblems, CTI_URL, callerHangsUp, chooseOption, login, loginInNewContext, logout, placeCall } from './support';

// Issue 13 point 1 and the rules e2e of point 5: a supervisor changes a skill group's routing rules in the
// operations remote's Routing rules screen — round robin, and an overflow to another group after 30 s in the
// queue — and the very next calls follow them, without a restart: they alternate between the group's two
// agents even when longest-idle would pick otherwise, and a caller nobody takes overflows at ~30 s (real time).

/** The caller simulator's view of a call (phase, group, the agent it rings). */
async function callStatus(callId: string): Promise<SimCallStatus> {
  const response = await fetch(`${CTI_URL}/sim/calls/${callId}`);
  expect(response.status).toBe(200);
  return (await response.json()) as SimCallStatus;
}

const stateOf = (page: Page) => page.getByTestId('agent-status').locator('[data-agent-state]').getAttribute('data-agent-state');

/** Waits until the call rings one of `agents` (id → that agent's workbench); resolves with the agent's id. */
async function ringingAgentOf(callId: string, agents: Record<string, Page>): Promise<string> {
  await expect.poll(async () => (await callStatus(callId)).phase, { timeout: 10_000 }).toBe('ringing');
  let ringing: string[] = [];
  await expect
    .poll(async () => {
      ringing = [];
      for (const [id, page] of Object.entries(agents)) if ((await stateOf(page)) === 'ringing') ringing.push(id);
      return ringing.length;
    })
    .toBe(1);
  return ringing[0]!;
}

/** The caller hangs up while it rings; resolves once the agent is idle again on its own workbench. */
async function hangUpRinging(callId: string, agent: Page): Promise<void> {
  await callerHangsUp(callId);
  await expect(agent.getByTestId('agent-status').locator('[data-agent-state]')).toHaveAttribute('data-agent-state', 'idle');
}

async function setOwnState(page: Page, label: 'Busy' | 'Idle'): Promise<void> {
  await page.getByTestId('agent-status').getByText(label, { exact: true }).click();
  await expect(page.getByTestId('agent-status').locator('[data-agent-state]')).toHaveAttribute('data-agent-state', label.toLowerCase());
}

test.describe('operations remote: routing rules, live', () => {
  test('a supervisor sets round robin and a 30 s overflow; the next calls follow it without a restart; one click rolls it back', async ({ page, browser, stack }) => {
    // Four calls and a real 30 s wait in the queue.
    test.setTimeout(240_000);
    await login(page, stack.urlOf('shell'), '2001');
    await setOwnState(page, 'Busy');
    // The presale group's two agents on shift, and an aftersale agent for the overflow.
    const wang = await loginInNewContext(browser, stack.urlOf('shell'), '1001');
    const huang = await loginInNewContext(browser, stack.urlOf('shell'), '1008');
    const zhang = await loginInNewContext(browser, stack.urlOf('shell'), '1003');
    await setOwnState(zhang, 'Busy');
    const agents: Record<string, Page> = { '1001': wang, '1008': huang };

    await page.getByRole('tab', { name: 'Operations', exact: true }).click();
    await page.getByRole('tab', { name: 'Routing rules', exact: true }).click();
    const screen = page.getByTestId('rules-screen');
    await expect(screen).toBeVisible();
    const before = Number(await screen.getAttribute('data-rules-version'));
    await expect(page.getByRole('radio', { name: 'Pre-sales' })).toBeChecked();
    await expect(page.getByRole('radio', { name: 'Longest idle' })).toBeChecked();

    // A wait below the 1 s minimum: the server's 400 shows beside the field, nothing is saved.
    await page.getByLabel('Max queue wait (s, empty: no limit)').fill('0.5');
    await page.getByTestId('rules-save').click();
    await expect(page.locator('[data-field-error="maxWaitMs"]')).toBeVisible();
    await expect(screen).toHaveAttribute('data-rules-version', String(before));

    // Round robin; after 30 s in the queue, overflow to After-sales.
    await page.getByText('Round robin', { exact: true }).click();
    await page.getByLabel('Max queue wait (s, empty: no limit)').fill('30');
    await chooseOption(page, page.getByLabel('When the wait is over', { exact: true }), 'Overflow to another group');
    await chooseOption(page, page.getByLabel('Overflow target group', { exact: true }), 'After-sales');
    await page.getByTestId('rules-save').click();
    await expect(screen).toHaveAttribute('data-rules-version', String(before + 1));
    await expect(page.locator('[data-field-error]')).toHaveCount(0);
    const saved = page.locator(`tr[data-rules-version="${before + 1}"]`);
    await expect(saved).toContainText('2001');
    await expect(saved).toContainText('Pre-sales: strategy, max queue wait');

    // Round robin across the two presale agents. The first call rings one of them (A); then B goes Busy and
    // back to Idle, so A has been idle longer: longest-idle would ring A again, round robin rings B, then A.
    const first = await placeCall({ from: '13900000131', keys: '1' });
    const a = await ringingAgentOf(first, agents);
    expect(['1001', '1008']).toContain(a);
    const b = a === '1001' ? '1008' : '1001';
    await hangUpRinging(first, agents[a]!);
    await setOwnState(agents[b]!, 'Busy');
    await setOwnState(agents[b]!, 'Idle');
    const rang: string[] = [a];
    for (const from of ['13900000132', '13900000133', '13900000134']) {
      const callId = await placeCall({ from, keys: '1' });
      const agentId = await ringingAgentOf(callId, agents);
      rang.push(agentId);
      await hangUpRinging(callId, agents[agentId]!);
    }
    console.log(`[operations-rules] round robin rang ${rang.join(' → ')}`);
    expect(rang).toEqual([a, b, a, b]);

    // Nobody of presale free: the caller waits in the presale queue, and overflows to After-sales at ~30 s.
    await setOwnState(wang, 'Busy');
    await setOwnState(huang, 'Busy');
    const waiting = await placeCall({ from: '13900000135', keys: '1' });
    await expect.poll(async () => (await callStatus(waiting)).phase).toBe('queued');
    const queuedAt = Date.now();
    expect((await callStatus(waiting)).skillGroup).toBe('presale');
    await setOwnState(zhang, 'Idle');
    await page.waitForTimeout(25_000);
    expect(await callStatus(waiting), 'still in presale at 25 s').toMatchObject({ phase: 'queued', skillGroup: 'presale' });
    await expect.poll(async () => (await callStatus(waiting)).skillGroup, { timeout: 15_000, intervals: [250] }).toBe('aftersale');
    const overflowMs = Date.now() - queuedAt;
    console.log(`[operations-rules] queued in presale → overflowed to aftersale after ${overflowMs} ms`);
    expect(overflowMs).toBeGreaterThanOrEqual(29_000);
    expect(overflowMs).toBeLessThan(34_000);
    // The overflowed caller rings the aftersale agent.
    expect(await ringingAgentOf(waiting, { ...agents, '1003': zhang })).toBe('1003');
    await callerHangsUp(waiting);

    // One click rolls the change back (as a new version); the screen shows the seed's rules again.
    await page.getByRole('button', { name: `Roll back to version ${before}` }).click();
    await expect(screen).toHaveAttribute('data-rules-version', String(before + 2));
    await expect(page.locator(`tr[data-rules-version="${before + 2}"]`)).toContainText(`Rolled back to version ${before}`);
    await expect(page.getByRole('radio', { name: 'Longest idle' })).toBeChecked();

    // Every field shown (hours with a holiday, sticky agent, a closed message): axe-clean; then discarded.
    await page.getByText('By business hours', { exact: true }).click();
    await page.getByRole('button', { name: 'Add a holiday' }).click();
    await page.getByText('On', { exact: true }).click();
    await chooseOption(page, page.getByLabel('When the queue is full', { exact: true }), 'Closed message');
    expect(await axeProblems(page), 'critical or serious axe violations on the rules screen').toEqual([]);
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await expect(page.getByTestId('rules-unsaved')).toHaveCount(0);

    for (const other of [wang, huang, zhang]) {
      await logout(other);
      await other.context().close();
    }
    await logout(page);
  });
});
