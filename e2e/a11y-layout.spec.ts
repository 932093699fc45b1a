import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { callEntry, phoneBar, placeCall } from './support';

// Issue 9, points 6 and 7: every screen of an agent's call passes axe-core (0 critical, 0 serious) and
// keeps the header and phone bar still (no growth, no wrapping) at 1280×720 and 1440×900, in both
// languages. One walk per language: login, idle, dial pad, ringing, talking with each remote tab,
// transfer dialog, after-call work. The header and the phone bar are also compared with committed
// screenshots (Chromium) in each state × viewport × language, so a wrap, a grown header or a shifted
// item fails even where the box checks would not notice.

/**
 * One font for every run, whatever the machine has: a bare Debian with Chromium has no CJK font at all
 * (Chinese would render as boxes) and fonts differ between machines. Noto Sans SC (Latin and CJK) comes
 * from npm (@fontsource-variable/noto-sans-sc) and is served to the shell's page through a route, so the
 * screenshots are the same on any machine with Debian's Chromium.
 */
const FONT_ROOT = path.dirname(require.resolve('@fontsource-variable/noto-sans-sc/package.json'));
const FONT_CSS = readFileSync(path.join(FONT_ROOT, 'index.css'), 'utf8').replaceAll('url(./files/', 'url(/__e2e-fonts/');

async function useFixedFont(page: Page, origin: string): Promise<void> {
  await page.route(`${origin}/__e2e-fonts/*`, (route) =>
    route.fulfill({ path: path.join(FONT_ROOT, 'files', path.basename(new URL(route.request().url()).pathname)), contentType: 'font/woff2' }),
  );
  const css = `${FONT_CSS}\nhtml body, html body * { font-family: 'Noto Sans SC Variable', sans-serif !important; }`;
  await page.addInitScript((text) => {
    // The shell's own document only (remotes' iframes are not compared).
    if (window.top !== window) return;
    const add = () => {
      const style = document.createElement('style');
      style.dataset.e2eFont = '';
      style.textContent = text;
      document.head.append(style);
    };
    if (document.head) add();
    else document.addEventListener('DOMContentLoaded', add, { once: true });
  }, css);
}

/**
 * Screenshot comparison settings. A wrap or a grown header changes the element's size, which fails
 * whatever the threshold; `maxDiffPixelRatio` 1 % absorbs antialiasing noise between runs (measured: 0
 * pixels differ between two runs on this machine) yet fails a label pushed sideways by a few pixels (a
 * shifted row of text differs in well over 1 % of the bar). Ticking times are masked.
 */
const SHOT = { maxDiffPixelRatio: 0.01, threshold: 0.2, animations: 'disabled', caret: 'hide', scale: 'css' } as const;
const dynamic = (page: Page) => [
  page.getByTestId('agent-status').locator('[data-agent-state]'),
  page.getByTestId('wrap-up-countdown'),
  page.getByTestId('hold-timer'),
  page.getByTestId('ring-countdown'),
  // The bell and its badge, which counts notices of earlier steps (a ring missed while axe ran on a loaded machine).
  page.locator('.ant-badge').filter({ has: page.getByTestId('notice-bell') }),
  page.locator('.ant-badge').filter({ has: page.getByTestId('notice-bell') }).locator('sup'),
];

async function compareShots(page: Page, state: string, viewport: { width: number }, lng: Lng, guard?: () => Promise<void>): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  // Never compare (or record) a screen that has left the state it is named after (e.g. a ring that timed out).
  await guard?.();
  const name = `${state.replace(/\W+/g, '-')}-${viewport.width}-${lng}`;
  await expect.soft(page.locator('.ant-layout-header').first(), `header ${name}`).toHaveScreenshot(`header-${name}.png`, { ...SHOT, mask: dynamic(page) });
  await expect.soft(phoneBar(page), `phone bar ${name}`).toHaveScreenshot(`phone-bar-${name}.png`, { ...SHOT, mask: dynamic(page) });
  // …nor one that left it while being taken (the ringing step then rings again and takes them anew).
  await guard?.();
}

type Lng = 'zh-CN' | 'en-US';
const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
] as const;

/** Labels the walk clicks, per language (the English ones are the suite's stable hooks). */
const LABELS: Record<Lng, { agentId: string; password: string; login: string; answer: string; hangUp: string; transfer: string; callOut: string; cancel: string }> = {
  'zh-CN': { agentId: '工号', password: '密码', login: '登录', answer: '接听', hangUp: '挂断', transfer: '转接', callOut: '外呼', cancel: '取消' },
  'en-US': { agentId: 'Agent ID', password: 'Password', login: 'Log in', answer: 'Answer', hangUp: 'Hang up', transfer: 'Transfer', callOut: 'Call out', cancel: 'Cancel' },
};

/** A button's accessible name: antd puts a space between the two characters of a two-character Chinese label. */
function named(label: string): RegExp {
  return new RegExp(`^${[...label].map((char) => char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(' ?')}$`);
}

interface AxeCount {
  screen: string;
  critical: number;
  serious: number;
  rules: string[];
}

/** axe-core's default rule set on the whole page (iframes included); counts nodes by impact. */
async function scan(page: Page, screen: string, counts: AxeCount[]): Promise<void> {
  // Let antd's motion finish: axe reads colours of elements mid-fade otherwise.
  await page.waitForTimeout(400);
  const result = await new AxeBuilder({ page }).analyze();
  const count: AxeCount = { screen, critical: 0, serious: 0, rules: [] };
  // A11Y_DUMP=<file>: every violating node with its colours, for tuning the theme.
  if (process.env.A11Y_DUMP) {
    const lines = result.violations.flatMap((violation) =>
      violation.nodes.map((node) => JSON.stringify({ screen, rule: violation.id, impact: violation.impact, target: node.target.join(' '), html: node.html.slice(0, 160), data: node.any[0]?.data ?? null })),
    );
    appendFileSync(process.env.A11Y_DUMP, lines.map((line) => `${line}\n`).join(''));
  }
  for (const violation of result.violations) {
    if (violation.impact === 'critical') count.critical += violation.nodes.length;
    if (violation.impact === 'serious') count.serious += violation.nodes.length;
    if (violation.impact === 'critical' || violation.impact === 'serious') {
      count.rules.push(`${violation.id}×${violation.nodes.length} [${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ')}]`);
    }
  }
  counts.push(count);
}

interface Box {
  header: number;
  rows: number;
  /** Nothing sticks out: the header's items and the phone bar's buttons lie within their boxes. */
  fits: boolean;
  /** Texts in the header or the phone bar cut short (an ellipsis: the box narrower than its text), by their text. */
  truncated: string[];
}

/** The header's height and the number of lines the phone bar's first row of buttons takes. */
async function measure(page: Page): Promise<Box> {
  const header = await page.locator('.ant-layout-header').first().boundingBox();
  const tops = await phoneBar(page)
    .locator(':scope > .ant-flex')
    .first()
    .locator(':scope > *')
    .evaluateAll((elements) =>
      elements
        .filter((element) => element.getBoundingClientRect().height > 0)
        .map((element) => element.getBoundingClientRect())
        .map((rect) => (rect.top + rect.bottom) / 2),
    );
  // Items on one line share a vertical centre (within a few px); each new line starts a new cluster.
  const centres = [...tops].sort((a, b) => a - b);
  const rows = centres.filter((centre, index) => index === 0 || centre - centres[index - 1]! > 8).length;
  const fits = await page.evaluate(() => {
    const inside = (container: Element | null) =>
      !!container && [...container.children].every((child) => child.getBoundingClientRect().right <= container.getBoundingClientRect().right + 1);
    const header = document.querySelector('.ant-layout-header');
    const bar = document.querySelector('[data-testid="phone-bar"] > .ant-flex');
    return !!header && header.scrollWidth <= header.clientWidth && inside(header) && inside(bar);
  });
  // The header's title and name may shrink with an ellipsis rather than wrap: a shrunk one is cut short,
  // which issue 9 point 6 counts as a layout failure too (the English header once cut both in after-call work).
  const truncated = await page.evaluate(() =>
    [...document.querySelectorAll('.ant-layout-header *, [data-testid="phone-bar"] *')]
      .filter((element) => element instanceof HTMLElement && element.offsetParent !== null && element.children.length === 0 && element.scrollWidth > element.clientWidth + 1)
      .map((element) => (element.textContent ?? '').trim())
      .filter(Boolean),
  );
  return { header: Math.round(header?.height ?? -1), rows, fits, truncated };
}

async function layoutAt(page: Page, state: string, boxes: Array<{ state: string; viewport: string } & Box>, lng: Lng, guard?: () => Promise<void>): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(100);
    boxes.push({ state, viewport: `${viewport.width}×${viewport.height}`, ...(await measure(page)) });
    await compareShots(page, state, viewport, lng, guard);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function waitForRemote(page: Page): Promise<void> {
  const panel = page.getByRole('tabpanel').first();
  await expect(panel).toBeVisible();
  await expect(panel.locator('.ant-skeleton, .ant-spin-spinning')).toHaveCount(0, { timeout: 15_000 });
}

for (const lng of ['zh-CN', 'en-US'] as const) {
  test(`axe and layout on every screen of a call in ${lng}`, async ({ page, stack }) => {
    // Axe on every screen plus 32 screenshots: minutes on a loaded 2-core machine.
    test.setTimeout(600_000);
    const labels = LABELS[lng];
    const counts: AxeCount[] = [];
    const boxes: Array<{ state: string; viewport: string } & Box> = [];
    try {
      await useFixedFont(page, stack.urlOf('shell'));
      await page.goto(`${stack.urlOf('shell')}/?lng=${lng}`);
      await expect(page.getByLabel(labels.agentId)).toBeVisible();
      // The document follows the language (lang for screen readers and fonts, and the tab's title).
      await expect.soft(page.locator('html')).toHaveAttribute('lang', lng);
      await expect.soft(page).toHaveTitle(lng === 'en-US' ? /Octopus agent workbench/ : /Octopus 客服工作台/);
      await scan(page, 'login', counts);

      // A finance agent: the finance group requires a wrap-up code, so after-call work lasts until the walk
      // has taken its screenshots (the test stack's wrap-up is 8 s, shorter than they take on a loaded machine).
      await page.getByLabel(labels.agentId).fill('1005');
      await page.getByLabel(labels.password).fill('octopus');
      await page.getByRole('button', { name: named(labels.login) }).click();
      await expect(page.getByTestId('connection-state')).toHaveAttribute('data-connection', 'connected');
      const state = page.getByTestId('agent-status').locator('[data-agent-state]');
      await expect(state).toHaveAttribute('data-agent-state', 'idle');
      await waitForRemote(page);
      await scan(page, 'idle', counts);
      await layoutAt(page, 'idle', boxes, lng);

      // "?" lists every shortcut (discoverable without hovering).
      await page.locator('h1').first().click();
      await page.keyboard.press('Shift+Slash');
      const help = page.getByRole('dialog', { name: lng === 'en-US' ? 'Keyboard shortcuts' : '键盘快捷键' });
      await expect(help).toBeVisible();
      await expect(help.locator('[data-shortcut]')).toHaveCount(8);
      await scan(page, 'shortcut help', counts);
      await page.keyboard.press('Escape');
      await expect(help).toBeHidden();

      await phoneBar(page).getByRole('button', { name: named(labels.callOut) }).click();
      const dialPad = page.getByRole('dialog');
      await expect(dialPad).toBeVisible();
      await scan(page, 'dial pad', counts);
      await page.keyboard.press('Escape');
      await expect(dialPad).toBeHidden();

      let callId = await placeCall({ from: '13800138000', keys: '3', verify: '13800138000' });
      await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'ringing');
      // A ring times out after 20 s; on a loaded machine axe or the screenshots can take longer. Then the agent
      // goes back to Idle, where the missed caller (queued again) rings once more, else a new call does.
      const ringing = async () => {
        const entry = callEntry(page, callId);
        return (await entry.count()) > 0 && (await entry.getAttribute('data-call-state', { timeout: 1_000 }).catch(() => null)) === 'ringing';
      };
      const ringAgain = async () => {
        await page.getByTestId('agent-status').getByText(lng === 'en-US' ? 'Idle' : '空闲', { exact: true }).click();
        const again = page.locator('[data-call-id][data-call-state="ringing"]').first();
        await expect(again).toBeVisible({ timeout: 15_000 }).catch(() => undefined);
        if (await again.count()) callId = (await again.getAttribute('data-call-id')) ?? callId;
        else callId = await placeCall({ from: '13800138000', keys: '3', verify: '13800138000' });
        await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'ringing');
      };
      const stillRinging = () => expect(callEntry(page, callId), 'the ring is still on').toHaveAttribute('data-call-state', 'ringing', { timeout: 1_000 });
      // Layout first (a screen is never compared or recorded once it has left the ringing state), then axe.
      for (let attempt = 1; ; attempt += 1) {
        const before = boxes.length;
        try {
          await layoutAt(page, 'ringing', boxes, lng, stillRinging);
          break;
        } catch (error) {
          if (attempt === 3 || (await ringing())) throw error;
          boxes.splice(before);
          await ringAgain();
        }
      }
      await scan(page, 'ringing', counts);
      if (!(await ringing())) await ringAgain();

      await phoneBar(page).getByRole('button', { name: named(labels.answer) }).click();
      await expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'talking');
      await layoutAt(page, 'talking', boxes, lng, () => expect(callEntry(page, callId)).toHaveAttribute('data-call-state', 'talking', { timeout: 1_000 }));
      // Group names in the page language: IVR key 3 is the finance group, never its key.
      await expect(page.getByTestId('caller-skill-group')).toHaveText(lng === 'en-US' ? 'Finance' : '金融服务');
      await expect(page.locator('.ant-layout-sider')).not.toContainText(/\b(presale|aftersale|finance)\b/);
      if (lng === 'en-US') await expect(page.locator('.ant-layout-sider [data-call-id]').first()).not.toContainText(/售前|售后|金融/);
      // The workbench's own tabs (a remote may have tabs of its own inside).
      const tabs = page.getByRole('tablist').first().getByRole('tab');
      const tabCount = await tabs.count();
      expect(tabCount).toBeGreaterThan(0);
      for (let index = 0; index < tabCount; index += 1) {
        const tab = tabs.nth(index);
        const name = (await tab.textContent()) ?? `tab ${index}`;
        await tab.click();
        await waitForRemote(page);
        await scan(page, `talking: ${name}`, counts);
      }

      await phoneBar(page).getByRole('button', { name: named(labels.transfer) }).click();
      const transfer = page.getByRole('dialog');
      await expect(transfer).toBeVisible();
      await scan(page, 'transfer dialog', counts);
      // The group list shows labels of the page language.
      await transfer.locator('label.ant-radio-button-wrapper').nth(1).click();
      await transfer.getByRole('combobox').click();
      const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
      await expect(options).toHaveCount(3);
      const names = await options.allInnerTexts();
      expect(names.join(' | ')).toMatch(lng === 'en-US' ? /Pre-sales/ : /售前咨询/);
      expect(names.join(' | ')).not.toMatch(lng === 'en-US' ? /\p{Script=Han}/u : /\b(presale|aftersale|finance)\b/);
      await page.keyboard.press('Escape');
      await transfer.getByRole('button', { name: named(labels.cancel) }).click();
      await expect(transfer).toBeHidden();

      await phoneBar(page).getByRole('button', { name: named(labels.hangUp) }).click();
      await expect(state).toHaveAttribute('data-agent-state', 'wrap-up');
      await expect(page.getByTestId('wrap-up-countdown')).toBeVisible();
      // The boxes while it counts down (the English header once grew here), then everything once the
      // server holds after-call work for the code (a state that lasts: deterministic screenshots).
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        boxes.push({ state: 'after-call countdown', viewport: `${viewport.width}×${viewport.height}`, ...(await measure(page)) });
      }
      await expect(page.getByTestId('wrap-up-countdown')).toHaveAttribute('data-awaiting', 'disposition', { timeout: 20_000 });
      await layoutAt(page, 'after-call work', boxes, lng, () => expect(page.getByTestId('wrap-up-countdown')).toHaveAttribute('data-awaiting', 'disposition', { timeout: 1_000 }));
      await scan(page, 'after-call work', counts);
    } finally {
      console.log(`[axe ${lng}] ${counts.map((count) => `${count.screen}: critical ${count.critical}, serious ${count.serious}`).join('; ')}`);
      for (const count of counts) if (count.rules.length) console.log(`[axe ${lng}] ${count.screen}: ${count.rules.join('; ')}`);
      console.log(
        `[layout ${lng}] ${boxes.map((box) => `${box.state} @${box.viewport}: header ${box.header}px, phone bar ${box.rows} line(s)${box.fits ? '' : ', overflowing'}${box.truncated.length ? `, cut short: ${box.truncated.join(' | ')}` : ''}`).join('; ')}`,
      );
      const out = page.getByRole('button', { name: /^(Log out|退 ?出)$/ });
      if (await out.isVisible().catch(() => false)) await out.click().catch(() => undefined);
    }

    expect(counts.filter((count) => count.critical || count.serious), 'screens with critical or serious axe violations').toEqual([]);
    for (const viewport of VIEWPORTS) {
      const at = boxes.filter((box) => box.viewport === `${viewport.width}×${viewport.height}`);
      // The header keeps its height through idle, ringing, talking and after-call work.
      expect(new Set(at.map((box) => box.header)), `header heights at ${viewport.width}×${viewport.height}`).toEqual(new Set([64]));
      // The phone bar's buttons stay on one line.
      expect(at.map((box) => box.rows), `phone bar lines at ${viewport.width}×${viewport.height}`).toEqual(at.map(() => 1));
      // …and nothing in either is pushed out of view.
      expect(at.filter((box) => !box.fits).map((box) => box.state), `overflowing at ${viewport.width}×${viewport.height}`).toEqual([]);
      // …nor cut short with an ellipsis (the title, the agent's name, a label).
      expect(at.filter((box) => box.truncated.length).map((box) => `${box.state}: ${box.truncated.join(' | ')}`), `cut short at ${viewport.width}×${viewport.height}`).toEqual([]);
    }
  });
}
