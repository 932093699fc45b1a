import { RateLimiterMemory } from 'rate-limiter-flexible';
import { LOGIN_THROTTLE } from '@octopus/contracts';

/**
 * Login throttling per account and per client address (LOGIN_THROTTLE, OWASP "login throttling"):
 * failures are counted per key in a fixed window; from the 5th failure on an account (the 50th from
 * one client address: a floor behind one NAT shares it) the key is blocked for 2^(failures-limit)
 * seconds (capped at 15 minutes). While a key is blocked, logins are answered 429
 * without checking the password. Counters live in this api process (rate-limiter-flexible, memory).
 */
export class LoginThrottle {
  private readonly failures = new RateLimiterMemory({ keyPrefix: 'login-fail', points: Number.MAX_SAFE_INTEGER, duration: LOGIN_THROTTLE.windowSeconds });
  // points 1: `block()` marks a key as over the limit for the given seconds; `get()` reads it back.
  private readonly blocks = new RateLimiterMemory({ keyPrefix: 'login-block', points: 1, duration: 1 });

  private static keys(agentId: string, client: string): string[] {
    return [`agent:${agentId}`, `client:${client}`];
  }

  private static freeFailures(key: string): number {
    return key.startsWith('client:') ? LOGIN_THROTTLE.freeFailuresPerClient : LOGIN_THROTTLE.freeFailures;
  }

  /** Seconds until the next attempt is allowed for this account or client (the larger), 0 = now. */
  async retryAfterSeconds(agentId: string, client: string): Promise<number> {
    let ms = 0;
    for (const key of LoginThrottle.keys(agentId, client)) {
      const res = await this.blocks.get(key);
      if (res && res.consumedPoints > 1) ms = Math.max(ms, res.msBeforeNext);
    }
    return Math.ceil(ms / 1000);
  }

  /** Counts one failed login against the account and the client. */
  async failed(agentId: string, client: string): Promise<void> {
    for (const key of LoginThrottle.keys(agentId, client)) {
      const res = await this.failures.penalty(key, 1);
      const excess = res.consumedPoints - LoginThrottle.freeFailures(key);
      if (excess >= 0) await this.blocks.block(key, Math.min(2 ** excess, LOGIN_THROTTLE.maxDelaySeconds));
    }
  }

  /** A successful login clears the account's failures (the client's stay: it may be guessing others). */
  async succeeded(agentId: string): Promise<void> {
    await this.failures.delete(`agent:${agentId}`);
    await this.blocks.delete(`agent:${agentId}`);
  }
}
