import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { signToken } from '@octopus/auth';

export const CTI_URL = process.env.E2E_CTI_URL ?? 'http://127.0.0.1:4000';
export const API_URL = process.env.E2E_API_URL ?? 'http://127.0.0.1:4100';

export interface SimCall {
  from: string;
  keys?: string;
  skillGroup?: string;
  verify?: string;
}

/** The caller simulator: a caller dials the hotline. */
export async function placeCall(call: SimCall): Promise<string> {
  const response = await fetch(`${CTI_URL}/sim/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(call),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { callId: string }).callId;
}

export async function callerHangsUp(callId: string): Promise<void> {
  // The cti-server takes JSON bodies only (no form posts a foreign page could send).
  await fetch(`${CTI_URL}/sim/calls/${callId}/hangup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
}

export async function loginToken(agentId: string): Promise<string> {
  const response = await fetch(`${CTI_URL}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ agentId, password: 'octopus' }),
  });
  return ((await response.json()) as { token: string }).token;
}

/** Opens the shell in English and logs in; resolves once the agent is connected and Idle. */
export async function login(page: Page, shellUrl: string, agentId: string): Promise<void> {
  await page.goto(`${shellUrl}/?lng=en-US`);
  await page.getByLabel('Agent ID').fill(agentId);
  await page.getByLabel('Password').fill('octopus');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-connection', 'connected');
  await expect(page.getByTestId('agent-status').locator('[data-agent-state]')).toHaveAttribute('data-agent-state', 'idle');
}

/** A second agent in its own browser context (own session storage, own WebSocket). */
export async function loginInNewContext(browser: Browser, shellUrl: string, agentId: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await login(page, shellUrl, agentId);
  return page;
}

export async function logout(page: Page): Promise<void> {
  if (page.isClosed()) return;
  const button = page.getByRole('button', { name: 'Log out' });
  if (await button.isVisible().catch(() => false)) {
    await button.click();
    await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  }
}

export function phoneBar(page: Page) {
  return page.getByTestId('phone-bar');
}

export function callEntry(page: Page, callId: string) {
  return page.locator(`[data-call-id="${callId}"]`);
}

/** A service token signed with this run's secret (set by fixtures.ts). */
export function serviceToken(): string {
  const secret = process.env.E2E_TOKEN_SECRET;
  if (!secret) throw new Error('E2E_TOKEN_SECRET is not set: the stack fixture sets it');
  return signToken({ kind: 'service', sub: 'e2e' }, { secret, ttlSeconds: 300 });
}

/** Seeds past calls for an agent through the cti-server's own channel into the api (a service token). */
export async function seedCallRecords(agentId: string, count: number, prefix: string): Promise<string[]> {
  const token = serviceToken();
  const ids: string[] = [];
  const base = Date.now() - 3 * 3600_000;
  for (let index = 0; index < count; index += 1) {
    const callId = `${prefix}-${index}`;
    const connectedAt = new Date(base + index * 60_000).toISOString();
    const response = await fetch(`${API_URL}/internal/call-records/${callId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        callId,
        agentId,
        direction: 'inbound',
        number: `1390000${String(1000 + index)}`,
        province: '上海',
        city: '上海',
        skillGroup: 'aftersale',
        keyTrack: '2',
        verificationStatus: 'unverified',
        verificationMethod: null,
        userId: null,
        connectedAt,
        endedAt: new Date(base + index * 60_000 + 30_000).toISOString(),
        transfers: [],
        rating: null,
        endReason: 'caller-hangup',
      }),
    });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    ids.push(callId);
  }
  return ids;
}

/**
 * Picks `option` (its title) in an antd Select: `select` is the Select, an element inside it, or its combobox
 * itself (e.g. `page.getByLabel('…')` for a labelled one).
 */
export async function chooseOption(page: Page, select: Locator, option: string): Promise<void> {
  const combobox = (await select.getAttribute('role')) === 'combobox' ? select : select.getByRole('combobox');
  await combobox.click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

/** axe-core on the page: critical and serious violations, as `rule×nodes`. */
export async function axeProblems(page: Page): Promise<string[]> {
  // antd's motion must finish: axe reads colours of elements mid-fade otherwise.
  await page.waitForTimeout(400);
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id}×${v.nodes.length} [${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}]`);
}
