// `pnpm bench`'s voice figures (issue 14, point 5; docs/adr/0012-voice-path.md), through the real engines:
// baresip callers → Kamailio + rtpengine → agents' browsers (Debian's Chromium, fake devices, loopback ICE).
//  1. INVITE → first caller audio in the agent's browser (p50/p95): each call auto-answered the moment the
//     phone bar offers Answer; the browser's inbound audio level sampled every 10 ms in the page.
//  2. Hold and resume latency: the click → the agent's inbound level < 0.01 (hold) / > 0.05 (resume).
//  3. Blind transfer latency (docs/adr/0017): the target's Answer click → the caller's audio in the target's
//     browser (the first agent's browser REFERs the caller, whose new INVITE rings the target).
//  4. Concurrent voice calls with 0 packet loss: 1, 2, 4 … up to BENCH_VOICE_MAX (default 8 = the demo
//     agents) calls at once, each held 10 s, packets lost counted by every browser (getStats inbound-rtp).
// Knobs: BENCH_VOICE_CALLS (setup samples, default 10), BENCH_VOICE_TRANSFERS (3), BENCH_VOICE_MAX (8),
// BENCH_VOICE_SECONDS (10).
// Skips with a printed reason (exit 0) without the voice packages, Chromium or a build.
import { existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { placeVoiceCall, voiceCallerAvailable, writeTone, type VoiceCall } from '../apps/cti-server/src/sim/voice-caller';
import { CHROMIUM_ARGS } from './lib/browser';
import { startVoiceStack, type VoiceStack } from './lib/voice-stack';
import { voiceInstalled } from './lib/voice';
import { repoRoot } from './lib/workspace';

const SAMPLES = Number(process.env.BENCH_VOICE_CALLS ?? 10);
const TRANSFERS = Number(process.env.BENCH_VOICE_TRANSFERS ?? 3);
const MAX_CONCURRENT = Math.min(8, Number(process.env.BENCH_VOICE_MAX ?? 8));
const HOLD_SECONDS = Number(process.env.BENCH_VOICE_SECONDS ?? 10);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The demo agents and the IVR key that reaches each while the ones before it are busy (DEMO_AGENTS, DEMO_IVR_MENU). */
const AGENTS: Array<{ id: string; key: string }> = [
  { id: '1001', key: '1' },
  { id: '1002', key: '1' },
  { id: '1006', key: '1' },
  { id: '1008', key: '1' },
  { id: '1003', key: '2' },
  { id: '1004', key: '2' },
  { id: '1007', key: '2' },
  { id: '1005', key: '3' },
];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const spread = (values: number[]) => `p50 ${percentile(values, 50).toFixed(0)} ms, p95 ${percentile(values, 95).toFixed(0)} ms (n=${values.length})`;

function skipReason(): string | null {
  if (!voiceInstalled()) return 'the Debian voice packages are not installed (sudo pnpm voice:install)';
  if (!voiceCallerAvailable()) return 'baresip/sox are not installed (sudo pnpm voice:install)';
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM}`;
  if (!existsSync(path.join(repoRoot, 'apps', 'cti-server', 'dist', 'main.mjs')) || !existsSync(path.join(repoRoot, 'apps', 'shell', 'dist'))) return 'the apps are not built (pnpm build)';
  return null;
}

// Every RTCPeerConnection the page makes, so the bench can read its inbound audio without waiting for
// the voice bar's 250 ms sampling.
const PAGE_PROBE = `(() => {
  const Original = window.RTCPeerConnection;
  const made = [];
  window.__octopusPcs = made;
  window.RTCPeerConnection = function (...args) { const pc = new Original(...args); made.push(pc); return pc; };
  window.RTCPeerConnection.prototype = Original.prototype;
  window.__octopusInbound = async () => {
    const pc = [...made].reverse().find((p) => p.connectionState !== 'closed');
    if (!pc) return null;
    let found = null;
    (await pc.getStats()).forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'audio') found = { level: s.audioLevel ?? 0, lost: s.packetsLost ?? 0, received: s.packetsReceived ?? 0 }; });
    return found;
  };
  // Resolves with the epoch ms the inbound level first satisfies the test (polled every 10 ms), or null after timeoutMs.
  window.__octopusWaitLevel = (above, threshold, timeoutMs) => new Promise((resolve) => {
    const until = Date.now() + timeoutMs;
    const tick = async () => {
      const s = await window.__octopusInbound();
      if (s && (above ? s.level > threshold : s.level < threshold)) return resolve(Date.now());
      if (Date.now() > until) return resolve(null);
      setTimeout(tick, 10);
    };
    void tick();
  });
})();`;

interface Inbound {
  level: number;
  lost: number;
  received: number;
}

const waitLevel = (page: Page, above: boolean, threshold: number, timeoutMs = 15_000) =>
  page.evaluate(([a, t, ms]) => (window as unknown as { __octopusWaitLevel(a: boolean, t: number, ms: number): Promise<number | null> }).__octopusWaitLevel(a, t, ms), [above, threshold, timeoutMs] as const);
const inbound = (page: Page) => page.evaluate(() => (window as unknown as { __octopusInbound(): Promise<Inbound | null> }).__octopusInbound());

async function loginAgent(browser: Browser, shellUrl: string, agentId: string): Promise<Page> {
  const context = await browser.newContext({ permissions: ['microphone'] });
  const page = await context.newPage();
  await page.addInitScript(PAGE_PROBE);
  await page.goto(`${shellUrl}/?lng=en-US`);
  await page.getByLabel('Agent ID').fill(agentId);
  await page.getByLabel('Password').fill('octopus');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('voice-bar').and(page.locator('[data-voice="registered"]')).waitFor({ timeout: 60_000 });
  await page.locator('[data-agent-state="idle"]').first().waitFor({ timeout: 30_000 });
  return page;
}

/** Places a call and answers it in whichever of `pages` the engine rings, the moment its phone bar offers Answer; resolves at first audio. */
async function callAndAnswer(stack: VoiceStack, pages: Page[], key: string, seconds: number): Promise<{ call: VoiceCall; page: Page; inviteToAudio: number; answerToAudio: number }> {
  const call = placeVoiceCall({ proxy: stack.proxy, from: '13800138000', to: `95555*${key}`, toneHz: 440, seconds });
  const answerOf = (p: Page) => p.getByTestId('phone-bar').getByRole('button', { name: 'Answer' });
  let page: Page;
  try {
    page = await Promise.any(pages.map((p) => answerOf(p).and(p.locator(':enabled')).waitFor({ timeout: 30_000 }).then(() => p)));
  } catch {
    await call.hangup();
    throw new Error('no agent was offered the call within 30 s');
  }
  const answeredAt = Date.now();
  await answerOf(page).click();
  const firstAudio = await waitLevel(page, true, 0.01, 20_000);
  if (firstAudio === null) {
    await call.hangup();
    throw new Error('no caller audio reached the browser within 20 s of Answer');
  }
  return { call, page, inviteToAudio: firstAudio - call.startedAt, answerToAudio: firstAudio - answeredAt };
}

async function hangUp(page: Page, call: VoiceCall): Promise<void> {
  await page.getByTestId('phone-bar').getByRole('button', { name: 'Hang up' }).click();
  await Promise.race([call.closed, new Promise((r) => setTimeout(r, 10_000))]);
  await call.hangup();
  // After-call work (3 s in test mode) ends by itself: the agent is idle again.
  await page.locator('[data-agent-state="idle"]').first().waitFor({ timeout: 30_000 });
}

/** `from` transfers its call to `targetId` (the transfer dialog, as a keyboard user picks); resolves when sent. */
async function transfer(from: Page, targetId: string): Promise<void> {
  await from.getByTestId('phone-bar').getByRole('button', { name: 'Transfer' }).click();
  const dialog = from.getByRole('dialog', { name: 'Transfer the call' });
  const box = dialog.getByRole('combobox', { name: 'Choose an agent' });
  await box.click();
  await box.fill(targetId);
  await from.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option:not(.ant-select-item-option-disabled)', { hasText: `(${targetId})` }).waitFor({ timeout: 15_000 });
  await box.press('Enter');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
}

async function main(): Promise<void> {
  const reason = skipReason();
  if (reason) {
    console.log(`voice bench skipped: ${reason}`);
    return;
  }
  const fakeMic = path.join(repoRoot, '.data', 'bench-voice-mic-660.wav');
  // A fresh checkout has no .data yet.
  mkdirSync(path.dirname(fakeMic), { recursive: true });
  writeTone(fakeMic, 660, 120, 0.5, 48000);
  console.log(`voice bench: starting Kamailio + rtpengine and the stack (load ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`);
  const stack = await startVoiceStack();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${fakeMic}`, '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required'],
  });
  try {
    // 1 + 2: one agent, sequential calls.
    const page = await loginAgent(browser, stack.shellUrl, '1001');
    const inviteToAudio: number[] = [];
    const answerToAudio: number[] = [];
    const holds: number[] = [];
    const resumes: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const { call, inviteToAudio: total, answerToAudio: afterAnswer } = await callAndAnswer(stack, [page], '1', 30);
      inviteToAudio.push(total);
      answerToAudio.push(afterAnswer);
      await page.waitForTimeout(500);
      let at = Date.now();
      await page.getByTestId('phone-bar').getByRole('button', { name: 'Hold' }).click();
      const silent = await waitLevel(page, false, 0.01, 10_000);
      if (silent !== null) holds.push(silent - at);
      await page.waitForTimeout(500);
      at = Date.now();
      await page.getByTestId('phone-bar').getByRole('button', { name: 'Resume' }).click();
      const back = await waitLevel(page, true, 0.05, 10_000);
      if (back !== null) resumes.push(back - at);
      await hangUp(page, call);
    }
    console.log(`voice: INVITE → first caller audio in the agent's browser (auto-answer): ${spread(inviteToAudio)}`);
    console.log(`voice: Answer click → first caller audio in the browser: ${spread(answerToAudio)}`);
    console.log(`voice: Hold click → the agent hears nothing: ${spread(holds)}; Resume click → the caller is heard again: ${spread(resumes)}`);

    // 3: blind transfers between 1001 and 1002 (both presale: whoever the engine rings hands the call to the other).
    const second = await loginAgent(browser, stack.shellUrl, '1002');
    const transfers: number[] = [];
    for (let i = 0; i < TRANSFERS; i++) {
      const { call, page: owner } = await callAndAnswer(stack, [page, second], '1', 60);
      const target = owner === page ? second : page;
      try {
        await owner.waitForTimeout(500);
        await transfer(owner, owner === page ? '1002' : '1001');
        const answer = target.getByTestId('phone-bar').getByRole('button', { name: 'Answer' });
        await answer.and(target.locator(':enabled')).waitFor({ timeout: 15_000 });
        const at = Date.now();
        await answer.click();
        const heard = await waitLevel(target, true, 0.01, 20_000);
        if (heard !== null) transfers.push(heard - at);
        await hangUp(target, call);
        await owner.locator('[data-agent-state="idle"]').first().waitFor({ timeout: 30_000 });
      } catch (error) {
        console.log(`voice: transfer ${i + 1} failed: ${(error as Error).message}`);
        await call.hangup();
      }
    }
    console.log(`voice: transfer — the target's Answer click → the caller's audio in the target's browser: ${spread(transfers)}`);

    // 4: concurrent calls, one per agent.
    const pages = [page, second];
    for (const agent of AGENTS.slice(2, MAX_CONCURRENT)) pages.push(await loginAgent(browser, stack.shellUrl, agent.id));
    let carried = 0;
    const levels = [...new Set([1, 2, 4, 8, MAX_CONCURRENT].filter((n) => n <= MAX_CONCURRENT))].sort((a, b) => a - b);
    for (const n of levels) {
      const calls: Array<{ page: Page; call: VoiceCall }> = [];
      let ok = false;
      try {
        for (let i = 0; i < n; i++) {
          const { call, page: agentPage } = await callAndAnswer(stack, pages, AGENTS[i]!.key, HOLD_SECONDS + 30);
          calls.push({ page: agentPage, call });
        }
        const before = await Promise.all(calls.map(({ page: p }) => inbound(p)));
        await new Promise((r) => setTimeout(r, HOLD_SECONDS * 1000));
        const after = await Promise.all(calls.map(({ page: p }) => inbound(p)));
        const lost = after.reduce((sum, s, i) => sum + ((s?.lost ?? 0) - (before[i]?.lost ?? 0)), 0);
        const received = after.reduce((sum, s, i) => sum + ((s?.received ?? 0) - (before[i]?.received ?? 0)), 0);
        const expected = n * HOLD_SECONDS * 50; // 20 ms PCMU packets
        console.log(`voice: ${n} concurrent call(s) for ${HOLD_SECONDS} s: ${received} packets received of ≈${expected}, ${lost} lost (load ${loadavg()[0]!.toFixed(1)})`);
        ok = lost === 0 && received >= expected * 0.95;
        if (ok) carried = n;
      } catch (error) {
        // A level the machine cannot set up is a result too (not a crash of the bench).
        console.log(`voice: ${n} concurrent calls could not be set up: ${(error as Error).message} (load ${loadavg()[0]!.toFixed(1)})`);
      } finally {
        for (const { page: p, call } of calls) await hangUp(p, call).catch(() => call.hangup());
      }
      if (!ok) break;
    }
    console.log(`voice: concurrent calls carried with 0 packet loss: ${carried} tried up to ${MAX_CONCURRENT} (BENCH_VOICE_MAX; at most 8, one browser per demo agent)`);
  } finally {
    await browser.close();
    await stack.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`voice bench failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
