// The chaos run, small: real cti-server node processes on a private redis-server (skipped when Debian's
// redis-server is not installed), real telephony drivers and stores. `pnpm chaos` runs the full size.
import { execFileSync } from 'node:child_process';
import { runChaos } from './chaos-run';

function hasRedisServer(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

(hasRedisServer() ? describe : describe.skip)('chaos over three cti-server nodes on Redis', () => {
  it('connection cuts and node kills (the leader among them) over live calls: nothing lost or duplicated, every store equal to the engine', async () => {
    const r = await runChaos({ agents: 9, cuts: 100, kills: 2, durationMs: 12_000, callsPerSecond: 3, settleMs: 30_000 });
    // What it measured, for the log of a failing run.
    if (r.mismatched.length || r.lostCalls || r.duplicatedFrames) console.log(JSON.stringify(r, null, 1));
    expect(r.cuts).toBe(100);
    expect(r.kills).toBe(2);
    expect(r.callsAnswered).toBeGreaterThan(0);
    expect(r.reconnects).toBeGreaterThanOrEqual(100);
    expect(r.mismatched).toEqual([]);
    expect(r.lostCalls).toBe(0);
    expect(r.duplicatedFrames).toBe(0);
  }, 150_000);
});
