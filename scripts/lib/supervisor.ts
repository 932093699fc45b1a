// Keeps a Node service running: restarts it with exponential backoff when it dies, and says so.
import type { ChildProcess } from 'node:child_process';
import retry from 'retry';

export interface SupervisorOptions {
  /** Shown in every line printed about the service. */
  name: string;
  /** Starts one instance of the service. */
  start: () => ChildProcess;
  /**
   * Resolves once a freshly started instance answers (its health check), rejects when it does not.
   * Default: resolves at once.
   */
  waitHealthy?: (child: ChildProcess) => Promise<void>;
  /** Backoff between restarts, ms: `minMs × 2^attempt`, capped at `maxMs`, randomised ×1–2. Defaults 500 / 15,000. */
  minMs?: number;
  maxMs?: number;
  /** An instance that stayed up this long resets the backoff (ms). Default 30,000. */
  stableMs?: number;
  log?: (line: string) => void;
}

export interface Supervisor {
  /** The running instance (null between a crash and its restart). */
  readonly child: ChildProcess | null;
  /** How many times the service was restarted after dying. */
  readonly restarts: number;
  /** Resolves when the first instance answers its health check. @throws when it does not. */
  readonly ready: Promise<void>;
  /** Stops restarting and ends the running instance (SIGTERM, SIGKILL after `graceMs`, default 5 s). */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts a service and restarts it whenever it exits without being asked to (crash, `kill -9`), after
 * an exponential backoff (the `retry` package's timeouts), printing each exit and restart. The first
 * start must succeed (`ready` rejects otherwise, and nothing is restarted).
 */
export function supervise(options: SupervisorOptions): Supervisor {
  const log = options.log ?? ((line: string) => console.log(line));
  const backoff = { factor: 2, minTimeout: options.minMs ?? 500, maxTimeout: options.maxMs ?? 15_000, randomize: true };
  const stableMs = options.stableMs ?? 30_000;
  let child: ChildProcess | null = null;
  let stopping = false;
  let attempt = 0;
  let restarts = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const launch = (): ChildProcess => {
    const started = Date.now();
    const instance = options.start();
    child = instance;
    instance.once('exit', (code, signal) => {
      if (child === instance) child = null;
      if (stopping) return;
      if (Date.now() - started >= stableMs) attempt = 0;
      const delay = Math.round(retry.createTimeout(attempt, backoff));
      attempt++;
      log(`✗ ${options.name} exited (${signal ?? `code ${code}`}); restarting in ${delay} ms (restart ${restarts + 1})`);
      timer = setTimeout(() => {
        timer = null;
        if (stopping) return;
        restarts++;
        const next = launch();
        (options.waitHealthy ?? (async () => undefined))(next).then(
          () => {
            if (!stopping) log(`✓ ${options.name} restarted (pid ${next.pid})`);
          },
          (error: unknown) => {
            // It will exit (or be stopped); the exit handler schedules the next attempt.
            if (!stopping) log(`! ${options.name} did not come back healthy: ${error instanceof Error ? error.message : String(error)}`);
            if (next.exitCode === null && next.signalCode === null) next.kill('SIGKILL');
          },
        );
      }, delay);
    });
    return instance;
  };

  const first = launch();
  const ready = (options.waitHealthy ?? (async () => undefined))(first).catch((error: unknown) => {
    stopping = true;
    if (first.exitCode === null && first.signalCode === null) first.kill('SIGKILL');
    throw error;
  });

  return {
    get child() {
      return child;
    },
    get restarts() {
      return restarts;
    },
    ready,
    stop(graceMs = 5000) {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const current = child;
      if (!current || current.exitCode !== null || current.signalCode !== null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        current.once('exit', () => resolve());
        current.kill('SIGTERM');
        setTimeout(() => {
          if (current.exitCode === null && current.signalCode === null) current.kill('SIGKILL');
        }, graceMs).unref();
      });
    },
  };
}
