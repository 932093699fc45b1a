// `pnpm bench` part: the workbench in Chromium against production builds, measured as the browser
// measures it (issue [2/7] point 8; budgets from the issue):
//   ring → caller panel painted (from the ring frame's WebSocket message event to the paint of the
//     frame that first contains the panel), p95 ≤ 50 ms; components rendered and commits per ring reported
//   opening a remote tab during a ring: no skeleton, the tab shows data ≤ 100 ms after the click
//   call switch: the restored view in the FIRST frame after the click in ≥ 99 % of switches, Event
//     Timing (click → next paint, the browser's own figure) p95 ≤ 32 ms, 0 network requests, and
//     components rendered per switch (by area) against the DOM changes they made
// (A shift's memory — heap and DOM nodes per call over 1,000 calls — is `bench-shift.ts`, `pnpm bench:shift`.)
// "Painted" is stamped after the frame's paint: a user-blocking task (`scheduler.postTask`) posted from the
// frame's requestAnimationFrame callback runs right after that frame is rendered — not a second
// requestAnimationFrame, which waits one frame more than the browser does, nor an ordinary message, which
// also waits for every task the page queued before that frame (work the page defers until after the paint
// would count against the paint it waited for).
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from './lib/browser';
import { BENCH_PROBES } from './lib/bench-probes';
import { startStack } from './lib/stack';
import { listWebApps, portEnvName } from './lib/workspace';
import { freePort } from './lib/free-port';

const CALLS = Number(process.env.BENCH_RING_CALLS ?? 60);
const SWITCHES = Number(process.env.BENCH_SWITCHES ?? 100);
const TAB_RINGS = Number(process.env.BENCH_TAB_RINGS ?? 4);
/** BENCH_TRACE=1: also print which components render per ring and per switch (readable names need an unminified build). */
const TRACE = process.env.BENCH_TRACE === '1';
/** `BENCH_CHROME_TRACE=file.json`: record a Chrome performance trace of the ring part (each ring a User Timing measure `ring:<callId>`, from its message event to its paint). */
const CHROME_TRACE = process.env.BENCH_CHROME_TRACE;
/** `BENCH_VERBOSE=1`: print every tab open (remote, time to data, skeleton). */
const VERBOSE = process.env.BENCH_VERBOSE === '1';

/** Budgets: issue [2/7] point 8. */
const BUDGET = {
  ringPaintedP95Ms: 50,
  tabDataMs: 100,
  switchFirstFrameShare: 0.99,
  switchEventTimingP95Ms: 32,
  switchRequests: 0,
};

const TABS: Array<{ remote: string; label: string }> = [
  { remote: 'orders', label: 'Orders' },
  { remote: 'finance', label: 'Consignment & Loans' },
  { remote: 'service-track', label: 'Service track' },
  { remote: 'tickets', label: 'Tickets' },
];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const median = (values: number[]) => percentile(values, 50);
const ms = (value: number) => `${value.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

interface RenderCount {
  commits: number;
  components: number;
  byArea: Record<string, number>;
  domMutations: number;
  /** With BENCH_TRACE=1: components by `area:name`. */
  byName?: Record<string, number>;
}

/** BENCH_TRACE=1: the components rendered most, on average per sample. */
const traceText = (counts: RenderCount[]) => {
  if (!TRACE) return '';
  const total: Record<string, number> = {};
  for (const count of counts) for (const [name, n] of Object.entries(count.byName ?? {})) total[name] = (total[name] ?? 0) + n;
  const top = Object.entries(total)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([name, n]) => `${name} ${(n / Math.max(1, counts.length)).toFixed(1)}`);
  return `\n  trace (per sample): ${top.join(', ')}`;
};

const byAreaText = (counts: RenderCount[]) => {
  const areas = new Set(counts.flatMap((count) => Object.keys(count.byArea)));
  return [...areas]
    .map((area) => [area, median(counts.map((count) => count.byArea[area] ?? 0))] as const)
    .filter(([, value]) => value > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([area, value]) => `${area} ${value}`)
    .join(', ');
};

async function main(): Promise<void> {
  // Free ports, as the e2e suite does: the bench runs beside `pnpm start` and other stacks.
  const env: NodeJS.ProcessEnv = { ...process.env, OCTOPUS_MODE: 'test', CTI_WRAP_UP_MS: '0' };
  for (const app of listWebApps({})) env[portEnvName(app.name)] ??= String(await freePort());
  env.CTI_PORT ??= String(await freePort());
  env.API_PORT ??= String(await freePort());
  const cti = `http://127.0.0.1:${env.CTI_PORT}`;
  // The stack's helpers read the ports from process.env.
  Object.assign(process.env, Object.fromEntries(Object.entries(env).filter(([key]) => key.endsWith('_PORT'))));
  const sim = async (pathname: string, body?: unknown): Promise<{ callId: string }> => {
    const response = await fetch(`${cti}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${pathname}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { callId: string };
  };

  // Timings depend on what else the machine runs: say how loaded it was (1-minute load average).
  const load = () => loadavg()[0]!.toFixed(1);
  console.log(`load average at start: ${load()}`);
  const stack = await startStack({ dataDir: mkdtempSync(path.join(tmpdir(), 'octopus-bench-')), env, log: () => undefined });
  const browser = await launchChromium();
  let failed = false;
  const report = (line: string, ok: boolean) => {
    console.log(`${line}  ${verdict(ok)}`);
    if (!ok) failed = true;
  };
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(BENCH_PROBES);
    const page = await context.newPage();
    await page.goto(`${stack.urlOf('shell')}/?lng=en-US`);
    await page.getByLabel('Agent ID').fill('1001');
    await page.getByLabel('Password').fill('octopus');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('[data-agent-state="idle"]').waitFor();
    // The shell preloads every remote's code at login. Open each tab for the first time: no skeleton.
    await page.waitForLoadState('networkidle');
    await installTabProbe(page);
    const firstOpens: Array<{ remote: string; skeleton: boolean; dataMs: number }> = [];
    for (const { remote, label } of TABS) {
      const tab = page.getByRole('tab', { name: label, exact: true });
      if ((await tab.getAttribute('aria-selected')) === 'true') continue;
      firstOpens.push({ remote, ...(await openTab(page, remote, '', label)) });
    }
    const firstSkeletons = firstOpens.filter((open) => open.skeleton).map((open) => open.remote);
    report(
      `first open of each remote tab after login, code preloaded (${firstOpens.length} tabs): skeleton shown ${firstSkeletons.length} times${firstSkeletons.length ? ` (${firstSkeletons.join(', ')})` : ''}; shown after p50 ${ms(median(firstOpens.map((o) => o.dataMs)))}  budget 0 skeletons`,
      firstSkeletons.length === 0,
    );
    await page.waitForLoadState('networkidle');
    if (TRACE) await page.evaluate(() => (window as unknown as { __renders: { trace(on: boolean): void } }).__renders.trace(true));
    const renderCounterWorks = await page.evaluate(() => (window as unknown as { __renders: { read(): RenderCount } }).__renders.read().commits > 0);
    if (!renderCounterWorks) throw new Error('the render counter saw no React commit (is the DevTools hook installed before React?)');

    if (CHROME_TRACE) await page.evaluate(() => void ((window as unknown as { __traceRings: boolean }).__traceRings = true));
    if (CHROME_TRACE) await browser.startTracing(page, { path: CHROME_TRACE, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8', 'disabled-by-default-v8.gc', 'disabled-by-default-v8.cpu_profiler', 'toplevel', 'disabled-by-default-devtools.timeline.frame'] });
    await ringBench(page, sim, report);
    if (CHROME_TRACE) await browser.stopTracing();
    await tabOpenBench(page, sim, report);
    await switchBench(page, sim, report);
    console.log(`load average at end: ${load()}`);
  } finally {
    await browser.close();
    await stack.close();
  }
  if (failed) process.exitCode = 1;
}

/**
 * `afterFrame(task)`, called from a requestAnimationFrame callback: runs the task right after that frame
 * is rendered, ahead of tasks the page queued earlier (a user-blocking `scheduler.postTask`; a message
 * where the Prioritized Task Scheduling API is missing).
 */
const AFTER_FRAME = `const afterFrame = (task) => {
  if (globalThis.scheduler && typeof scheduler.postTask === 'function') return void scheduler.postTask(task, { priority: 'user-blocking' });
  const channel = new MessageChannel();
  channel.port1.onmessage = () => { channel.port1.close(); task(); };
  channel.port2.postMessage(null);
};`;

type Sim = (pathname: string, body?: unknown) => Promise<{ callId: string }>;
type Report = (line: string, ok: boolean) => void;

async function ringBench(page: Page, sim: Sim, report: Report): Promise<void> {
  // When a ringing call lands in the store: the first frame that contains its caller panel, and that
  // frame's paint; the renders up to the paint and within 1 s of the ring.
  await page.evaluate(`(() => {
    ${AFTER_FRAME}
    window.__ringSamples = [];
    const seen = new Set();
    const store = window.__OCTOPUS__.telephony;
    store.subscribe(() => {
      if (window.__ringProbeOff) return;
      const state = store.getState();
      for (const [id, call] of state.calls) {
        if (call.state !== 'ringing' || seen.has(id)) continue;
        seen.add(id);
        window.__renders.reset();
        // From the ring frame's arrival at the page (the message event being handled), not from this
        // listener: the store's other subscribers ran before it, their work is part of the ring.
        const applied = Number.isFinite(window.__wsMessageAt) ? window.__wsMessageAt : performance.now();
        const sample = { id, painted: NaN, frames: 0, rendersAtPaint: null, renders: null };
        const inFrame = () => {
          sample.frames += 1;
          if (!document.querySelector('[data-caller-call-id="' + id + '"]')) return requestAnimationFrame(inFrame);
          afterFrame(() => {
            sample.painted = performance.now() - applied;
            sample.rendersAtPaint = window.__renders.read();
            if (window.__traceRings) performance.measure('ring:' + id, { start: applied, end: performance.now() });
          });
        };
        requestAnimationFrame(inFrame);
        setTimeout(() => { sample.renders = window.__renders.read(); window.__ringSamples.push(sample); }, 1000);
      }
    });
  })()`);
  for (let i = 0; i < CALLS; i += 1) {
    const { callId } = await sim('/sim/calls', { from: `1380013${String(8000 + (i % 5)).padStart(4, '0')}`, keys: '1' });
    await page.waitForFunction((id) => (window as unknown as { __ringSamples: Array<{ id: string }> }).__ringSamples.some((s) => s.id === id), callId, { timeout: 15_000 });
    await sim(`/sim/calls/${callId}/hangup`);
    await page.locator(`[data-call-id="${callId}"][data-call-state]`).waitFor({ state: 'detached' });
  }
  const samples = await page.evaluate(
    () => (window as unknown as { __ringSamples: Array<{ painted: number; frames: number; rendersAtPaint: RenderCount | null; renders: RenderCount }> }).__ringSamples,
  );
  const painted = samples.map((s) => s.painted).filter(Number.isFinite);
  const p95 = percentile(painted, 95);
  if (VERBOSE) console.log(`    rings (painted ms / frames): ${samples.map((s) => `${Math.round(s.painted)}/${s.frames}`).join(' ')}`);
  report(`ring → caller panel painted (${samples.length} rings, from the ring frame's message event): p50 ${ms(median(painted))}, p95 ${ms(p95)}  budget p95 ≤ ${BUDGET.ringPaintedP95Ms} ms`, p95 <= BUDGET.ringPaintedP95Ms);
  const atPaint = samples.map((s) => s.rendersAtPaint).filter((r): r is RenderCount => r !== null);
  const renders = samples.map((s) => s.renders);
  console.log(
    `  renders per ring (median): up to the panel's paint ${median(atPaint.map((r) => r.components))} components in ${median(atPaint.map((r) => r.commits))} commits; ` +
      `within 1 s ${median(renders.map((r) => r.components))} components in ${median(renders.map((r) => r.commits))} commits (${byAreaText(renders)}); ${median(renders.map((r) => r.domMutations))} DOM mutations${traceText(renders)}`,
  );
}

/**
 * Per tab click: whether the slot's skeleton ever showed, and when the remote first showed data (no
 * skeleton left in it), stamped after that frame's paint, from the click's event time.
 */
async function installTabProbe(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    ${AFTER_FRAME}
    window.__armTab = (remote, callId) => {
      window.__tabResult = null;
      document.addEventListener('click', (event) => {
        const started = event.timeStamp;
        const result = { skeleton: false, dataMs: NaN };
        const deadline = performance.now() + 3000;
        const frame = () => {
          if (document.querySelector('[data-remote-loading]')) result.skeleton = true;
          const panel = document.querySelector('[data-slot-call-id="' + callId + '"] [data-remote="' + remote + '"]');
          if (panel && !panel.querySelector('.ant-skeleton') && !document.querySelector('[data-remote-loading]')) {
            afterFrame(() => { result.dataMs = performance.now() - started; window.__tabResult = result; });
            return;
          }
          if (performance.now() > deadline) { window.__tabResult = result; return; }
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }, { capture: true, once: true });
    };
  })()`);
}

async function openTab(page: Page, remote: string, callId: string, label: string): Promise<{ skeleton: boolean; dataMs: number }> {
  await page.evaluate(([r, id]) => (window as unknown as { __armTab(r: string, id: string): void }).__armTab(r!, id!), [remote, callId]);
  await page.getByRole('tab', { name: label, exact: true }).click();
  await page.waitForFunction(() => (window as unknown as { __tabResult: unknown }).__tabResult !== null, undefined, { timeout: 10_000 });
  return page.evaluate(() => (window as unknown as { __tabResult: { skeleton: boolean; dataMs: number } }).__tabResult);
}

async function tabOpenBench(page: Page, sim: Sim, report: Report): Promise<void> {
  // During a ring (the agent looks before answering): click each tab that is not showing.
  const results: Array<{ remote: string; skeleton: boolean; dataMs: number }> = [];
  for (let i = 0; i < TAB_RINGS; i += 1) {
    const { callId } = await sim('/sim/calls', { from: `1380013${String(8000 + (i % 5)).padStart(4, '0')}`, keys: '1' });
    await page.locator(`[data-caller-call-id="${callId}"]`).waitFor();
    // The agent reads the caller panel before looking at a tab.
    await page.waitForTimeout(1000);
    for (const { remote, label } of TABS) {
      const tab = page.getByRole('tab', { name: label, exact: true });
      if ((await tab.getAttribute('aria-selected')) === 'true') continue;
      const opened = { remote, ...(await openTab(page, remote, callId, label)) };
      results.push(opened);
      if (VERBOSE) console.log(`    ring ${i + 1}: ${remote} data after ${ms(opened.dataMs)}${opened.skeleton ? ' (skeleton shown)' : ''}`);
    }
    await sim(`/sim/calls/${callId}/hangup`);
    await page.locator(`[data-call-id="${callId}"][data-call-state]`).waitFor({ state: 'detached' });
  }
  const skeletons = results.filter((r) => r.skeleton).length;
  const times = results.map((r) => (Number.isFinite(r.dataMs) ? r.dataMs : Infinity));
  const worst = Math.max(...times);
  const perRemote = TABS.map(({ remote }) => {
    const mine = results.filter((r) => r.remote === remote).map((r) => r.dataMs);
    return `${remote} ${mine.length ? ms(Math.max(...mine)) : '—'}`;
  }).join(', ');
  report(`remote tab opened during a ring (${results.length} opens, code loaded): skeleton shown ${skeletons} times  budget 0`, skeletons === 0);
  report(`  data shown after the click: p50 ${ms(median(times))}, max ${ms(worst)} (${perRemote})  budget ≤ ${BUDGET.tabDataMs} ms`, worst <= BUDGET.tabDataMs);
}

async function switchBench(page: Page, sim: Sim, report: Report): Promise<void> {
  // Two answered calls in the list (recent ended calls stay selectable): switch back and forth.
  const answered: string[] = [];
  for (let i = 0; i < 2; i += 1) {
    const { callId } = await sim('/sim/calls', { from: `1390000${1000 + i}`, keys: '1' });
    await page.getByRole('button', { name: 'Answer' }).click();
    await page.locator(`[data-call-id="${callId}"][data-call-state="talking"]`).waitFor();
    await page.getByTestId('caller-panel').getByLabel('Notes').fill(`draft for call ${i + 1}`);
    await sim(`/sim/calls/${callId}/hangup`);
    await page.locator(`[data-record][data-call-id="${callId}"]`).waitFor({ timeout: 15_000 });
    answered.push(callId);
  }
  await page.waitForLoadState('networkidle');
  // Every tab once per call, so each call's tab data is cached: a switch then needs nothing new.
  for (const callId of [...answered, ...answered]) {
    await page.locator(`[data-record][data-call-id="${callId}"]`).getByTestId('record-number').click();
    await page.locator(`[data-caller-call-id="${callId}"]`).waitFor();
    for (const { label } of TABS) await page.getByRole('tab', { name: label, exact: true }).click();
    await page.waitForLoadState('networkidle');
  }
  await page.evaluate(`(() => {
    // Armed before each switch: in the first animation frame after the click (its callbacks run just
    // before that frame's style, layout and paint), is the selected call's view already in the DOM?
    window.__armSwitch = (callId) => {
      window.__switchResult = null;
      document.addEventListener('click', () => {
        const result = { firstFrame: false, remoteFrames: NaN };
        let frames = 0;
        const frame = () => {
          frames += 1;
          if (frames === 1) result.firstFrame = Boolean(document.querySelector('[data-caller-call-id="' + callId + '"]'));
          if (document.querySelector('[data-slot-call-id="' + callId + '"] [data-remote]')) { result.remoteFrames = frames; window.__switchResult = result; return; }
          if (frames > 120) { window.__switchResult = result; return; }
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }, { capture: true, once: true });
    };
  })()`);
  const [a, b] = answered as [string, string];
  const requests: string[] = [];
  page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
  const firstFrame: boolean[] = [];
  const remoteFrames: number[] = [];
  const eventTimings: number[] = [];
  let underThreshold = 0;
  const renders: RenderCount[] = [];
  const requestUrls = new Set<string>();
  let requestsDuringSwitches = 0;
  let backgroundPolls = 0;
  for (let i = 0; i < SWITCHES; i += 1) {
    const target = i % 2 === 0 ? a : b;
    const entry = page.locator(`[data-record][data-call-id="${target}"]`).getByTestId('record-number');
    await entry.hover();
    const before = requests.length;
    const entriesBefore = await page.evaluate(() => {
      (window as unknown as { __renders: { reset(): void } }).__renders.reset();
      return (window as unknown as { __eventEntries: unknown[] }).__eventEntries.length;
    });
    await page.evaluate((id) => (window as unknown as { __armSwitch(id: string): void }).__armSwitch(id), target);
    await entry.click();
    await page.waitForFunction(() => (window as unknown as { __switchResult: unknown }).__switchResult !== null, undefined, { timeout: 10_000 });
    // Event Timing entries arrive after the paint; renders of the remote tab's transition settle.
    await page.waitForTimeout(250);
    const sample = await page.evaluate((from) => {
      const w = window as unknown as { __switchResult: { firstFrame: boolean; remoteFrames: number }; __eventEntries: Array<{ name: string; duration: number; interactionId: number }>; __renders: { read(): RenderCount } };
      const interaction = w.__eventEntries.slice(from).filter((e) => e.interactionId > 0 && ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'click'].includes(e.name));
      return { ...w.__switchResult, eventMs: interaction.length ? Math.max(...interaction.map((e) => e.duration)) : null, renders: w.__renders.read() };
    }, entriesBefore);
    // The registry is polled every 15 s whatever the agent does: not a request of the switch.
    const made = requests.slice(before);
    const polls = made.filter((url) => /\/registry\.json(?:\?|$)/.test(url));
    backgroundPolls += polls.length;
    const caused = made.filter((url) => !polls.includes(url));
    requestsDuringSwitches += caused.length;
    caused.forEach((url) => requestUrls.add(url));
    firstFrame.push(sample.firstFrame);
    if (Number.isFinite(sample.remoteFrames)) remoteFrames.push(sample.remoteFrames);
    // No entry: the browser measured it under its 16 ms reporting threshold.
    if (sample.eventMs === null) underThreshold += 1;
    eventTimings.push(sample.eventMs ?? 16);
    renders.push(sample.renders);
  }
  const share = firstFrame.filter(Boolean).length / firstFrame.length;
  const eventP95 = percentile(eventTimings, 95);
  report(`call switch (${SWITCHES} switches): caller panel in the first frame after the click in ${(share * 100).toFixed(1)} %  budget ≥ ${BUDGET.switchFirstFrameShare * 100} %`, share >= BUDGET.switchFirstFrameShare);
  report(
    `  Event Timing click → next paint: p50 ${ms(median(eventTimings))}, p95 ${ms(eventP95)} (${underThreshold} of ${SWITCHES} under the 16 ms reporting threshold, counted as 16)  budget p95 ≤ ${BUDGET.switchEventTimingP95Ms} ms`,
    eventP95 <= BUDGET.switchEventTimingP95Ms,
  );
  console.log(`  remote tab restored in frame p50 ${median(remoteFrames)}, max ${Math.max(...remoteFrames)} after the click (it follows the caller panel by design)`);
  report(
    `  network requests: ${requestsDuringSwitches} (${(requestsDuringSwitches / SWITCHES).toFixed(2)} per switch)${requestUrls.size ? ` — ${[...requestUrls].slice(0, 4).join(', ')}` : ''}; besides, ${backgroundPolls} registry polls (every 15 s, not caused by a switch)  budget ${BUDGET.switchRequests}`,
    requestsDuringSwitches <= BUDGET.switchRequests,
  );
  console.log(
    `  renders per switch (median): ${median(renders.map((r) => r.components))} components in ${median(renders.map((r) => r.commits))} commits (${byAreaText(renders)}) for ${median(renders.map((r) => r.domMutations))} DOM mutations${traceText(renders)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
