// Transfer and conference with real audio (docs/adr/0017-voice-conference.md), in real Chromium: a
// SIP caller (baresip, 440 Hz) talks to agent 1001 (fake microphone 660 Hz, this browser) and then to
// agent 1002 (880 Hz, a second Chromium) — by blind transfer (REFER to `xfer-<callId>`: the caller's
// audio moves to 1002's browser and 1001 keeps no session), and by consultation + conference (1001's
// browser calls 1002's, then mixes: each of the three hears the other two); and the survey handoff (the
// agent leaves, the caller stays on and hears rtpengine's prompt until the rating ends the call).
import { chromium, type Browser, type Page } from '@playwright/test';
import { heardRecordings, placeVoiceCall, toneAmplitude, type VoiceCall } from '../../apps/cti-server/src/sim/voice-caller';
import { ngCommand } from '../../apps/cti-server/src/voice/rtpengine';
import { pickAgent } from '../workbench-support';
import { SECOND_MICROPHONE } from './fake-microphone';
import { expect, test, voiceReady, type VoiceStack } from './voice-fixture';

test.skip(!voiceReady, 'the Debian voice packages are not installed (pnpm voice:install)');

const FIRST_HZ = 660; // 1001's fake microphone (this browser)
const SECOND_HZ = 880; // 1002's (the second browser)

async function login(page: Page, shellUrl: string, agentId: string): Promise<void> {
  await page.goto(`${shellUrl}/?lng=en-US`);
  await page.getByLabel('Agent ID').fill(agentId);
  await page.getByLabel('Password').fill('octopus');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-connection', 'connected');
  await expect(page.getByTestId('voice-bar')).toHaveAttribute('data-voice', 'registered', { timeout: 15_000 });
}

/** The caller's audio level in this browser (voice bar, getStats `inbound-rtp` audioLevel 0–1). */
async function callerLevel(page: Page): Promise<number> {
  return Number((await page.getByTestId('voice-bar').locator('[data-level]').first().getAttribute('data-level').catch(() => null)) ?? 0);
}

/** The colleague's audio level in this browser (the consultation's session). */
async function colleagueLevel(page: Page): Promise<number> {
  return Number((await page.getByTestId('voice-bar').locator('[data-consult-level]').first().getAttribute('data-consult-level').catch(() => null)) ?? 0);
}

/** A second Chromium like the project's, with the 880 Hz microphone (Chromium reads the file at launch). */
async function secondBrowser(): Promise<Browser> {
  const base = test.info().project.use.launchOptions ?? {};
  const args = (base.args ?? []).map((a) => (a.startsWith('--use-file-for-fake-audio-capture=') ? `--use-file-for-fake-audio-capture=${SECOND_MICROPHONE}` : a));
  return chromium.launch({ ...base, args });
}

async function dialogs(stack: VoiceStack): Promise<unknown[]> {
  const result = (await stack.rpc('dlg.list')).result;
  return Array.isArray(result) ? result : result ? [result] : [];
}

async function rtpengineCalls(stack: VoiceStack): Promise<number> {
  return ((await ngCommand({ host: '127.0.0.1', port: stack.voice.config.ngPort }, { command: 'list' })).calls as unknown[] | undefined)?.length ?? 0;
}

/** 1001 answers a voice call from `from` and hears its tone. */
async function answered(page: Page, stack: VoiceStack, from: string): Promise<VoiceCall> {
  const call = placeVoiceCall({ proxy: stack.proxy, from, to: '95555*1', toneHz: 440, seconds: 120, ...(process.env.VOICE_DEBUG && { onLine: (l: string) => console.log(`[baresip] ${l}`) }) });
  const phone = page.getByTestId('phone-bar');
  await expect(phone.getByRole('button', { name: 'Answer' })).toBeEnabled({ timeout: 20_000 });
  await expect(page.getByTestId('voice-bar')).toHaveAttribute('data-media', 'ringing', { timeout: 15_000 });
  await phone.getByRole('button', { name: 'Answer' }).click();
  await call.established;
  await expect.poll(() => callerLevel(page), { timeout: 15_000 }).toBeGreaterThan(0.05);
  return call;
}

async function logout(page: Page, stack: VoiceStack, agentId: string): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await expect.poll(async () => (await stack.rpc('ul.lookup', ['location', `${agentId}@octopus.local`])).error?.message ?? 'registered').toBe('AOR not found in location table');
}

test('blind transfer: the caller’s audio moves from 1001’s browser to 1002’s, 1001 keeps no session, the caller stays on', async ({ page, voiceStack }) => {
  test.setTimeout(150_000);
  const figures: string[] = [];
  await login(page, voiceStack.shellUrl, '1001');
  const call = await answered(page, voiceStack, '13800138010');
  const browser2 = await secondBrowser();
  const page2 = await browser2.newPage();
  try {
    if (process.env.VOICE_DEBUG) for (const [p, n] of [[page, '1001'], [page2, '1002']] as const) p.on('console', (m) => console.log(`[${n}] ${m.text()}`));
    // 1002 logs in after 1001 took the call (both are presale: the call must ring 1001).
    await login(page2, voiceStack.shellUrl, '1002');
    const phone = page.getByTestId('phone-bar');
    await page.waitForTimeout(2000);
    await phone.getByRole('button', { name: 'Transfer' }).click();
    await pickAgent(page, 'Transfer the call', '1002');
    await page.getByRole('dialog', { name: 'Transfer the call' }).getByRole('button', { name: 'Confirm' }).click();
    const phone2 = page2.getByTestId('phone-bar');
    await expect(phone2.getByRole('button', { name: 'Answer' })).toBeEnabled({ timeout: 15_000 });
    const answeredAt = Date.now();
    await phone2.getByRole('button', { name: 'Answer' }).click();
    // 1001's browser referred the caller, whose new INVITE rang 1002's browser: the tone arrives there.
    await expect.poll(() => callerLevel(page2), { timeout: 15_000 }).toBeGreaterThan(0.05);
    figures.push(`transfer: 1002's Answer → the caller's audio in 1002's browser: ${Date.now() - answeredAt} ms`);
    await expect(page.getByTestId('voice-bar')).toHaveAttribute('data-media', 'none');
    // One dialog left: the caller ↔ 1002 (1001's ended without the engine hearing "the caller hung up").
    await expect.poll(async () => (await dialogs(voiceStack)).length, { timeout: 10_000 }).toBe(1);
    await expect(page2.getByTestId('phone-bar').getByRole('button', { name: 'Hang up' })).toBeEnabled();
    await page2.waitForTimeout(3000);

    await phone2.getByRole('button', { name: 'Hang up' }).click();
    await Promise.race([call.closed, page2.waitForTimeout(15_000)]);
    await expect(page2.getByTestId('voice-bar')).toHaveAttribute('data-media', 'none');
    await expect.poll(async () => (await dialogs(voiceStack)).length).toBe(0);
    await expect.poll(() => rtpengineCalls(voiceStack)).toBe(0);

    // What the caller heard after the transfer (baresip completes a recording when its call ends): its
    // second call's recording is 1002's 880 Hz, none of 1001's 660 Hz.
    const recordings = heardRecordings(call.dir);
    expect(recordings.length).toBeGreaterThanOrEqual(2);
    const after = recordings.at(-1)!;
    const second = toneAmplitude(after, SECOND_HZ, 0.5, 2);
    const first = toneAmplitude(after, FIRST_HZ, 0.5, 2);
    figures.push(`caller after transfer: ${SECOND_HZ} Hz amplitude ${second.toFixed(3)}, ${FIRST_HZ} Hz ${first.toFixed(3)}`);
    expect(second).toBeGreaterThan(0.05);
    expect(first).toBeLessThan(0.02);
  } finally {
    await call.hangup();
    for (const f of figures) console.log(`[voice] ${f}`);
    test.info().annotations.push({ type: 'figures', description: figures.join('; ') });
  }
  await logout(page2, voiceStack, '1002');
  await browser2.close();
  await logout(page, voiceStack, '1001');
});

test('consultation then conference: 1001 and 1002 talk while the caller is held, then all three hear each other', async ({ page, voiceStack }) => {
  test.setTimeout(180_000);
  const figures: string[] = [];
  await login(page, voiceStack.shellUrl, '1001');
  const call = await answered(page, voiceStack, '13800138011');
  const establishedAt = await call.established;
  const browser2 = await secondBrowser();
  const page2 = await browser2.newPage();
  try {
    if (process.env.VOICE_DEBUG) for (const [p, n] of [[page, '1001'], [page2, '1002']] as const) p.on('console', (m) => console.log(`[${n}] ${m.text()}`));
    await login(page2, voiceStack.shellUrl, '1002');
    const phone = page.getByTestId('phone-bar');
    const phone2 = page2.getByTestId('phone-bar');
    const bar = page.getByTestId('voice-bar');
    const bar2 = page2.getByTestId('voice-bar');

    await phone.getByRole('button', { name: 'Consult' }).click();
    await pickAgent(page, 'Consult', '1002');
    await page.getByRole('dialog', { name: 'Consult' }).getByRole('button', { name: 'Confirm' }).click();
    await expect(phone2.getByRole('button', { name: 'Answer' })).toBeEnabled({ timeout: 15_000 });
    await expect(bar2).toHaveAttribute('data-consult-media', 'ringing', { timeout: 15_000 });
    const consultAt = Date.now();
    await phone2.getByRole('button', { name: 'Answer' }).click();
    // The two agents hear each other; the caller is held (1001 hears nothing of it).
    await expect.poll(() => colleagueLevel(page2), { timeout: 15_000 }).toBeGreaterThan(0.05);
    await expect.poll(() => colleagueLevel(page), { timeout: 15_000 }).toBeGreaterThan(0.05);
    figures.push(`consultation: 1002's Answer → both agents hear each other: ${Date.now() - consultAt} ms`);
    await expect.poll(() => callerLevel(page), { timeout: 10_000 }).toBeLessThan(0.01);
    await page.waitForTimeout(2000);

    const conferenceAt = Date.now();
    await phone.getByRole('button', { name: 'Conference' }).click();
    await expect(bar).toHaveAttribute('data-mixing', 'yes', { timeout: 10_000 });
    // 1001 hears the caller again and 1002; 1002 hears 1001's mix (1001 + the caller).
    await expect.poll(() => callerLevel(page), { timeout: 10_000 }).toBeGreaterThan(0.05);
    figures.push(`conference: Conference → the caller's audio back in 1001's browser: ${Date.now() - conferenceAt} ms`);
    await expect.poll(() => colleagueLevel(page), { timeout: 10_000 }).toBeGreaterThan(0.05);
    await expect.poll(() => colleagueLevel(page2), { timeout: 10_000 }).toBeGreaterThan(0.05);
    const bothFrom = Date.now();
    await page.waitForTimeout(3000);
    const bothUntil = Date.now();
    // 1001 mutes: 1002 still hears the caller through 1001's mix (so the caller's tone reaches 1002), and the
    // caller hears only 1002.
    await phone.getByRole('button', { name: 'Mute' }).click();
    await page.waitForTimeout(500);
    const mutedFrom = Date.now();
    await expect.poll(() => colleagueLevel(page2), { timeout: 10_000 }).toBeGreaterThan(0.05);
    await page.waitForTimeout(3000);
    const mutedUntil = Date.now();
    await phone.getByRole('button', { name: 'Unmute' }).click();

    // 1001 leaves the conference: its browser refers the caller to 1002, who now has the call alone.
    const leftAt = Date.now();
    await phone.getByRole('button', { name: 'Hang up' }).click();
    await expect(bar).toHaveAttribute('data-media', 'none', { timeout: 15_000 });
    await expect(bar2).toHaveAttribute('data-media', 'connected', { timeout: 15_000 });
    await expect.poll(() => callerLevel(page2), { timeout: 15_000 }).toBeGreaterThan(0.05);
    figures.push(`1001 leaves the conference → the caller's audio in 1002's browser: ${Date.now() - leftAt} ms`);
    await expect(bar2).toHaveAttribute('data-consult-media', 'none');
    // One dialog left: the caller ↔ 1002 (the consultation's is not tracked by Kamailio's dialog module).
    await expect.poll(async () => (await dialogs(voiceStack)).length, { timeout: 10_000 }).toBe(1);

    await phone2.getByRole('button', { name: 'Hang up' }).click();
    await expect(bar2).toHaveAttribute('data-media', 'none', { timeout: 15_000 });
    await expect.poll(async () => (await dialogs(voiceStack)).length, { timeout: 15_000 }).toBe(0);
    await expect.poll(() => rtpengineCalls(voiceStack)).toBe(0);

    // The caller's first call's recording (complete once 1001's session ended): both agents during the conference, only 1002 while 1001 was muted.
    const heard = heardRecordings(call.dir)[0]!;
    const at = (t: number) => (t - establishedAt) / 1000;
    const first = toneAmplitude(heard, FIRST_HZ, at(bothFrom) + 0.5, at(bothUntil) - at(bothFrom) - 1);
    const second = toneAmplitude(heard, SECOND_HZ, at(bothFrom) + 0.5, at(bothUntil) - at(bothFrom) - 1);
    figures.push(`caller in the conference: ${FIRST_HZ} Hz ${first.toFixed(3)}, ${SECOND_HZ} Hz ${second.toFixed(3)}`);
    expect(first).toBeGreaterThan(0.05);
    expect(second).toBeGreaterThan(0.05);
    const mutedFirst = toneAmplitude(heard, FIRST_HZ, at(mutedFrom) + 0.5, at(mutedUntil) - at(mutedFrom) - 1);
    const mutedSecond = toneAmplitude(heard, SECOND_HZ, at(mutedFrom) + 0.5, at(mutedUntil) - at(mutedFrom) - 1);
    figures.push(`caller while 1001 is muted: ${FIRST_HZ} Hz ${mutedFirst.toFixed(3)}, ${SECOND_HZ} Hz ${mutedSecond.toFixed(3)}`);
    expect(mutedSecond).toBeGreaterThan(0.05);
    expect(mutedFirst).toBeLessThan(0.02);
  } finally {
    await call.hangup();
    for (const f of figures) console.log(`[voice] ${f}`);
    test.info().annotations.push({ type: 'figures', description: figures.join('; ') });
  }
  await logout(page2, voiceStack, '1002');
  await browser2.close();
  await logout(page, voiceStack, '1001');
});

test('survey handoff: the agent’s browser leaves, the caller stays on and hears the survey prompt until the rating ends the call', async ({ page, voiceStack }) => {
  test.setTimeout(120_000);
  const figures: string[] = [];
  await login(page, voiceStack.shellUrl, '1001');
  const call = await answered(page, voiceStack, '13800138012');
  const establishedAt = await call.established;
  try {
    await page.waitForTimeout(2000);
    const surveyAt = Date.now();
    await page.getByTestId('phone-bar').getByRole('button', { name: 'Survey' }).click();
    await expect(page.getByTestId('voice-bar')).toHaveAttribute('data-media', 'none', { timeout: 10_000 });
    // The caller is not hung up by the agent's leaving: the rating (the simulator keys it) ends the call.
    const closed = await Promise.race([call.closed.then(() => Date.now()), new Promise<number>((r) => setTimeout(() => r(0), 20_000))]);
    expect(closed).toBeGreaterThan(0);
    figures.push(`survey: the caller stayed on ${closed - surveyAt} ms after the agent left (until the rating)`);
    expect(closed - surveyAt).toBeGreaterThan(1500);
    await expect.poll(async () => (await dialogs(voiceStack)).length, { timeout: 15_000 }).toBe(0).catch(async (e) => {
      console.log('DLG', JSON.stringify(await dialogs(voiceStack)));
      throw e;
    });
    await expect.poll(() => rtpengineCalls(voiceStack), { timeout: 15_000 }).toBe(0);

    // What the caller heard after the handoff: the prompt's 1000 Hz beeps, none of the agent's 660 Hz.
    const heard = heardRecordings(call.dir)[0]!;
    const from = (surveyAt - establishedAt) / 1000 + 0.3;
    const prompt = toneAmplitude(heard, 1000, from, 1.2);
    const agent = toneAmplitude(heard, FIRST_HZ, from, 1.2);
    figures.push(`caller after the handoff: 1000 Hz ${prompt.toFixed(3)}, ${FIRST_HZ} Hz ${agent.toFixed(3)}`);
    expect(prompt).toBeGreaterThan(0.05);
    expect(agent).toBeLessThan(0.02);
  } finally {
    await call.hangup();
    for (const f of figures) console.log(`[voice] ${f}`);
    test.info().annotations.push({ type: 'figures', description: figures.join('; ') });
  }
  await logout(page, voiceStack, '1001');
});
