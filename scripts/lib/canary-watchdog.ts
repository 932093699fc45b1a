// Rolls a failing canary back by itself: every `intervalMs` it compares each canary's failure rate
// (from the product's telemetry, since the canary started) with its `maxFailureRate`.
import type { RemoteLoadSummary } from '@octopus/contracts';
import { changeEntry, readRegistry, type RegistryStore } from './registry-store';

export interface CanaryWatchdogOptions {
  store: RegistryStore;
  /** The telemetry summary over the last `windowMinutes`. */
  summary: (windowMinutes: number) => Promise<RemoteLoadSummary>;
  /** Check period (ms, default 10 000). */
  intervalMs?: number;
  /** Loads a canary needs before its rate counts (default 5). */
  minLoads?: number;
  /** Failure rate (0–1) that aborts a canary which sets none (default 0.2). */
  defaultMaxFailureRate?: number;
  log?: (line: string) => void;
  now?: () => number;
}

export interface CanaryWatchdog {
  /** One check now. @returns the remotes whose canary it aborted. */
  check(): Promise<string[]>;
  stop(): void;
}

export function startCanaryWatchdog(options: CanaryWatchdogOptions): CanaryWatchdog {
  const minLoads = options.minLoads ?? 5;
  const fallbackRate = options.defaultMaxFailureRate ?? 0.2;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.log(line));
  let running = false;

  const check = async (): Promise<string[]> => {
    if (running) return [];
    running = true;
    try {
      const { remotes } = await readRegistry(options.store);
      const canaries = Object.entries(remotes).filter(([, entry]) => entry.canary);
      if (!canaries.length) return [];
      const oldest = Math.min(...canaries.map(([, entry]) => Date.parse(entry.canary!.startedAt ?? '') || now() - 60 * 60_000));
      const summary = await options.summary(Math.max(1, (now() - oldest) / 60_000 + 1));
      const aborted: string[] = [];
      for (const [name, entry] of canaries) {
        const canary = entry.canary!;
        const row = summary.rows.find((candidate) => candidate.remote === name && candidate.version === canary.version && candidate.track === 'canary');
        if (!row || row.loads < minLoads) continue;
        const rate = row.failures / row.loads;
        const limit = canary.maxFailureRate ?? fallbackRate;
        if (rate <= limit) continue;
        await changeEntry(options.store, name, 'auto-abort', (current) => {
          if (!current?.canary || current.canary.version !== canary.version) return current;
          const { canary: _dropped, ...rest } = current;
          return rest;
        });
        log(`canary ${name} ${canary.version} rolled back automatically: ${row.failures}/${row.loads} loads failed (${Math.round(rate * 100)}% > ${Math.round(limit * 100)}%)`);
        aborted.push(name);
      }
      return aborted;
    } catch (error) {
      log(`canary watchdog: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void check(), options.intervalMs ?? 10_000);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
