// Test helpers for the Redis-backed suites: a throwaway Debian redis-server on a free port.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from '../free-port';

/** True when Debian's `redis-server` is on the PATH (the suites that need one are skipped otherwise). */
export function hasRedisServer(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface ThrowawayRedis {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  process: ChildProcess;
  /** Kills the server (SIGKILL: nothing of it is kept). */
  stop(): void;
}

/**
 * Starts `redis-server` on a free port with persistence off and resolves once it answers PING.
 * @param timeoutMs how long to wait for PONG (default 10 s, a ceiling for a loaded machine).
 * @throws when it does not answer in time (the process is killed).
 */
export async function startThrowawayRedis(timeoutMs = 10_000): Promise<ThrowawayRedis> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  const end = Date.now() + timeoutMs;
  for (;;) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') break;
    } catch {
      // not listening yet
    } finally {
      probe.disconnect();
    }
    if (Date.now() > end) {
      child.kill('SIGKILL');
      throw new Error(`redis-server on ${url}: no PONG within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, process: child, stop: () => void child.kill('SIGKILL') };
}
