// `pnpm chaos`: 1,000 connection cuts and 5 node kills over live calls on three cti-server nodes with
// Redis (Debian's redis-server), real telephony clients; prints what it measured and exits 1 unless
// nothing was lost or duplicated and every client's store equals the engine's truth.
// CHAOS_AGENTS (30), CHAOS_CUTS (1000), CHAOS_KILLS (5), CHAOS_SECONDS (60), CHAOS_RATE (4 calls/s).
import { runChaos } from './chaos-run';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => process.exit(130));

runChaos({
  agents: num('CHAOS_AGENTS', 30),
  cuts: num('CHAOS_CUTS', 1000),
  kills: num('CHAOS_KILLS', 5),
  durationMs: num('CHAOS_SECONDS', 60) * 1000,
  callsPerSecond: num('CHAOS_RATE', 4),
  log: (m) => console.log(m),
}).then(
  (r) => {
    const { mismatched, ...figures } = r;
    console.log(JSON.stringify(figures, null, 2));
    for (const m of mismatched.slice(0, 3)) console.log('mismatch', JSON.stringify(m));
    const ok = r.lostCalls === 0 && r.duplicatedFrames === 0 && mismatched.length === 0;
    console.log(ok ? `OK: ${r.cuts} cuts, ${r.kills} node kills, ${r.callsPlaced} calls: 0 lost, 0 duplicated, every store equal to the engine's truth (converged ${r.convergedMs} ms after the chaos)` : `FAILED: ${r.lostCalls} lost calls, ${r.duplicatedFrames} duplicated frames, ${mismatched.length} stores differ from the truth`);
    process.exit(ok ? 0 : 1);
  },
  (error: unknown) => {
    console.error('chaos: failed:', error);
    process.exit(2);
  },
);
