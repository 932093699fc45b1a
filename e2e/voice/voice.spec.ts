// The voice path end to end in real Chromium (docs/adr/0011): a SIP caller (baresip) playing a 440 Hz
// tone rings agent 1001 through Kamailio; after Answer the browser receives the tone and the caller
// hears the browser's 660 Hz fake microphone; the agent's hang-up tears down media and signalling.
import type { Page } from '@playwright/test';
import { analyseWav, heardRecording, placeVoiceCall } from '../../apps/cti-server/src/sim/voice-caller';
import { expect, test, voiceReady } from './voice-fixture';

test.skip(!voiceReady, 'the Debian voice packages are not installed (pnpm voice:install)');

async function login(page: Page, shellUrl: string, agentId: string): Promise<void> {
  await page.goto(`${shellUrl}/?lng=en-US`);
  await page.getByLabel('Agent ID').fill(agentId);
  await page.getByLabel('Password').fill('octopus');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-connection', 'connected');
  await expect(page.getByTestId('agent-status').locator('[data-agent-state]')).toHaveAttribute('data-agent-state', 'idle');
}

/** The browser's inbound audio level for the call's peer connection (getStats, 0–1), via the voice bar. */
async function inboundLevel(page: Page): Promise<number> {
  const value = await page.getByTestId('voice-bar').locator('[data-level]').first().getAttribute('data-level');
  return Number(value ?? 0);
}

test('a SIP caller rings 1001; after Answer audio flows both ways; the agent hangs up and nothing is left behind', async ({ page, voiceStack }) => {
  test.setTimeout(90_000);
  if (process.env.VOICE_DEBUG) {
    page.on('console', (m) => console.log(`[browser] ${m.text()}`));
    page.on('pageerror', (e) => console.log(`[browser error] ${e.message}`));
  }
  await login(page, voiceStack.shellUrl, '1001');
  const bar = page.getByTestId('voice-bar');
  await expect(bar).toHaveAttribute('data-voice', 'registered', { timeout: 15_000 });
  await expect(bar).toContainText('Voice ready');
  await expect(bar).toHaveAttribute('data-microphone', 'granted');

  const call = placeVoiceCall({ proxy: voiceStack.proxy, from: '13800138000', to: '95555*1', toneHz: 440, seconds: 60 });
  try {
    // Queued, offered to 1001: the phone bar rings and the SIP INVITE reaches this browser.
    const answer = page.getByTestId('phone-bar').getByRole('button', { name: 'Answer' });
    await expect(answer).toBeEnabled({ timeout: 20_000 });
    await expect(bar).toHaveAttribute('data-media', 'ringing', { timeout: 15_000 });
    await answer.click();
    const answeredAt = Date.now();
    await call.established;
    await expect(bar).toHaveAttribute('data-media', 'connected', { timeout: 15_000 });
    // The caller's tone arrives in the browser.
    await expect.poll(() => inboundLevel(page), { timeout: 15_000 }).toBeGreaterThan(0.05);
    const firstAudioMs = Date.now() - answeredAt;
    // Let the caller record a few seconds of the browser's 660 Hz fake microphone.
    await page.waitForTimeout(3000);

    await page.getByTestId('phone-bar').getByRole('button', { name: 'Hang up' }).click();
    // The engine's hang-up ends the SIP dialog: the caller sees the BYE.
    const closed = await Promise.race([call.closed, new Promise<string>((r) => setTimeout(() => r('timeout'), 15_000))]);
    expect(closed).not.toBe('timeout');
    await expect(bar).toHaveAttribute('data-media', 'none');

    const heard = heardRecording(call.dir);
    expect(heard).not.toBeNull();
    const analysis = analyseWav(heard!, 0.5);
    // The fake capture is 660 Hz; PCMU and the browser's path keep it within a few percent.
    expect(analysis.rms).toBeGreaterThan(0.02);
    expect(Math.abs(analysis.frequencyHz - 660)).toBeLessThan(60);
    test.info().annotations.push({ type: 'figures', description: `answer → inbound level > 0: ${firstAudioMs} ms; caller heard rms ${analysis.rms.toFixed(3)} at ${analysis.frequencyHz.toFixed(0)} Hz` });
    console.log(`[voice] answer → browser hears caller: ${firstAudioMs} ms; caller heard rms ${analysis.rms.toFixed(3)} at ${analysis.frequencyHz.toFixed(0)} Hz`);
  } finally {
    await call.hangup();
  }
  // Logging out unregisters: no registration is left behind.
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
});
