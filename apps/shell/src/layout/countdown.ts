/**
 * Whole seconds left of a countdown to `deadline` (epoch ms, server clock), as shown to the agent:
 * rounded up (10.0 s → 10, 9.2 s → 10, 0 → 0), and never more than the countdown's length
 * (`deadline - since`, ms) — a clock reading from before the countdown started (the last tick of a
 * 1 s timer, up to a second old) would otherwise show 11 for a 10 s wrap-up.
 */
export function secondsLeft(deadline: number, now: number, since: number | null = null): number {
  const total = since === null ? Infinity : Math.max(0, deadline - since);
  return Math.max(0, Math.ceil(Math.min(deadline - now, total) / 1000));
}
