// Telephony store throughput in Node: events applied per second (budget ≥ 100,000/s). Exits by itself.
import { performance } from 'node:perf_hooks';
import type { CallState, CtiEvent } from '@octopus/contracts';
import { createTelephonyStore } from '../store';
import { agentView, callView, snapshot } from '../testing/events';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 300_000);
const STATES: CallState[] = ['ringing', 'talking', 'held', 'talking', 'consulting', 'talking', 'wrap-up', 'ended'];

/** An endless, realistic mix: calls cycling through their states, agent changes, 5 % duplicates. */
function eventSource(): (n: number) => CtiEvent[] {
  let rev = 10;
  let call = 0;
  let step = 0;
  let count = 0;
  let previous: CtiEvent | null = null;
  const live: string[] = [];
  return (n) => {
    const out: CtiEvent[] = [];
    while (out.length < n) {
      const r = count++ % 20;
      let e: CtiEvent;
      if (r === 0) e = { type: 'agent', agent: agentView(++rev, { state: step % 2 ? 'talking' : 'idle' }) };
      else if (r === 7 && previous) e = previous;
      else {
        if (live.length < 4) live.push(`C${call++}`);
        const id = live[step % live.length]!;
        const state = STATES[(step >> 2) % STATES.length]!;
        e = { type: 'call', call: callView(id, ++rev, { state }) };
        if (state === 'ended') live.splice(live.indexOf(id), 1);
        step++;
      }
      previous = e;
      out.push(e);
    }
    return out;
  };
}

const CHUNK = 10_000;

function run(label: string, apply: (store: ReturnType<typeof createTelephonyStore>, events: CtiEvent[]) => void, subscribers: number): number {
  const next = eventSource();
  const store = createTelephonyStore();
  store.applyEvent(snapshot(10));
  // Selector-style subscribers, like mounted components.
  for (let i = 0; i < subscribers; i++) {
    const key = `C${i}`;
    let last: unknown;
    store.subscribe((s) => {
      last = s.calls.get(key);
    });
    void last;
  }
  // Events are made in chunks outside the timed part, so the benchmark's own garbage does not dominate.
  let elapsed = 0;
  for (let done = 0; done < EVENTS; done += CHUNK) {
    const events = next(CHUNK);
    const t0 = performance.now();
    apply(store, events);
    elapsed += performance.now() - t0;
  }
  const rate = EVENTS / (elapsed / 1000);
  console.log(`${label}: ${EVENTS} events in ${elapsed.toFixed(0)} ms → ${Math.round(rate).toLocaleString('en-US')} events/s`);
  return rate;
}

run('warm-up', (s, e) => e.forEach((x) => s.applyEvent(x)), 0);
const single = run('applyEvent, 50 subscribers', (s, e) => e.forEach((x) => s.applyEvent(x)), 50);
run('applyEvents in batches of 100, 50 subscribers', (s, e) => {
  for (let i = 0; i < e.length; i += 100) s.applyEvents(e.slice(i, i + 100));
}, 50);
console.log(single >= 100_000 ? `OK: ${Math.round(single).toLocaleString('en-US')} events/s ≥ 100,000/s` : `UNDER BUDGET: ${Math.round(single)} events/s`);
process.exit(single >= 100_000 ? 0 : 1);
