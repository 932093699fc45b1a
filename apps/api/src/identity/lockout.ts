/** Lockout for the agent's identity check: 5 failures per agent and customer in 10 minutes. */
export const VERIFY_MAX_FAILURES = 5;
/** The lockout's sliding window (ms). */
export const VERIFY_WINDOW_MS = 10 * 60_000;
/** Keys kept before stale ones are swept (bounds memory against many distinct customers). */
const SWEEP_ABOVE = 10_000;

/**
 * Failed identity checks per key (`<agentId>:<userId>`) in a sliding window; in memory, per api
 * process. Times are ms since the epoch.
 */
export class VerifyLockout {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly maxFailures = VERIFY_MAX_FAILURES,
    readonly windowMs = VERIFY_WINDOW_MS,
  ) {}

  /** The key's failures within the window at `now`, oldest first. */
  recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }

  /** Seconds until the key may try again at `now`; null when it is not locked out. */
  retryAfterSeconds(key: string, now: number): number | null {
    const recent = this.recent(key, now);
    if (recent.length < this.maxFailures) return null;
    return Math.ceil((this.windowMs - (now - (recent[0] ?? now))) / 1000);
  }

  /** Records the outcome of a check at `now`; returns the attempts left before the lockout. */
  record(key: string, ok: boolean, now: number): number {
    if (ok) {
      this.failures.delete(key);
      return this.maxFailures;
    }
    const recent = this.recent(key, now);
    recent.push(now);
    this.failures.set(key, recent);
    // Bound the map: drop keys whose failures are all outside the window.
    if (this.failures.size > SWEEP_ABOVE) {
      for (const [k, times] of this.failures) if (times.every((t) => now - t >= this.windowMs)) this.failures.delete(k);
    }
    return Math.max(0, this.maxFailures - recent.length);
  }
}
