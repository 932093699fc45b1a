// The IVR on the media path in real Chromium (docs/adr/0012-voice-path.md): a voice caller dials the plain
// hotline number, hears the IVR's first prompt played by rtpengine before any agent rings (early media),
// keys 1 as RFC 4733 events that rtpengine reports to the cti-server, and is routed to 1001's browser
// (key 1 = presale); the agent answers and hears the caller's tone; the key track shows the path.
import type { Page } from '@playwright/test';
import { freePort } from '../../scripts/lib/free-port';
import { ngCommand } from '../../apps/cti-server/src/voice/rtpengine';
import { placeIvrCall, SIPP } from './ivr-caller';
import { expect, test, voiceReady } from './voice-fixture';
import { existsSync } from 'node:fs';

test.skip(!voiceReady || !existsSync(SIPP), 'the Debian voice packages (with sip-tester) are not installed (pnpm voice:install)');

async function login(page: Page, shellUrl: string, agentId: string): Promise<void> {
  await page.goto(`${shellUrl}/?lng=en-US`);
  await page.getByLabel('Agent ID').fill(agentId);
  await page.getByLabel('Password').fill('octopus');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-connection', 'connected');
  await expect(page.getByTestId('agent-status').locator('[data-agent-state]')).toHaveAttribute('data-agent-state', 'idle');
}

async function inboundLevel(page: Page): Promise<number> {
  const value = await page.getByTestId('voice-bar').locator('[data-level]').first().getAttribute('data-level').catch(() => null);
  return Number(value ?? 0);
}

test('a voice caller rings agent 1001 through the IVR: prompt as early media, key 1 by RFC 4733, Answer → the caller’s tone', async ({ page, voiceStack }) => {
  test.setTimeout(120_000);
  if (process.env.VOICE_DEBUG) page.on('console', (m) => console.log(`[browser] ${m.text()}`));
  await login(page, voiceStack.shellUrl, '1001');
  const bar = page.getByTestId('voice-bar');
  const phone = page.getByTestId('phone-bar');
  await expect(bar).toHaveAttribute('data-voice', 'registered', { timeout: 15_000 });

  const call = placeIvrCall({ proxy: voiceStack.proxy, from: '13800138000', to: '95555', toneHz: 440, seconds: 90, sipPort: await freePort(), rtpPort: await freePort() });
  const figures: string[] = [];
  try {
    // The first prompt reaches the caller as early media, while no agent rings.
    const firstAudioAt = await Promise.race([call.firstAudio, new Promise<number>((_, reject) => setTimeout(() => reject(new Error('no prompt within 10 s')), 10_000))]);
    figures.push(`INVITE → first prompt audio at the caller: ${firstAudioAt - call.startedAt} ms`);
    await page.waitForTimeout(1000);
    const prompt = call.heard(0, 1);
    expect(prompt.rms).toBeGreaterThan(0.05);
    figures.push(`first prompt: rms ${prompt.rms.toFixed(3)} at ≈${prompt.frequencyHz.toFixed(0)} Hz`);
    await expect(phone.getByRole('button', { name: 'Answer' })).toBeDisabled();
    await expect(bar).not.toHaveAttribute('data-media', 'ringing');
    // rtpengine holds the caller's leg with the IVR as its other side.
    const listed = (await ngCommand({ host: '127.0.0.1', port: voiceStack.voice.config.ngPort }, { command: 'list' })).calls as unknown[] | undefined;
    expect(listed?.length ?? 0).toBe(1);

    // Key 1 (RFC 4733, reported by rtpengine) → presale → 1001 rings.
    const keyedAt = Date.now();
    await call.key('1');
    await expect(phone.getByRole('button', { name: 'Answer' })).toBeEnabled({ timeout: 15_000 });
    await expect(bar).toHaveAttribute('data-media', 'ringing', { timeout: 15_000 });
    figures.push(`key 1 sent → ringing in the browser: ${Date.now() - keyedAt} ms (upper bound)`);
    await expect(page.getByTestId('caller-key-track')).toHaveText('1');

    await phone.getByRole('button', { name: 'Answer' }).click();
    const answeredAt = Date.now();
    await expect(bar).toHaveAttribute('data-media', 'connected', { timeout: 15_000 });
    if (process.env.VOICE_DEBUG) {
      await page.waitForTimeout(3000);
      const ng = { host: '127.0.0.1', port: voiceStack.voice.config.ngPort };
      for (const id of ((await ngCommand(ng, { command: 'list' })).calls as string[]) ?? []) console.log(`[rtpengine] ${JSON.stringify(await ngCommand(ng, { command: 'query', 'call-id': id }), null, 1)}`);
    }
    await expect.poll(() => inboundLevel(page), { timeout: 15_000 }).toBeGreaterThan(0.05);
    figures.push(`Answer → the caller's tone in the browser: ${Date.now() - answeredAt} ms`);
    await page.waitForTimeout(2000);

    await phone.getByRole('button', { name: 'Hang up' }).click();
    const closed = await Promise.race([call.closed, new Promise<string>((r) => setTimeout(() => r('timeout'), 15_000))]);
    expect(closed).toBe('exit 0');
    // The caller heard the agent's fake microphone (660 Hz) after the prompt.
    const heard = call.heard(0.5, 1.5, answeredAt);
    expect(heard.rms).toBeGreaterThan(0.05);
    expect(Math.abs(heard.frequencyHz - 660)).toBeLessThan(40);
    figures.push(`caller heard the agent: rms ${heard.rms.toFixed(3)} at ≈${heard.frequencyHz.toFixed(0)} Hz`);
    await expect.poll(async () => JSON.stringify((await voiceStack.rpc('dlg.list')).result ?? [])).toBe('[]');
    await expect.poll(async () => ((await ngCommand({ host: '127.0.0.1', port: voiceStack.voice.config.ngPort }, { command: 'list' })).calls as unknown[] | undefined)?.length ?? 0).toBe(0);
  } finally {
    await call.hangup();
    for (const f of figures) console.log(`[voice ivr] ${f}`);
    test.info().annotations.push({ type: 'figures', description: figures.join('; ') });
  }
});

test('an invalid key repeats the prompt; the caller hanging up in the IVR leaves nothing behind', async ({ voiceStack }) => {
  test.setTimeout(60_000);
  const call = placeIvrCall({ proxy: voiceStack.proxy, from: '13800138002', to: '95555', seconds: 30, answerWithinMs: 5000, sipPort: await freePort(), rtpPort: await freePort() });
  try {
    await Promise.race([call.firstAudio, new Promise<number>((_, reject) => setTimeout(() => reject(new Error('no prompt within 10 s')), 10_000))]);
    // 8 is no option of the seed menu: the invalid-key notice, then the menu again (more prompt audio).
    await new Promise((r) => setTimeout(r, 1500));
    const keyedAt = Date.now();
    await call.key('8');
    await new Promise((r) => setTimeout(r, 2500));
    // After the key: the notice (one beep, 0.4 s) then the whole menu again (two, 0.8 s): more than either alone.
    const again = call.heard(0, Infinity, keyedAt);
    expect(again.rms).toBeGreaterThan(0.05);
    expect(again.seconds).toBeGreaterThan(1.0);
    // Unanswered after 5 s without a new provisional response, the caller cancels: 487, the call ends.
    expect(await call.closed).toBe('exit 0');
    await expect.poll(async () => ((await ngCommand({ host: '127.0.0.1', port: voiceStack.voice.config.ngPort }, { command: 'list' })).calls as unknown[] | undefined)?.length ?? 0, { timeout: 10_000 }).toBe(0);
  } finally {
    await call.hangup();
  }
});
