// `pnpm bench:shift` (part of `pnpm bench`): a shift of calls in ONE page of the workbench, against the
// production builds and the real cti-server/api (simulated callers), as `bench-workbench.ts` does.
// Each call: ring, Answer, the caller hangs up (wrap-up 0 s). After a warm-up (a tenth of the shift, at least 100 calls), every
// twentieth of the shift: a forced GC (CDP HeapProfiler.collectGarbage, twice), then the JS heap in use
// (Runtime.getHeapUsage) and the document's DOM nodes (Memory.getDOMCounters). Reported: the least-squares
// slope of each per call, against the budgets of issue [2/7] point 8 ("flat": heap ≤ 256 B/call, DOM
// nodes ≤ 0.01/call), plus what the page holds that grows per call (query cache entries, performance
// entries, calls in the telephony store) to tell a leak's kind at a glance.
//
// BENCH_SHIFT_CALLS (or BENCH_CALLS) sets the length, default 1,000 (about 13 minutes here); calls are driven
// from inside the page (SHIFT_DRIVER), BENCH_SHIFT_VERBOSE=1 prints every sample.
// BENCH_SHIFT_SNAPSHOT=<file> also writes the object kinds that grew between the first and last sample
// (a heap snapshot diff by constructor) to that file: the tool to find the next leak.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from './lib/browser';
import { startStack } from './lib/stack';
import { listWebApps, portEnvName } from './lib/workspace';
import { leastSquaresSlope, summarizeHeapSnapshot, diffHeapSummaries } from './lib/heap';
import { freePort } from './lib/free-port';

const SHIFT_CALLS = Number(process.env.BENCH_SHIFT_CALLS ?? process.env.BENCH_CALLS ?? 1000);
const SNAPSHOT_FILE = process.env.BENCH_SHIFT_SNAPSHOT;

/** Budgets: issue [2/7] point 8 ("flat after warm-up"). */
export const SHIFT_BUDGET = {
  /** Bytes of JS heap per call after warm-up: well under the 1.5 KB per call the issue measured. */
  heapBytesPerCall: 256,
  /** DOM nodes per call after warm-up: under one node per hundred calls. */
  domNodesPerCall: 0.01,
};

interface Sample {
  call: number;
  heap: number;
  nodes: number;
  listeners: number;
  queries: number;
  performanceEntries: number;
  storeCalls: number;
  localStorageKeys: number;
  queryKinds: Record<string, number>;
  entryKinds: Record<string, number>;
}

/** What the page holds that a leak would grow, read in the page (query entries by kind, to name a leak). */
const PAGE_COUNTS = `(() => {
  const o = window.__OCTOPUS__ || {};
  const byKind = {};
  if (o.queryClient) for (const q of o.queryClient.getQueryCache().getAll()) { const k = q.queryKey.slice(0, 3).filter((p) => typeof p === 'string').join('/'); byKind[k] = (byKind[k] || 0) + 1; }
  const entryKinds = {};
  for (const e of performance.getEntries()) entryKinds[e.entryType] = (entryKinds[e.entryType] || 0) + 1;
  return {
    queryKinds: byKind,
    entryKinds,
    queries: o.queryClient ? o.queryClient.getQueryCache().getAll().length : -1,
    performanceEntries: performance.getEntries().length,
    storeCalls: o.telephony ? o.telephony.getState().calls.size : -1,
    localStorageKeys: localStorage.length,
  };
})()`;

async function takeSnapshot(cdp: CDPSession): Promise<string> {
  const chunks: string[] = [];
  const onChunk = (event: { chunk: string }) => chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  return chunks.join('');
}

/**
 * The shift's driver, installed once in the page: `__shift.run(cti, first, count)` places `count` simulated
 * calls through the cti-server's simulator, one after the other — ring, Answer clicked once the caller
 * panel shows, the caller hangs up once it is talking, the next one once it left the call list. It runs in
 * the page so the bench adds nothing per call to what it measures: Playwright's own actions compile code
 * in the page (a locator click ≈ 3 KB of heap each, an evaluate ≈ 120 B), which would read as a leak.
 * Fixed source and fixed selectors (no selector per call id). A string: tsx would wrap named functions in
 * a helper the page does not have.
 */
const SHIFT_DRIVER = `window.__shift = (() => {
  const post = async (url, body) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
    if (!response.ok) throw new Error(url + ': ' + response.status);
    return response.json();
  };
  const until = async (what, test) => {
    const deadline = performance.now() + 15000;
    while (!test()) {
      if (performance.now() > deadline) throw new Error(what + ' did not happen within 15 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const liveState = (callId) => {
    for (const item of document.querySelectorAll('[data-call-id][data-call-state]')) if (item.getAttribute('data-call-id') === callId) return item.getAttribute('data-call-state');
    return null;
  };
  const panelShows = (callId) => [...document.querySelectorAll('[data-caller-call-id]')].some((panel) => panel.getAttribute('data-caller-call-id') === callId);
  const answerButton = () => [...document.querySelectorAll('[data-testid="phone-bar"] button')].find((button) => button.textContent.trim() === 'Answer' && !button.disabled);
  return {
    async run(cti, first, count) {
      for (let i = first; i < first + count; i += 1) {
        const { callId } = await post(cti + '/sim/calls', { from: '1370000' + String(1000 + (i % 50)), keys: '1' });
        await until('ring of ' + callId, () => panelShows(callId) && answerButton());
        answerButton().click();
        await until('answer of ' + callId, () => liveState(callId) === 'talking');
        await post(cti + '/sim/calls/' + callId + '/hangup');
        await until('end of ' + callId, () => liveState(callId) === null);
      }
    },
  };
})()`;

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, OCTOPUS_MODE: 'test', CTI_WRAP_UP_MS: '0' };
  for (const app of listWebApps({})) env[portEnvName(app.name)] ??= String(await freePort());
  env.CTI_PORT ??= String(await freePort());
  env.API_PORT ??= String(await freePort());
  // As the page itself reaches the cti-server (CORS and the shell's CSP allow this origin).
  const cti = `http://localhost:${env.CTI_PORT}`;
  Object.assign(process.env, Object.fromEntries(Object.entries(env).filter(([key]) => key.endsWith('_PORT'))));
  const stack = await startStack({ dataDir: mkdtempSync(path.join(tmpdir(), 'octopus-bench-shift-')), env, log: () => undefined });
  const browser = await launchChromium();
  let failed = false;
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${stack.urlOf('shell')}/?lng=en-US`);
    await page.getByLabel('Agent ID').fill('1001');
    await page.getByLabel('Password').fill('octopus');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('[data-agent-state="idle"]').waitFor();
    await page.waitForLoadState('networkidle');
    failed = !(await shift(page, cti));
  } finally {
    await browser.close();
    await stack.close();
  }
  if (failed) process.exitCode = 1;
}

async function shift(page: Page, cti: string): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  const measure = async (call: number): Promise<Sample> => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
    const counts = (await page.evaluate(PAGE_COUNTS)) as Omit<Sample, 'call' | 'heap' | 'nodes' | 'listeners'>;
    return { call, heap: heap.usedSize, nodes: dom.nodes, listeners: dom.jsEventListeners, ...counts };
  };
  // A tenth of the shift, but at least 100 calls (half a short one): V8 keeps compiling and optimising
  // the workbench's code over the first ~100 calls, which reads as growth in a short shift.
  const warmUp = Math.max(1, Math.round(SHIFT_CALLS / 10), Math.min(100, Math.round(SHIFT_CALLS / 2)));
  const every = Math.max(1, Math.round(SHIFT_CALLS / 20));
  const samples: Sample[] = [];
  let firstSnapshot: ReturnType<typeof summarizeHeapSnapshot> | null = null;
  const started = Date.now();
  await page.evaluate(SHIFT_DRIVER);
  // Diagnosis: every script the page compiles during the shift (what the heap's "code" is made of).
  const scripts = new Map<string, number>();
  if (SNAPSHOT_FILE) {
    cdp.on('Debugger.scriptParsed', (event) => {
      const key = `${event.url || '(no url)'} ctx ${event.executionContextId}`;
      scripts.set(key, (scripts.get(key) ?? 0) + 1);
    });
    await cdp.send('Debugger.enable');
  }
  const run = (first: number, count: number) =>
    page.evaluate(([url, from, n]) => (window as unknown as { __shift: { run(cti: string, first: number, count: number): Promise<void> } }).__shift.run(url, from, n), [cti, first, count] as const);
  // Warm-up, then a sample after every `every` calls.
  let done = 0;
  for (const count of [warmUp, ...Array.from({ length: Math.ceil((SHIFT_CALLS - warmUp) / every) }, (_, k) => Math.min(every, SHIFT_CALLS - warmUp - k * every))]) {
    await run(done + 1, count);
    done += count;
    // Let the record list refresh and caches settle, as between real calls.
    await page.waitForTimeout(1000);
    const sample = await measure(done);
    samples.push(sample);
    if (process.env.BENCH_SHIFT_VERBOSE) console.log(`  call ${done}: heap ${(sample.heap / 1024).toFixed(0)} KB, ${sample.nodes} nodes, ${sample.listeners} listeners, ${sample.queries} queries ${JSON.stringify(sample.queryKinds)}, performance entries ${JSON.stringify(sample.entryKinds)}`);
    if (SNAPSHOT_FILE && !firstSnapshot) firstSnapshot = summarizeHeapSnapshot(await takeSnapshot(cdp));
  }
  if (SNAPSHOT_FILE && firstSnapshot) {
    const lastSnapshot = summarizeHeapSnapshot(await takeSnapshot(cdp));
    const calls = samples.at(-1)!.call - samples[0]!.call;
    writeFileSync(SNAPSHOT_FILE, diffHeapSummaries(firstSnapshot, lastSnapshot, calls));
    console.log(`heap snapshot diff (${calls} calls) written to ${SNAPSHOT_FILE}`);
    for (const [script, count] of [...scripts].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  compiled ${count}× ${script}`);
  }
  await cdp.detach();
  const first = samples[0]!;
  const last = samples.at(-1)!;
  const slopeOf = (pick: (s: Sample) => number) => leastSquaresSlope(samples.map((s) => [s.call, pick(s)]));
  const heapSlope = slopeOf((s) => s.heap);
  const nodeSlope = slopeOf((s) => s.nodes);
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const heapOk = heapSlope <= SHIFT_BUDGET.heapBytesPerCall;
  const nodesOk = nodeSlope <= SHIFT_BUDGET.domNodesPerCall;
  console.log(
    `shift of ${SHIFT_CALLS} calls in one page (${minutes} min; slope after ${warmUp} warm-up calls, ${samples.length} samples after GC): JS heap ${(first.heap / 1024 / 1024).toFixed(1)} → ${(last.heap / 1024 / 1024).toFixed(1)} MB, ` +
      `slope ${heapSlope.toFixed(0)} B/call  budget ≤ ${SHIFT_BUDGET.heapBytesPerCall} B/call  ${heapOk ? 'ok' : 'OVER BUDGET'}`,
  );
  console.log(
    `  DOM nodes ${first.nodes} → ${last.nodes}, slope ${nodeSlope.toFixed(3)} nodes/call  budget ≤ ${SHIFT_BUDGET.domNodesPerCall}  ${nodesOk ? 'ok' : 'OVER BUDGET'}`,
  );
  console.log(
    `  held by the page, first → last sample: query cache entries ${first.queries} → ${last.queries}, performance entries ${first.performanceEntries} → ${last.performanceEntries}, ` +
      `calls in the store ${first.storeCalls} → ${last.storeCalls}, localStorage keys ${first.localStorageKeys} → ${last.localStorageKeys}, JS event listeners ${first.listeners} → ${last.listeners}`,
  );
  return heapOk && nodesOk;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
