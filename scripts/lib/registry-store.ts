// The deployment's registry as an operator changes it: one remote at a time, under a lock, keeping a
// history per remote (for rollback), and never rewriting any other entry (they are copied byte for
// byte as JSON values, even ones this version of the tool would not validate).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import {
  checkContractCompatibility,
  federationNameOf,
  parseRegistry,
  registryEntrySchema,
  remoteBuildMetadataOf,
  remoteNameSchema,
  type RegistryEntry,
  type RemoteRegistry,
} from '@octopus/contracts';

/** One change of one remote's entry. `entry` is what it became (null: removed). */
export interface RegistryHistoryItem {
  at: string;
  remote: string;
  action: string;
  entry: RegistryEntry | null;
  /** What it was before (null: not registered). */
  previous: RegistryEntry | null;
}

export interface RegistryStore {
  /** The registry file the shell serves. */
  file: string;
  /** The history beside it: `<file without .json>.history.json`. */
  historyFile: string;
  /** The registry to start from when `file` does not exist yet (what the shell serves now). */
  initial: () => Promise<RemoteRegistry> | RemoteRegistry;
}

export function registryStore(file: string, initial: RegistryStore['initial']): RegistryStore {
  return { file, historyFile: file.replace(/(\.json)?$/, '.history.json'), initial };
}

function writeAtomically(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(tmp, file);
}

async function readRaw(store: RegistryStore): Promise<{ remotes: Record<string, unknown> } & Record<string, unknown>> {
  if (!existsSync(store.file)) {
    const initial = await store.initial();
    return { remotes: { ...initial.remotes } };
  }
  const raw = JSON.parse(readFileSync(store.file, 'utf8')) as { remotes?: unknown };
  if (!raw || typeof raw !== 'object' || !raw.remotes || typeof raw.remotes !== 'object') {
    throw new Error(`${store.file} is not a registry ({ "remotes": { … } })`);
  }
  return raw as { remotes: Record<string, unknown> };
}

/** The registry as served (valid entries, invalid ones listed). */
export async function readRegistry(store: RegistryStore): Promise<ReturnType<typeof parseRegistry>> {
  return parseRegistry(await readRaw(store));
}

/** Every recorded change, oldest first (all remotes, or one). */
export function readHistory(store: RegistryStore, remote?: string): RegistryHistoryItem[] {
  if (!existsSync(store.historyFile)) return [];
  const items = JSON.parse(readFileSync(store.historyFile, 'utf8')) as RegistryHistoryItem[];
  return remote ? items.filter((item) => item.remote === remote) : items;
}

/**
 * Changes one remote's entry under the registry's lock (proper-lockfile on the registry file; a
 * concurrent operator waits up to ~5 s, then fails): reads the file fresh, applies `change` to that
 * entry only, validates the result, writes atomically and appends to the history.
 * @returns the entry before and after.
 * @throws when the remote name or the new entry is invalid, or the lock cannot be taken.
 */
export async function changeEntry(
  store: RegistryStore,
  remote: string,
  action: string,
  change: (current: RegistryEntry | null) => RegistryEntry | null,
): Promise<{ previous: RegistryEntry | null; next: RegistryEntry | null }> {
  remoteNameSchema.parse(remote);
  mkdirSync(path.dirname(store.file), { recursive: true });
  const release = await lockfile.lock(store.file, { realpath: false, retries: { retries: 25, minTimeout: 100, maxTimeout: 300 }, stale: 15_000 });
  try {
    const raw = await readRaw(store);
    const parsedCurrent = raw.remotes[remote] === undefined ? null : registryEntrySchema.safeParse(raw.remotes[remote]);
    const previous = parsedCurrent?.success ? parsedCurrent.data : null;
    const next = change(previous);
    if (next === null) {
      delete raw.remotes[remote];
    } else {
      raw.remotes[remote] = registryEntrySchema.parse(next);
    }
    writeAtomically(store.file, raw);
    const history = readHistory(store);
    history.push({ at: new Date().toISOString(), remote, action, entry: next, previous });
    writeAtomically(store.historyFile, history);
    return { previous, next };
  } finally {
    await release();
  }
}

/**
 * The entry `rollback` returns to: the entry this remote had before its latest change that differs
 * from the current one (by entry URL and version), from the kept history.
 * @throws when the history holds no earlier entry.
 */
export function rollbackTarget(store: RegistryStore, remote: string, current: RegistryEntry | null): RegistryEntry {
  const same = (a: RegistryEntry | null, b: RegistryEntry | null) => a?.entry === b?.entry && a?.version === b?.version;
  const items = readHistory(store, remote);
  for (let index = items.length - 1; index >= 0; index -= 1) {
    const item = items[index]!;
    if (item.previous && !same(item.previous, current) && same(item.entry, current)) return item.previous;
  }
  throw new Error(`no earlier entry of ${remote} in the history (${store.historyFile})`);
}

export interface ReleaseCheck {
  manifest: string;
  name: string;
  builtVersion: string | undefined;
  contractVersion: string | undefined;
}

/**
 * Validates a release before the registry points at it: its manifest answers within `timeoutMs`
 * (default 5000) with JSON, names the container `federationNameOf(remote)`, and declares (in
 * `metaData.octopus`) a contract compatible with `hostContractVersion` — and, when it declares its
 * release version, that it is `version`.
 * @throws Error with the reason when any check fails.
 */
export async function validateRelease(
  remote: string,
  entry: Pick<RegistryEntry, 'entry' | 'version'>,
  hostContractVersion: string,
  options: { fetchImpl?: typeof fetch; timeoutMs?: number } = {},
): Promise<ReleaseCheck> {
  const fetchImpl = options.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(entry.entry, { cache: 'no-store', signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
  } catch (error) {
    throw new Error(`${entry.entry} is unreachable (${error instanceof Error ? error.message : String(error)}): is the ${remote} release deployed and its server running?`);
  }
  if (!response.ok) throw new Error(`${entry.entry} answered ${response.status}: that release is not deployed`);
  let manifest: unknown;
  try {
    manifest = await response.json();
  } catch {
    throw new Error(`${entry.entry} is not JSON`);
  }
  const name = (manifest as { name?: unknown }).name;
  const expected = federationNameOf(remote);
  if (name !== expected) throw new Error(`${entry.entry} is the manifest of "${String(name)}", not ${expected}`);
  const meta = remoteBuildMetadataOf(manifest);
  const check = checkContractCompatibility(hostContractVersion, meta?.contractVersion);
  if (!check.compatible) throw new Error(`${remote} ${entry.version} is refused: ${check.reason}`);
  if (meta?.version && meta.version !== entry.version) throw new Error(`${entry.entry} is release ${meta.version}, not ${entry.version}`);
  return { manifest: entry.entry, name: expected, builtVersion: meta?.version, contractVersion: meta?.contractVersion };
}
