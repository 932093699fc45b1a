import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { API_URL, CTI_URL, login, loginToken } from './support';

// Issue 13 point 2 and its e2e "the IVR answers an order's status by keypad": a supervisor edits and saves the
// hotline's IVR tree in the operations remote's designer; a simulated caller dials, keys through to the
// order-status self-service with verification, hears the order's status and latest logistics, finishes —
// and the call is recorded as resolved in self-service (the effectiveness report counts it).

const HOTLINE = '4008001000';
/** 张伟's shipped order in the demo seed (apps/api/src/seed/generate.ts), with logistics events. */
const ORDER_DIGITS = '1000000002';

interface SessionView {
  awaiting: 'key' | 'digits' | 'checking' | 'done';
  keyTrack: string;
  outcome: 'queued' | 'self-service' | 'hung-up' | null;
  prompts: Array<{ seq: number; kind: string; text: { 'zh-CN': string; 'en-US': string } }>;
}

/** Picks `option` in the antd Select labelled `label`. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

async function session(callId: string): Promise<SessionView> {
  const response = await fetch(`${CTI_URL}/sim/calls/${callId}/ivr`);
  expect(response.status).toBe(200);
  return (await response.json()) as SessionView;
}

/** The caller presses `digits`, then waits until the IVR waits for the caller again (or the call left it). */
async function press(callId: string, digits: string): Promise<SessionView> {
  const response = await fetch(`${CTI_URL}/sim/calls/${callId}/keys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ digits }) });
  expect(await response.json()).toMatchObject({ accepted: true });
  let view = await session(callId);
  for (let i = 0; i < 100 && view.awaiting === 'checking'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    view = await session(callId);
  }
  return view;
}

/** Today's calls resolved in IVR self-service, as the effectiveness report counts them (supervisor token). */
async function selfServiceToday(token: string): Promise<number> {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const response = await fetch(`${API_URL}/reports/effectiveness?from=${today}&to=${today}&granularity=day`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { total: { selfService: number } }).total.selfService;
}

test.describe('operations remote: the IVR designer and self-service', () => {
  test('a supervisor adds an order-status self-service key; a caller verifies by keypad, hears the order status and latest logistics, and the call counts as resolved in self-service', async ({ page, stack }) => {
    test.setTimeout(180_000);
    const supervisorToken = await loginToken('2001');
    const before = await selfServiceToday(supervisorToken);

    await login(page, stack.urlOf('shell'), '2001');
    await page.getByRole('tab', { name: 'Operations', exact: true }).click();
    await page.getByRole('tab', { name: 'IVR designer', exact: true }).click();
    const designer = page.getByTestId('ivr-designer');
    await expect(designer).toBeVisible();
    await expect(page.getByTestId('ivr-version')).toHaveText('Version 1');
    await expect(page.getByTestId('ivr-node-main')).toBeVisible();

    // A new self-service node: the order's status by order number.
    await page.getByLabel('New node id', { exact: true }).fill('order');
    await choose(page, 'New node id · Kind', 'Self-service');
    await page.getByTestId('ivr-add-node').click();
    await expect(page.getByTestId('ivr-node-order')).toBeVisible();
    // Its prompt is still empty: the designer names the problem and will not save.
    await expect(page.getByTestId('ivr-problems')).toContainText('nodes.order.prompt');
    await expect(page.getByTestId('ivr-save')).toBeDisabled();
    await page.getByLabel('Node order · Prompt (Chinese)', { exact: true }).fill('请输入订单号，以#号键结束。');
    await page.getByLabel('Node order · Prompt (English)', { exact: true }).fill('Key your order number, then #.');
    await expect(page.getByTestId('ivr-problems')).toHaveCount(0);
    // Key 4 of the main menu leads there; the main prompt says so.
    await page.getByTestId('ivr-options-main').getByRole('button', { name: 'Add key' }).click();
    await choose(page, 'Node main · Goes to 4', 'order');
    await page.getByLabel('Node main · Prompt (English)', { exact: true }).fill('Pre-sales 1, after-sales 2, finance 3, order status 4; for an agent press 0.');
    await page.getByTestId('ivr-save').click();
    await expect(page.getByTestId('ivr-version')).toHaveText('Version 2');
    await expect(designer).toContainText('Changed hotline 4008001000');

    // The server has it, unchanged, as version 2: the next call walks it.
    const saved = await fetch(`${CTI_URL}/ivr/hotlines/${HOTLINE}`, { headers: { authorization: `Bearer ${supervisorToken}` } });
    expect(await saved.json()).toMatchObject({ version: 2, tree: { nodes: { main: { options: { '4': 'order' } }, order: { kind: 'self-service', service: 'order-status' } } } });

    // A caller dials the hotline and answers the prompts by keypad.
    const dialled = await fetch(`${CTI_URL}/sim/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: '13800138000', to: HOTLINE, interactive: true }) });
    const { callId } = (await dialled.json()) as { callId: string };
    expect((await session(callId)).prompts.map((p) => p.text['en-US'])).toEqual(['Pre-sales 1, after-sales 2, finance 3, order status 4; for an agent press 0.']);
    // An invalid key repeats the menu.
    let view = await press(callId, '7');
    expect(view.prompts.slice(-2).map((p) => p.kind)).toEqual(['invalid', 'prompt']);
    // 4: self-service needs a verified caller first.
    view = await press(callId, '4');
    expect(view.prompts.at(-1)!.text['en-US']).toContain('Please verify first');
    expect(view.awaiting).toBe('digits');
    // The registered phone keyed from that phone verifies (checked by the api); then the order number is asked.
    view = await press(callId, '13800138000#');
    expect(view.prompts.slice(-2).map((p) => p.text['en-US'])).toEqual(['You are verified.', 'Key your order number, then #.']);
    view = await press(callId, `${ORDER_DIGITS}#`);
    const answer = view.prompts.find((p) => p.kind === 'answer')!;
    console.log(`[operations-ivr] ${callId} answered: ${answer.text['zh-CN']} | ${answer.text['en-US']}`);
    expect(answer.text['en-US']).toMatch(/^Order SO1000000002 is shipped\. Latest logistics: \d{4}-\d\d-\d\d \d\d:\d\d, .+/);
    expect(answer.text['zh-CN']).toContain('订单SO1000000002的状态是：已发货。最新物流：');
    // 9: finished. The key track records the path, identity digits masked.
    view = await press(callId, '9');
    expect(view).toMatchObject({ awaiting: 'done', outcome: 'self-service', keyTrack: `74***********#${ORDER_DIGITS}#9` });

    // The call record reaches the api through the outbox: the report counts one more self-service call today.
    await expect.poll(() => selfServiceToday(supervisorToken), { timeout: 15_000 }).toBe(before + 1);

    // Roll back in the designer: version 3 is version 1's tree again, for the next test and the next call.
    await page.getByTestId('ivr-rollback-1').click();
    await page.getByRole('button', { name: 'OK', exact: true }).click();
    await expect(page.getByTestId('ivr-version')).toHaveText('Version 3');
    await expect(page.getByTestId('ivr-node-order')).toHaveCount(0);
  });
});
