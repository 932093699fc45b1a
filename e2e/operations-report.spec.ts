import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { callEntry, callerHangsUp, loginInNewContext, login, logout, phoneBar, placeCall } from './support';

// Issue 13 point 4 and the report e2e of point 5: a supervisor opens the effectiveness report (the
// operations remote's Report screen), a call is placed through the simulator, answered and ended, and
// the report counts it today — computed by the api from the call record the cti-server wrote.

/** Today's row of the by-period table (the screen opens on the 28 days ending today, China time). */
function todayRow(page: Page) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now());
  return page.locator(`[data-report-period="${today}"]`);
}

async function figure(page: Page, name: 'offered' | 'answered' | 'abandoned'): Promise<number> {
  return Number(await todayRow(page).locator(`[data-figure="${name}"]`).innerText());
}

async function refreshed(page: Page): Promise<void> {
  await page.getByTestId('report-refresh').click();
  await expect(page.getByTestId('report-screen')).toHaveAttribute('data-report-ready', 'true');
}

test.describe('operations remote: the effectiveness report', () => {
  test('a supervisor reads the report with charts; a call answered and ended now is counted today; CSV downloads', async ({ page, browser, stack }) => {
    test.setTimeout(180_000);
    const agent = await loginInNewContext(browser, stack.urlOf('shell'), '1003');
    await login(page, stack.urlOf('shell'), '2001');
    await page.getByRole('tab', { name: 'Operations', exact: true }).click();
    await page.getByRole('tab', { name: 'Effectiveness report', exact: true }).click();
    await expect(page.getByTestId('report-screen')).toHaveAttribute('data-report-ready', 'true', { timeout: 30_000 });
    // The seeded weeks of history: the charts are drawn (uPlot canvases) and the summary has numbers.
    for (const chart of ['report-chart-volume', 'report-chart-service-level', 'report-chart-handle-time']) {
      await expect(page.getByTestId(chart).locator('canvas')).toHaveCount(1);
    }
    expect(Number(await page.locator('[data-kpi="offered"] dd').innerText())).toBeGreaterThan(100);
    await expect(page.locator('[data-report-group="aftersale"]')).toBeVisible();

    const before = { offered: await figure(page, 'offered'), answered: await figure(page, 'answered') };
    const callId = await placeCall({ from: '13900000014', keys: '2' });
    await expect(phoneBar(agent).getByRole('button', { name: 'Answer' })).toBeVisible();
    await phoneBar(agent).getByRole('button', { name: 'Answer' }).click();
    await expect(callEntry(agent, callId)).toHaveAttribute('data-call-state', 'talking');
    await callerHangsUp(callId);

    // The record reaches the api through the cti-server's outbox: the report counts the call today.
    await expect(async () => {
      await refreshed(page);
      expect(await figure(page, 'offered')).toBe(before.offered + 1);
      expect(await figure(page, 'answered')).toBe(before.answered + 1);
    }).toPass({ timeout: 20_000 });

    const download = page.waitForEvent('download');
    await page.getByTestId('report-csv-figures').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^effectiveness-figures-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-day\.csv$/);

    await page.waitForTimeout(400);
    const axe = await new AxeBuilder({ page }).include('[data-testid="report-screen"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id}×${v.nodes.length}`)).toEqual([]);
    await logout(agent);
    await logout(page);
  });
});
