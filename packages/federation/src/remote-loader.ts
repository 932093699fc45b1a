import {
  checkContractCompatibility,
  federationNameOf,
  remoteBuildMetadataOf,
  type RemoteModule,
  type RemoteLoadReport,
  type RemoteName,
  type RemoteRegistry,
} from '@octopus/contracts';
import { describeError, RemoteLoadError, type RemoteFailureStage } from './errors';
import { failureJournal } from './failure-journal';

/** The slice of the Module Federation runtime the loader uses; tests pass a fake. */
export interface FederationRuntime {
  registerRemotes(remotes: Array<{ name: string; entry: string; alias?: string }>, options?: { force?: boolean }): void;
  loadRemote<T>(id: string): Promise<T | null>;
  /**
   * Fetches a remote's mf-manifest.json as JSON, so its build-time contract (`metaData.octopus`) is
   * checked before any of its code loads. Absent: only the contract the module declares is checked.
   * @throws on a network failure, a non-2xx answer or an abort through `signal`.
   */
  readManifest?(url: string, signal: AbortSignal): Promise<unknown>;
}

/**
 * How a `RemoteLoader` loads: the MF runtime, the registry, the host's contract version (`REMOTE_CONTRACT_VERSION`),
 * the exposed module (default `Panel`), attempts (default 3), backoff before retry n (default 250 × 3^(n−1) ms),
 * the overall bound (`timeoutMs`, default 9000 ms) and the callbacks.
 */
export interface RemoteLoaderOptions {
  runtime: FederationRuntime;
  registry: RemoteRegistry;
  hostContractVersion: string;
  /** Exposed module of each remote; every Octopus remote exposes `./Panel`. */
  exposedModule?: string;
  /** Attempts per load before the slot shows its fallback (the first try plus retries). */
  attempts?: number;
  /** Backoff before retry n (1-based). */
  backoffMs?: (retry: number) => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * The most one `load` may take, all attempts included, before the slot shows its fallback with
   * Retry (ms, default 9000): a server that accepts the connection and never answers cannot keep
   * a skeleton up forever.
   */
  timeoutMs?: number;
  /**
   * The loader this one replaces (a registry change): remotes whose entry is unchanged keep its
   * loaded module (no reload, no remount); changed ones load their new release.
   */
  previous?: RemoteLoader | null;
  /** Told of every load once it settles: remote, release and track from the registry, outcome, failing stage, duration (ms). */
  onLoad?: (report: RemoteLoadReport) => void;
  /** Run before a slot's Retry (the shell re-reads the registry there). Failures are ignored. */
  beforeRetry?: (name: RemoteName) => Promise<void> | void;
}

/**
 * Loads remotes for the slots: one load per remote and generation, retried with backoff and bounded in time.
 * Every failure is a `RemoteLoadError` with its stage (`load` rejects with it; never another error).
 */
export interface RemoteLoader {
  /** The same promise for the same (remote, generation) so Suspense can `use()` it across renders. */
  load(name: RemoteName): Promise<RemoteModule>;
  /**
   * The module if `name`'s current load has already succeeded, else undefined: a slot renders it
   * synchronously instead of suspending on a settled promise (React would show the fallback for at
   * least its 300 ms throttle on a promise it has not seen settle).
   */
  loaded(name: RemoteName): RemoteModule | undefined;
  /** Start fetching early (on ring) without rendering. Failures are kept for the slot to show. */
  preload(name: RemoteName): void;
  /** Forget a failed load and re-register the remote, so the next `load` goes to the network again. */
  reset(name: RemoteName): void;
  /** Retry (reset + preload) every remote whose last load failed; slots showing a fallback follow. @returns their names. */
  retryFailed(): RemoteName[];
  /** What a slot's Retry does: `beforeRetry` (bounded to 5 s), then `reset`. */
  retry(name: RemoteName): Promise<void>;
  /** A counter per remote, bumped by every reset: slots remount their error boundary when it changes. */
  generation(name: RemoteName): number;
  /** Called after any reset (useSyncExternalStore). @returns unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Whether `name`'s last load settled, and how (undefined while loading or never loaded). */
  outcome(name: RemoteName): 'ok' | 'failed' | undefined;
  /** Unique per loader: a slot remounts when its loader is replaced (a registry change). */
  readonly id: number;
  /** Called by the loader that replaces this one: from then on this one never re-registers a remote (it would put back an old entry). */
  supersede(): void;
  registry: RemoteRegistry;
}

let loaderIds = 0;

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function stageOf(error: unknown, lifecycle: string | undefined): RemoteFailureStage {
  const message = describeError(error);
  if (lifecycle === 'afterResolve' || /manifest|RUNTIME-003|Failed to get manifest/i.test(message)) return 'manifest';
  if (lifecycle === 'loadEntry' || /RUNTIME-008|ScriptExecutionError|Loading script failed|Loading chunk|ChunkLoadError|remote entry/i.test(message)) {
    return 'entry';
  }
  return 'module';
}

/**
 * A `RemoteLoader` over `options.runtime` for the remotes of `options.registry`; registers each with the runtime at
 * once (unless the loader it replaces keeps it). Throws only what `runtime.registerRemotes` throws; load failures
 * surface from `load`.
 */
export function createRemoteLoader(options: RemoteLoaderOptions): RemoteLoader {
  const { runtime, registry, hostContractVersion } = options;
  const exposed = options.exposedModule ?? 'Panel';
  const attempts = Math.max(1, options.attempts ?? 3);
  const backoff = options.backoffMs ?? ((retry: number) => 250 * 3 ** (retry - 1));
  const sleep = options.sleep ?? defaultSleep;
  const timeoutMs = options.timeoutMs ?? 9000;
  const inflight = new Map<RemoteName, Promise<RemoteModule>>();
  const outcomes = new Map<RemoteName, 'ok' | 'failed'>();
  const modules = new Map<RemoteName, RemoteModule>();
  const generations = new Map<RemoteName, number>();
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  const previous = options.previous;
  previous?.supersede();
  let superseded = false;
  // Unchanged entries keep the module the previous loader loaded.
  if (previous) {
    for (const [name, entry] of Object.entries(registry.remotes)) {
      const before = previous.registry.remotes[name];
      if (before && before.entry === entry.entry && previous.outcome(name) === 'ok') {
        inflight.set(name, previous.load(name));
        outcomes.set(name, 'ok');
        const module = previous.loaded(name);
        if (module) modules.set(name, module);
      }
    }
  }

  const register = (name: RemoteName, force: boolean) => {
    const entry = registry.remotes[name];
    if (!entry || superseded) return;
    // force: drop whatever the runtime cached for this remote (a failed manifest or entry).
    runtime.registerRemotes([{ name: federationNameOf(name), alias: name, entry: entry.entry }], { force });
  };

  for (const name of Object.keys(registry.remotes) as RemoteName[]) {
    if (inflight.has(name)) continue;
    // A remote whose entry changed since the previous loader: drop what the runtime holds of the old release.
    const changed = previous?.registry.remotes[name] !== undefined && previous.registry.remotes[name]!.entry !== registry.remotes[name]!.entry;
    register(name, changed);
  }

  /** Refuses a release whose manifest says it was built for an incompatible contract, before its code runs. */
  async function checkManifest(name: RemoteName, signal: AbortSignal): Promise<void> {
    const entry = registry.remotes[name];
    if (!runtime.readManifest || !entry || !/mf-manifest\.json(?:[?#].*)?$/.test(entry.entry)) return;
    let manifest: unknown;
    try {
      manifest = await runtime.readManifest(entry.entry, signal);
    } catch (error) {
      throw new RemoteLoadError(name, signal.aborted ? 'timeout' : 'manifest', `${entry.entry}: ${describeError(error)}`, { cause: error });
    }
    const meta = remoteBuildMetadataOf(manifest);
    if (meta?.remote && meta.remote !== name) throw new RemoteLoadError(name, 'contract', `${entry.entry} is the build of "${meta.remote}", not "${name}"`);
    const declared = meta?.contractVersion;
    const check = checkContractCompatibility(hostContractVersion, declared);
    if (!check.compatible) throw new RemoteLoadError(name, 'contract', `${check.reason} (its mf-manifest.json metadata)`);
  }

  async function loadOnce(name: RemoteName, signal: AbortSignal): Promise<RemoteModule> {
    const container = federationNameOf(name);
    await checkManifest(name, signal);
    failureJournal().delete(container);
    let exports: { remote?: RemoteModule } | null;
    try {
      exports = await runtime.loadRemote<{ remote?: RemoteModule }>(`${container}/${exposed}`);
    } catch (error) {
      const recorded = failureJournal().get(container);
      const stage = stageOf(error, recorded?.lifecycle);
      throw new RemoteLoadError(name, stage, describeError(error), { cause: error });
    }
    const remote = exports?.remote;
    if (!remote || typeof remote !== 'object' || typeof remote.Component !== 'function') {
      throw new RemoteLoadError(name, 'contract', `./${exposed} does not export a valid \`remote\` (name, version, contractVersion, Component)`);
    }
    if (typeof remote.name === 'string' && remote.name !== name) throw new RemoteLoadError(name, 'contract', `./${exposed} is the remote "${remote.name}", not "${name}"`);
    const check = checkContractCompatibility(hostContractVersion, remote.contractVersion);
    if (!check.compatible) throw new RemoteLoadError(name, 'contract', check.reason);
    return remote;
  }

  async function attemptAll(name: RemoteName, signal: AbortSignal): Promise<RemoteModule> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts && !signal.aborted; attempt += 1) {
      try {
        return await loadOnce(name, signal);
      } catch (error) {
        lastError = error;
        // A contract mismatch will not fix itself by retrying.
        if (error instanceof RemoteLoadError && error.stage === 'contract') throw error;
        if (attempt < attempts && !signal.aborted) {
          await sleep(backoff(attempt));
          register(name, true);
        }
      }
    }
    throw lastError;
  }

  async function loadWithRetries(name: RemoteName): Promise<RemoteModule> {
    if (!registry.remotes[name]) {
      throw new RemoteLoadError(name, 'unregistered', `"${name}" is not in the remote registry`);
    }
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new RemoteLoadError(name, 'timeout', `${registry.remotes[name]?.entry ?? name} did not load within ${Math.round(timeoutMs / 100) / 10} s`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([attemptAll(name, controller.signal), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  const loader: RemoteLoader = {
    registry,
    id: (loaderIds += 1),
    supersede() {
      superseded = true;
    },
    load(name) {
      let promise = inflight.get(name);
      if (!promise) {
        const started = now();
        promise = loadWithRetries(name);
        inflight.set(name, promise);
        const entry = registry.remotes[name];
        if (options.onLoad && entry) {
          const report = (outcome: 'ok' | 'failed', error?: unknown) => {
            try {
              options.onLoad!({
                remote: name,
                version: entry.version,
                track: entry.track ?? 'stable',
                outcome,
                ...(error instanceof RemoteLoadError ? { stage: error.stage } : outcome === 'failed' ? { stage: 'module' as const } : {}),
                durationMs: Math.max(0, Math.round(now() - started)),
              });
            } catch {
              // Telemetry never breaks a load.
            }
          };
          promise.then(
            () => report('ok'),
            (error: unknown) => report('failed', error),
          );
        }
        outcomes.delete(name);
        modules.delete(name);
        const settling = promise;
        settling.then(
          (module) => {
            if (inflight.get(name) !== settling) return;
            outcomes.set(name, 'ok');
            modules.set(name, module);
          },
          () => inflight.get(name) === settling && outcomes.set(name, 'failed'),
        );
      }
      return promise;
    },
    preload(name) {
      // Attach a handler so an early failure is not an unhandled rejection; the slot reads the same promise.
      this.load(name).catch(() => undefined);
    },
    loaded: (name) => modules.get(name),
    reset(name) {
      inflight.delete(name);
      outcomes.delete(name);
      modules.delete(name);
      register(name, true);
      generations.set(name, (generations.get(name) ?? 0) + 1);
      notify();
    },
    retryFailed() {
      const failed = [...outcomes].filter(([, outcome]) => outcome === 'failed').map(([name]) => name);
      for (const name of failed) {
        loader.reset(name);
        loader.preload(name);
      }
      return failed;
    },
    async retry(name) {
      if (options.beforeRetry) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          Promise.resolve()
            .then(() => options.beforeRetry!(name))
            .catch(() => undefined),
          new Promise<void>((resolve) => (timer = setTimeout(resolve, 5000))),
        ]);
        clearTimeout(timer);
      }
      // A registry change applied meanwhile replaced this loader: the slot follows the new one.
      if (!superseded) loader.reset(name);
    },
    generation: (name) => generations.get(name) ?? 0,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    outcome: (name) => outcomes.get(name),
  };
  return loader;
}
