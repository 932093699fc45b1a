// The voice path end to end in real Chromium (docs/adr/0011): a SIP caller (baresip) playing a 440 Hz
// tone rings agent 1001 through Kamailio; after Answer the browser receives the tone and the caller
// hears the browser's 660 Hz fake microphone; Hold → the caller hears music (rtpengine) and the agent
// nothing, Resume brings back both ways; the agent's hang-up tears down media and signalling.
import type { Page } from '@playwright/test';
import { analyseWav, heardRecording, placeVoiceCall } from '../../apps/cti-server/src/sim/voice-caller';
import { ngCommand } from '../../apps/cti-server/src/voice/rtpengine';
import { expect, test, voiceReady } from './voice-fixture';

test.skip(!voiceReady, 'the Debian voice packages are not installed (pnpm voice:install)');

const CALLER_HZ = 440;
const AGENT_HZ = 660; // the fake microphone (fake-microphone.ts)

async function login(page: Page, shellUrl: string, agentId: string): Promise<void> {
  await page.goto(`${shellUrl}/?lng=en-US`);
  await page.getByLabel('Agent ID').fill(agentId);
  await page.getByLabel('Password').fill('octopus');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-connection', 'connected');
  await expect(page.getByTestId('agent-status').locator('[data-agent-state]')).toHaveAttribute('data-agent-state', 'idle');
}

/** The browser's inbound audio level for the active call (getStats `inbound-rtp` audioLevel, 0–1, shown by the voice bar). */
async function inboundLevel(page: Page): Promise<number> {
  const value = await page.getByTestId('voice-bar').locator('[data-level]').first().getAttribute('data-level').catch(() => null);
  return Number(value ?? 0);
}

test('a SIP caller rings 1001: Answer → audio both ways, Hold → silence for the agent, Resume, hang-up leaves nothing behind', async ({ page, voiceStack }) => {
  test.setTimeout(120_000);
  if (process.env.VOICE_DEBUG) {
    page.on('console', (m) => console.log(`[browser] ${m.text()}`));
    page.on('pageerror', (e) => console.log(`[browser error] ${e.message}`));
  }
  await login(page, voiceStack.shellUrl, '1001');
  const bar = page.getByTestId('voice-bar');
  const phone = page.getByTestId('phone-bar');
  await expect(bar).toHaveAttribute('data-voice', 'registered', { timeout: 15_000 });
  await expect(bar).toContainText('Voice ready');
  await expect(bar).toHaveAttribute('data-microphone', 'granted');
  // One registration for 1001, over its WebSocket.
  expect(JSON.stringify((await voiceStack.rpc('ul.lookup', ['location', '1001@octopus.local'])).result)).toContain('transport=ws');

  const call = placeVoiceCall({ proxy: voiceStack.proxy, from: '13800138000', to: '95555*1', toneHz: CALLER_HZ, seconds: 90, ...(process.env.VOICE_DEBUG && { onLine: (l: string) => console.log(`[baresip] ${l}`) }) });
  const figures: string[] = [];
  try {
    // Queued, offered to 1001 (the IVR key 1 = presale): the phone bar rings and the SIP INVITE reaches this browser.
    await expect(phone.getByRole('button', { name: 'Answer' })).toBeEnabled({ timeout: 20_000 });
    await expect(bar).toHaveAttribute('data-media', 'ringing', { timeout: 15_000 });
    figures.push(`INVITE sent → ringing in the browser: ${Date.now() - call.startedAt} ms (upper bound)`);
    await phone.getByRole('button', { name: 'Answer' }).click();
    const answeredAt = Date.now();
    const establishedAt = await call.established;
    await expect(bar).toHaveAttribute('data-media', 'connected', { timeout: 15_000 });
    // The caller's tone arrives in the browser.
    await expect.poll(() => inboundLevel(page), { timeout: 15_000 }).toBeGreaterThan(0.05);
    figures.push(`Answer → caller's audio level > 0.05 in the browser: ${Date.now() - answeredAt} ms (250 ms sampling)`);
    await page.waitForTimeout(3000);

    const heldAt = Date.now();
    await phone.getByRole('button', { name: 'Hold' }).click();
    await expect.poll(() => inboundLevel(page), { timeout: 10_000 }).toBeLessThan(0.01);
    figures.push(`Hold → the agent hears nothing: ${Date.now() - heldAt} ms`);
    await page.waitForTimeout(3000);
    const resumedAt = Date.now();
    await phone.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => inboundLevel(page), { timeout: 10_000 }).toBeGreaterThan(0.05);
    figures.push(`Resume → the caller's audio is back: ${Date.now() - resumedAt} ms`);
    await page.waitForTimeout(3000);
    const resumedUntil = Date.now();

    const hangUpAt = Date.now();
    await phone.getByRole('button', { name: 'Hang up' }).click();
    // The engine's hang-up ends the SIP dialog: the caller sees the BYE.
    const closed = await Promise.race([call.closed, new Promise<string>((r) => setTimeout(() => r('timeout'), 15_000))]);
    expect(closed).not.toBe('timeout');
    figures.push(`Hang up → the caller's call closed: ${Date.now() - hangUpAt} ms`);
    await expect(bar).toHaveAttribute('data-media', 'none');
    await expect.poll(async () => JSON.stringify((await voiceStack.rpc('dlg.list')).result ?? [])).toBe('[]');

    // What the caller heard (one recording: hold is rtpengine's, no re-INVITE reaches the caller), by stretch:
    // the agent before the hold, the music on hold while held, the agent again after Resume.
    const heard = heardRecording(call.dir);
    expect(heard).not.toBeNull();
    const at = (t: number) => (t - establishedAt) / 1000;
    const talking = analyseWav(heard!, at(heldAt) - 2, 1.5);
    expect(talking.rms).toBeGreaterThan(0.05);
    expect(Math.abs(talking.frequencyHz - AGENT_HZ)).toBeLessThan(40);
    figures.push(`caller heard the agent: rms ${talking.rms.toFixed(3)} at ${talking.frequencyHz.toFixed(0)} Hz`);
    const music = analyseWav(heard!, at(heldAt) + 1, at(resumedAt) - at(heldAt) - 1.5);
    expect(music.rms).toBeGreaterThan(0.05);
    // The music's notes are 392–587 Hz: neither the agent's 660 Hz nor silence.
    expect(music.frequencyHz).toBeGreaterThan(380);
    expect(music.frequencyHz).toBeLessThan(620);
    figures.push(`caller heard music on hold: rms ${music.rms.toFixed(3)} at ${music.frequencyHz.toFixed(0)} Hz`);
    const resumed = analyseWav(heard!, at(resumedAt) + 1, at(resumedUntil) - at(resumedAt) - 1.5);
    expect(resumed.rms).toBeGreaterThan(0.05);
    expect(Math.abs(resumed.frequencyHz - AGENT_HZ)).toBeLessThan(40);
    figures.push(`after Resume the caller hears the agent again: rms ${resumed.rms.toFixed(3)} at ${resumed.frequencyHz.toFixed(0)} Hz`);
  } finally {
    await call.hangup();
    for (const f of figures) console.log(`[voice] ${f}`);
    test.info().annotations.push({ type: 'figures', description: figures.join('; ') });
  }
  // Logging out unregisters: no registration is left behind.
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await expect.poll(async () => (await voiceStack.rpc('ul.lookup', ['location', '1001@octopus.local'])).error?.message ?? 'registered').toBe('AOR not found in location table');
});

test('the caller hangs up while on hold: the music stops, media and signalling are torn down, nothing is left', async ({ page, voiceStack }) => {
  test.setTimeout(120_000);
  // 1002 (presale too): the first test's 1001 logged out, so key 1 rings here.
  await login(page, voiceStack.shellUrl, '1002');
  const bar = page.getByTestId('voice-bar');
  const phone = page.getByTestId('phone-bar');
  await expect(bar).toHaveAttribute('data-voice', 'registered', { timeout: 15_000 });
  const call = placeVoiceCall({ proxy: voiceStack.proxy, from: '13800138001', to: '95555*1', toneHz: CALLER_HZ, seconds: 90 });
  try {
    await expect(phone.getByRole('button', { name: 'Answer' })).toBeEnabled({ timeout: 20_000 });
    await expect(bar).toHaveAttribute('data-media', 'ringing', { timeout: 15_000 });
    await phone.getByRole('button', { name: 'Answer' }).click();
    await call.established;
    await expect.poll(() => inboundLevel(page), { timeout: 15_000 }).toBeGreaterThan(0.05);
    await phone.getByRole('button', { name: 'Hold' }).click();
    await expect.poll(() => inboundLevel(page), { timeout: 10_000 }).toBeLessThan(0.01);
    await page.waitForTimeout(2000);
    // The caller's BYE: the browser's session ends, the call leaves the phone bar, Kamailio keeps no dialog
    // and rtpengine no call (its player included).
    await call.hangup();
    await expect(bar).toHaveAttribute('data-media', 'none', { timeout: 15_000 });
    await expect(phone.getByRole('button', { name: 'Resume' })).toHaveCount(0, { timeout: 15_000 });
    await expect.poll(async () => JSON.stringify((await voiceStack.rpc('dlg.list')).result ?? [])).toBe('[]');
    await expect.poll(async () => ((await ngCommand({ host: '127.0.0.1', port: voiceStack.voice.config.ngPort }, { command: 'list' })).calls as unknown[] | undefined)?.length ?? 0).toBe(0);
  } finally {
    await call.hangup();
  }
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect.poll(async () => (await voiceStack.rpc('ul.lookup', ['location', '1002@octopus.local'])).error?.message ?? 'registered').toBe('AOR not found in location table');
});
