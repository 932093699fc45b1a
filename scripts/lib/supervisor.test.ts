import { spawn } from 'node:child_process';
import { supervise } from './supervisor';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(pred: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** A stand-in service: stays up until killed. */
const service = () => spawn(process.execPath, ['-e', 'setInterval(() => undefined, 1000)'], { stdio: 'ignore' });

describe('supervise', () => {
  it('restarts a service killed with SIGKILL, with growing delays, and says so', async () => {
    const lines: string[] = [];
    const s = supervise({ name: 'svc', start: service, minMs: 50, maxMs: 400, log: (l) => lines.push(l) });
    try {
      await s.ready;
      const firstPid = s.child!.pid;
      s.child!.kill('SIGKILL');
      await until(() => s.restarts === 1 && s.child !== null, 3000);
      expect(s.child!.pid).not.toBe(firstPid);
      s.child!.kill('SIGKILL');
      await until(() => s.restarts === 2 && s.child !== null, 3000);
      expect(lines.filter((l) => l.startsWith('✗ svc exited (SIGKILL); restarting in'))).toHaveLength(2);
      expect(lines.filter((l) => l.startsWith('✓ svc restarted'))).toHaveLength(2);
      const delays = lines.filter((l) => l.startsWith('✗')).map((l) => Number(/in (\d+) ms/.exec(l)![1]));
      expect(delays[0]).toBeGreaterThanOrEqual(50);
      expect(delays[1]).toBeGreaterThanOrEqual(100); // second attempt: min × 2
    } finally {
      await s.stop(1000);
    }
  });

  it('stops for good when asked: the instance ends and nothing is restarted', async () => {
    const lines: string[] = [];
    const s = supervise({ name: 'svc', start: service, minMs: 20, log: (l) => lines.push(l) });
    await s.ready;
    const child = s.child!;
    await s.stop(1000);
    expect(child.exitCode !== null || child.signalCode !== null).toBe(true);
    await sleep(100);
    expect(s.child).toBeNull();
    expect(s.restarts).toBe(0);
    expect(lines).toEqual([]);
  });

  it('does not restart a service whose first start failed its health check, and leaves nothing running', async () => {
    const s = supervise({ name: 'svc', start: service, minMs: 20, waitHealthy: async () => Promise.reject(new Error('no answer')), log: () => undefined });
    const child = s.child!;
    await expect(s.ready).rejects.toThrow('no answer');
    await until(() => child.exitCode !== null || child.signalCode !== null, 2000);
    await sleep(100);
    expect(s.restarts).toBe(0);
  });
});
