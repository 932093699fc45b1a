import type { RemoteLoadReport } from '@octopus/contracts';

/**
 * Where and how a `TelemetryReporter` sends: the collector URL, the token, batching (`flushMs`) and the backlog bound (`maxPending`).
 */
export interface TelemetryReporterOptions {
  /** The collector, e.g. `http://localhost:4100/telemetry/remote-loads`. */
  url: string;
  /** The agent's bearer token now (null: reports wait until there is one). */
  token: () => string | null;
  fetchImpl?: typeof fetch;
  /** How long reports are gathered before one POST (ms, default 1000). */
  flushMs?: number;
  /** Reports kept while the collector is unreachable; older ones are dropped (default 200). */
  maxPending?: number;
}

/** Queues remote-load reports and posts them in batches (see `createTelemetryReporter`); `report` never throws. */
export interface TelemetryReporter {
  report(load: RemoteLoadReport): void;
  /** Sends what is pending now (batches of ≤ 50). Never throws; failed batches go back to the queue. */
  flush(): Promise<void>;
  /** Sends what is pending once more (best effort), then stops; later reports are ignored (the page or session is going). */
  stop(): void;
}

/**
 * Batches remote-load reports to the product's collector (`POST /telemetry/remote-loads`), off the
 * page's critical path: a failing collector never affects a remote or the shell, it only delays
 * (and, past `maxPending`, drops) reports.
 */
export function createTelemetryReporter(options: TelemetryReporterOptions): TelemetryReporter {
  const fetchImpl = options.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const flushMs = options.flushMs ?? 1000;
  const maxPending = options.maxPending ?? 200;
  let pending: RemoteLoadReport[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let sending = false;
  let stopped = false;

  const schedule = () => {
    if (!timer && !stopped) timer = setTimeout(() => void reporter.flush(), flushMs);
  };

  const reporter: TelemetryReporter = {
    report(load) {
      if (stopped) return;
      pending.push(load);
      if (pending.length > maxPending) pending = pending.slice(-maxPending);
      schedule();
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = null;
      const token = options.token();
      if (sending || !pending.length) return;
      if (!token) return schedule();
      sending = true;
      try {
        while (pending.length) {
          const batch = pending.slice(0, 50);
          let ok = false;
          try {
            const response = await fetchImpl(options.url, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
              body: JSON.stringify({ loads: batch }),
              keepalive: true,
            });
            ok = response.ok || (response.status >= 400 && response.status < 500 && response.status !== 401);
          } catch {
            ok = false;
          }
          if (!ok) break;
          pending = pending.slice(batch.length);
        }
      } finally {
        sending = false;
        if (pending.length) schedule();
      }
    },
    stop() {
      // What is pending goes out now (keepalive outlives the page): loads just before a logout or a
      // page change would otherwise never be counted.
      if (!stopped && pending.length) void reporter.flush();
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
  return reporter;
}
