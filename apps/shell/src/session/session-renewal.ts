import type { SessionStore } from './session-store';

/** Renew this long before the token runs out (ms). */
export const RENEW_BEFORE_MS = 2 * 60_000;
/** The agent counts as active with input this recent (ms), or with a call in progress. */
export const ACTIVE_WINDOW_MS = 10 * 60_000;
const CHECK_EVERY_MS = 15_000;
const RETRY_AFTER_FAILURE_MS = 15_000;

export interface SessionRenewalOptions {
  session: SessionStore;
  /** When the agent last touched keyboard, mouse or screen (epoch ms, this browser's clock). */
  lastInputAt: () => number;
  /** True while the agent has a call that has not ended (ringing, talking, held, after-call work …). */
  callInProgress: () => boolean;
  /** Hands a renewed token to the telephony connection (the `renewSession` command). */
  renewTelephony: (token: string) => Promise<unknown>;
  now?: () => number;
  checkEveryMs?: number;
}

/**
 * Silent renewal: while the agent is active, the token is renewed (`POST /auth/refresh`) from
 * RENEW_BEFORE_MS before it runs out and handed to telephony; an inactive agent's token is left to
 * expire, and the session ends here when it does (the servers refuse it too). Returns a stop function.
 */
export function startSessionRenewal(options: SessionRenewalOptions): () => void {
  const now = options.now ?? Date.now;
  let inFlight = false;
  let retryAt = 0;
  /** A renewed token the open connection has not acknowledged yet (its command timed out). */
  let unsent: string | null = null;
  const handToTelephony = (token: string) =>
    options.renewTelephony(token).then(
      () => {
        if (unsent === token) unsent = null;
      },
      (error: unknown) => {
        // Timed out: the socket may still run on the old token, so send again. Offline or dropped:
        // the reconnect already presents the new token (the driver reads the current one).
        unsent = (error as { reason?: unknown } | null)?.reason === 'timeout' && options.session.getState().token === token ? token : null;
      },
    );
  const tick = () => {
    const { token, localExpiresAt } = options.session.getState();
    if (!token || localExpiresAt === null || inFlight) return;
    if (unsent === token) {
      inFlight = true;
      void handToTelephony(token).finally(() => {
        inFlight = false;
      });
      return;
    }
    const at = now();
    const active = options.callInProgress() || at - options.lastInputAt() <= ACTIVE_WINDOW_MS;
    if (at >= localExpiresAt && !active) {
      options.session.end('expired');
      return;
    }
    if (!active || at < localExpiresAt - RENEW_BEFORE_MS || at < retryAt) return;
    inFlight = true;
    options.session
      .refresh()
      .then((renewed) => {
        unsent = renewed;
        return handToTelephony(renewed);
      })
      .catch(() => {
        // Unreachable or refused: the next check tries again; a 401 has already ended the session.
        retryAt = now() + RETRY_AFTER_FAILURE_MS;
      })
      .finally(() => {
        inFlight = false;
      });
  };
  const timer = setInterval(tick, options.checkEveryMs ?? CHECK_EVERY_MS);
  tick();
  return () => clearInterval(timer);
}

type InputTarget = Pick<Window, 'addEventListener' | 'removeEventListener'>;
const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/** Remembers the time of the agent's last input on `target` (the window). */
export function trackLastInput(target: InputTarget, now: () => number = Date.now): { lastInputAt: () => number; stop: () => void } {
  let last = now();
  const onInput = () => {
    last = now();
  };
  for (const type of INPUT_EVENTS) target.addEventListener(type, onInput, { capture: true, passive: true });
  return {
    lastInputAt: () => last,
    stop: () => {
      for (const type of INPUT_EVENTS) target.removeEventListener(type, onInput, { capture: true });
    },
  };
}
