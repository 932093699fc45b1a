import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { logout } from './support';

// What the workbench specs (workbench-*.spec.ts) share.
// Agents are chosen per test so routing is deterministic: an inbound call goes only to an idle agent
// of its group (IVR key 1 presale, 2 aftersale, 3 finance).

/**
 * Choose a colleague in the transfer/consult dialog as a keyboard user does: wait until they are free
 * (an agent who just logged in is listed before), type their ID, Enter, and see the pick shown. Typing
 * instead of clicking into the portal list keeps the pick independent of where the list is drawn
 * while the page behind the dialog moves.
 */
export async function pickAgent(page: Page, dialogName: string, id: string) {
  const dialog = page.getByRole('dialog', { name: dialogName });
  const box = dialog.getByRole('combobox', { name: 'Choose an agent' });
  await box.click();
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: `(${id})` });
  await expect(option).not.toHaveClass(/ant-select-item-option-disabled/);
  await box.fill(id);
  await expect(option).toHaveCount(1);
  await box.press('Enter');
  await expect(dialog.locator('.ant-select-content')).toContainText(`(${id})`);
}

/** The agent-state badge (its `data-agent-state` is the state). */
export async function agentState(page: Page) {
  return page.getByTestId('agent-status').locator('[data-agent-state]');
}

/**
 * The pages a test logs in: each test pushes its pages, and after it they are logged out (so the agent is
 * free for the next test) and their contexts closed.
 */
export function logOutAfterEach(): Page[] {
  const pages: Page[] = [];
  test.afterEach(async () => {
    for (const page of pages.splice(0)) {
      await logout(page).catch(() => undefined);
      await page.context().close().catch(() => undefined);
    }
  });
  return pages;
}
