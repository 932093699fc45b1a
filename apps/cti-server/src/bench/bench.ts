// cti-server benchmark: 2,000 agent WebSocket connections, 200 new calls/s, ring dispatch p50/p99.
// Loopback only, about 30 s, exits by itself. Budget: p99 ring dispatch ≤ 20 ms. Calls still waiting in
// a queue at the end count at their wait so far (a saturated floor cannot hide behind the rung calls).
// Connection resets and failed requests are counted, not fatal; the forked server is always stopped.
// BENCH_STATE=journal runs the server on its SQLite journal (a temporary data folder).
import { fork } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { signToken, type AgentClaims } from '@octopus/auth';
import WebSocket from 'ws';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 2000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const TALK_MS = Number(process.env.BENCH_TALK_MS ?? 2000);
const SECRET = 'bench-secret';
const GROUPS = ['presale', 'aftersale', 'finance'];

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(2)} ms, p95 ${pct(xs, 95).toFixed(2)} ms, p99 ${pct(xs, 99).toFixed(2)} ms, max ${Math.max(...xs).toFixed(2)} ms (n=${xs.length})`;

async function main(): Promise<void> {
  const child = fork(path.join(__dirname, 'server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_SECRET: SECRET, BENCH_AGENTS: String(AGENTS) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // Whatever happens (error, Ctrl+C, time-out), the server we forked does not outlive us.
  const stopChild = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.on('exit', stopChild);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
  process.on('uncaughtException', (error) => {
    console.error('bench: failed:', error);
    process.exit(2);
  });
  const deadline = setTimeout(() => {
    console.error('bench: took too long, aborting');
    process.exit(2);
  }, Number(process.env.BENCH_DEADLINE_MS ?? 180_000));
  deadline.unref();
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  const request = <T>(type: string) =>
    new Promise<T>((resolve) => {
      child.once('message', (m) => resolve(m as T));
      child.send({ type });
    });

  const sentAt = new Map<string, number>(); // caller number → time the call was placed
  const observed: number[] = [];
  let rung = 0;
  let measuring = false;
  let listFrames = 0;
  let resets = 0;
  let failedPosts = 0;
  const sockets: WebSocket[] = [];
  const connect = (id: string, skillGroups: string[], topics: string) =>
    new Promise<void>((resolve, reject) => {
      const token = signToken<AgentClaims>({ kind: 'agent', sub: id, sid: `bench-${id}`, name: id, role: 'agent', skillGroups }, { secret: SECRET, ttlSeconds: 3600 });
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}&protocol=1&topics=${topics}`);
      sockets.push(ws);
      let n = 0;
      ws.on('message', (data) => {
        const text = String(data);
        if (text.includes('"type":"agents"') || text.includes('"type":"groups"')) listFrames++;
        if (!text.includes('"type":"call"') || !text.includes('"state":"ringing"')) {
          if (++n === 1) resolve();
          return;
        }
        const frame = JSON.parse(text) as { call: { id: string; number: string; role: string } };
        if (frame.call.role !== 'owner') return;
        const t0 = sentAt.get(frame.call.number);
        if (t0 !== undefined) {
          sentAt.delete(frame.call.number);
          rung++;
          if (measuring) observed.push(performance.now() - t0);
        }
        const callId = frame.call.id;
        ws.send(JSON.stringify({ type: 'command', id: `a${callId}`, command: { name: 'answer', callId } }));
        setTimeout(() => ws.send(JSON.stringify({ type: 'command', id: `h${callId}`, command: { name: 'hangup', callId } })), TALK_MS * (0.5 + Math.random()));
      });
      // A reset after the connection was up is counted; before, it fails the connect (retried below).
      ws.on('error', (error) => {
        if (n === 0) reject(error);
      });
      ws.on('close', () => {
        if (n > 0) resets++;
      });
    });
  const connectRetrying = async (id: string, skillGroups: string[], topics: string) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await connect(id, skillGroups, topics);
      } catch (error) {
        resets++;
        if (attempt >= 5) throw error;
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      }
    }
  };

  const t0 = performance.now();
  for (let i = 1; i <= 5; i++) await connectRetrying(`S${i}`, [], 'agents,groups');
  const ids = Array.from({ length: AGENTS }, (_, i) => i);
  for (let i = 0; i < ids.length; i += 100) {
    await Promise.all(ids.slice(i, i + 100).map((n) => connectRetrying(`B${String(n).padStart(4, '0')}`, [GROUPS[n % 3]!], '')));
  }
  console.log(`connected ${AGENTS} agents + 5 supervisors in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  let seq = 0;
  const place = async () => {
    const from = `13${String(100_000_000 + seq++).slice(0, 9)}`;
    sentAt.set(from, performance.now());
    try {
      const res = await fetch(`http://127.0.0.1:${port}/sim/calls`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from, skillGroup: GROUPS[seq % 3] }),
      });
      await res.arrayBuffer();
      if (!res.ok) failedPosts++;
    } catch {
      failedPosts++;
      sentAt.delete(from);
    }
  };
  const run = async (seconds: number) => {
    const start = performance.now();
    let placed = 0;
    const inflight = new Set<Promise<void>>();
    while (performance.now() - start < seconds * 1000) {
      const due = Math.floor(((performance.now() - start) / 1000) * RATE);
      while (placed < due) {
        placed++;
        const p = place().finally(() => inflight.delete(p));
        inflight.add(p);
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    await Promise.all(inflight);
    return placed;
  };
  await run(2); // warm-up
  await new Promise((r) => setTimeout(r, 500));
  child.send({ type: 'reset' });
  observed.length = 0;
  measuring = true;
  const rungBefore = rung;
  const placed = await run(SECONDS);
  await new Promise((r) => setTimeout(r, 1000));
  measuring = false;
  const report = await request<{ samples: number[]; waiting: number[]; queued: number; rssMb: number; framesSent: number; sessions: number }>('report');
  console.log(`placed ${placed} calls at ${RATE}/s over ${SECONDS} s; rung ${rung - rungBefore}; still queued ${report.queued}; ${report.sessions} sessions; ${resets} connection resets; ${failedPosts} failed call posts; ${listFrames} list frames to supervisors`);
  console.log(`ring dispatch (server: call accepted → ring written to the agent socket): ${fmt(report.samples)}`);
  const all = [...report.samples, ...report.waiting];
  console.log(`ring dispatch counting the ${report.waiting.length} calls still waiting at their wait so far: ${fmt(all)}`);
  console.log(`ring observed by the agent client (HTTP POST sent → ring frame received): ${fmt(observed)}`);
  console.log(`server rss ${report.rssMb} MB, ${report.framesSent} frames sent`);
  const p99 = pct(all, 99);
  console.log(p99 <= 20 ? `OK: p99 ring dispatch ${p99.toFixed(2)} ms ≤ 20 ms` : `OVER BUDGET: p99 ring dispatch ${p99.toFixed(2)} ms > 20 ms`);
  for (const ws of sockets) ws.terminate();
  child.send({ type: 'stop' });
  await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
  process.exit(p99 <= 20 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error('bench: failed:', error);
  process.exit(2);
});
