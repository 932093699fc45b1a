import type { Page, Request } from '@playwright/test';
import { expect, test } from './fixtures';
import { API_URL, CTI_URL, callEntry, login, logout, phoneBar, placeCall } from './support';

// Issue [1/7] as an attacker with a valid agent login would try it, in the running product.

/** The agent token and the call grant the page sends to the api (read off its own requests). */
function captureCredentials(page: Page) {
  const seen: { token: string | null; grant: string | null } = { token: null, grant: null };
  page.on('request', (request: Request) => {
    const headers = request.headers();
    if (!request.url().startsWith(API_URL.replace('127.0.0.1', 'localhost')) && !request.url().startsWith(API_URL)) return;
    const auth = headers.authorization;
    if (auth?.startsWith('Bearer ')) seen.token = auth.slice('Bearer '.length);
    if (headers['x-octopus-grant']) seen.grant = headers['x-octopus-grant'];
  });
  return seen;
}

async function openTab(page: Page, label: string) {
  await page.getByRole('tab', { name: label, exact: true }).click();
}

test.describe('security', () => {
  test.afterEach(async ({ page }) => {
    await logout(page).catch(() => undefined);
  });

  test('binding a searched account without a check only identifies the caller: data stays masked and finance withheld', async ({ page, stack }) => {
    await login(page, stack.urlOf('shell'), '1005');
    const callId = await placeCall({ from: '13800138003', keys: '3' });
    await phoneBar(page).getByRole('button', { name: 'Answer' }).click();
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'talking');

    const panel = page.getByTestId('caller-panel');
    // Another customer's registered phone, searched and bound without asking the caller anything.
    await panel.getByRole('textbox', { name: 'Phone', exact: true }).fill('13800138001');
    await panel.getByRole('button', { name: 'Search', exact: true }).click();
    const result = panel.locator('[data-user-id="U0000002"]');
    await result.getByRole('button', { name: 'Bind (identified by search)' }).click();
    await expect(panel.getByTestId('caller-verification')).not.toHaveText('Verified');

    await openTab(page, 'Consignment & Loans');
    const finance = page.locator('[data-remote="finance"]');
    await expect(finance.getByText('Verify the caller to see finance data')).toBeVisible();
    await expect(finance.getByText('CS00000002')).toHaveCount(0);
    await phoneBar(page).getByRole('button', { name: 'Hang up' }).click();
  });

  test('a call grant is refused once the agent’s after-call work is over', async ({ page, stack }) => {
    const credentials = captureCredentials(page);
    await login(page, stack.urlOf('shell'), '1003');
    const callId = await placeCall({ from: '13800138000', keys: '2', verify: '13800138000' });
    await phoneBar(page).getByRole('button', { name: 'Answer' }).click();
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'talking');
    await expect.poll(() => credentials.grant, { message: 'the page used a call grant' }).not.toBeNull();
    const { token, grant } = credentials as { token: string; grant: string };

    const read = () => fetch(`${API_URL}/users/U0000001/loans`, { headers: { authorization: `Bearer ${token}`, 'x-octopus-grant': grant } });
    expect((await read()).status).toBe(200);

    await phoneBar(page).getByRole('button', { name: 'Hang up' }).click();
    // After-call work is 8 s in the e2e stack; the grant ends with it.
    await expect.poll(async () => (await read()).status, { timeout: 20_000, intervals: [1000] }).toBe(403);
    const body = (await (await read()).json()) as { error: string };
    expect(body.error).toBe('grant_ended');
  });

  test('repeated wrong passwords lock the account out for a while, even with the right password', async ({ page, stack }) => {
    await page.goto(`${stack.urlOf('shell')}/?lng=en-US`);
    const alert = page.getByRole('alert');
    let throttled = false;
    for (let attempt = 0; attempt < 10 && !throttled; attempt += 1) {
      await page.getByLabel('Agent ID').fill('1007');
      await page.getByLabel('Password').fill(`wrong-${attempt}`);
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(alert).toContainText(/wrong agent id or password|too many/i);
      throttled = /too many/i.test((await alert.textContent()) ?? '');
    }
    expect(throttled).toBe(true);
    // While the delay runs, the right password is refused too (at the server, not only in the page).
    const direct = await fetch(`${CTI_URL}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ agentId: '1007', password: 'octopus' }),
    });
    expect(direct.status).toBe(429);
    expect(Number(direct.headers.get('retry-after'))).toBeGreaterThan(0);
    await expect(page.getByTestId('connection-state')).toHaveCount(0);
  });

  test('logging out revokes the session: the socket closes and the old token is refused', async ({ page, stack }) => {
    const credentials = captureCredentials(page);
    const closed: string[] = [];
    page.on('websocket', (socket) => socket.on('close', () => closed.push(socket.url())));
    await login(page, stack.urlOf('shell'), '1006');
    await openTab(page, 'Tickets').catch(() => undefined);
    await expect.poll(() => credentials.token).not.toBeNull();
    const token = credentials.token as string;

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
    await expect.poll(() => closed.length).toBeGreaterThan(0);
    const after = await fetch(`${API_URL}/call-records?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
  });

  test('a session revoked elsewhere closes the open page’s connection within seconds', async ({ page, stack }) => {
    const credentials = captureCredentials(page);
    await login(page, stack.urlOf('shell'), '1008');
    await openTab(page, 'Tickets').catch(() => undefined);
    await expect.poll(() => credentials.token).not.toBeNull();
    const revoked = await fetch(`${CTI_URL}/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credentials.token as string}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(revoked.status).toBeLessThan(300);
    await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible({ timeout: 10_000 });
  });

  test('hostile text is inert: bidi overrides never reorder what the agent sees and a 400-character word keeps the layout', async ({ page, stack }) => {
    const hostileWord = 'W'.repeat(400);
    // Hostile stored data (a customer name from another channel) as the api would return it.
    await page.route('**/users/U0000001*', async (route) => {
      const response = await route.fetch();
      const text = await response.text();
      await route.fulfill({ response, body: text.replace(/"name":"([^"]*)"/, `"name":"safe \\u202Eexe.txt ${hostileWord}"`) });
    });
    await login(page, stack.urlOf('shell'), '1001');
    const callId = await placeCall({ from: '13800138000', keys: '1', verify: '13800138000' });
    await phoneBar(page).getByRole('button', { name: 'Answer' }).click();
    await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'talking');

    const notes = page.getByLabel(/note/i).first();
    await notes.fill(`${hostileWord} and safe \u202Eexe.txt`);
    const html = await page.evaluate(() => document.body.innerText);
    expect(html).not.toContain('\u202E');
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await phoneBar(page).getByRole('button', { name: 'Hang up' }).click();
  });

  test('edges: security headers on every page, foreign WebSocket origins and cross-origin text/plain posts are refused', async ({ page, stack }) => {
    for (const name of ['shell', 'tickets', 'finance']) {
      const response = await fetch(`${stack.urlOf(name)}/`);
      expect(response.headers.get('content-security-policy'), name).toMatch(/frame-ancestors/);
      expect(response.headers.get('content-security-policy'), name).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(response.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), name).toBeTruthy();
    }
    const cross = await fetch(`${CTI_URL}/sim/calls`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'http://evil.example' },
      body: JSON.stringify({ from: '13800138000' }),
    });
    expect(cross.status).toBe(415);

    await page.goto('about:blank');
    const outcome = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(url);
          socket.onopen = () => resolve('open');
          socket.onerror = () => resolve('refused');
        }),
      CTI_URL.replace('http', 'ws') + '/ws',
    );
    expect(outcome).toBe('refused');
  });
});
