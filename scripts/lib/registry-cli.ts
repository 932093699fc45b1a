// The commands of `pnpm registry`, as functions over a deployment (tests drive them directly).
import path from 'node:path';
import { REMOTE_CONTRACT_VERSION, remoteNameSchema, type Canary, type RegistryEntry, type RemoteRegistry, type RemoteTab } from '@octopus/contracts';
import { readDeploymentState, type DeploymentState } from './deployment';
import { deploymentSecret, fetchLoadSummary } from './telemetry-client';
import { changeEntry, readHistory, readRegistry, registryStore, rollbackTarget, validateRelease, type RegistryStore } from './registry-store';
import { defaultRegistry, listWebApps, MANAGED_REGISTRY_FILE, repoRoot } from './workspace';

/** Where the CLI acts: the running deployment when there is one, else this checkout's configuration (said so). */
export interface CliTarget {
  store: RegistryStore;
  /** The deployment's remotes' base URLs (for `set <remote> <version>` without --entry). */
  apps: Record<string, string>;
  hostContractVersion: string;
  /** Human description of where this came from. */
  origin: string;
  deployment: DeploymentState | null;
}

/**
 * The target from the running deployment's state (`.octopus/deployment.json` or
 * `OCTOPUS_DEPLOYMENT_FILE`): its registry file, the registry it serves now (when no file was
 * written yet), its remotes' URLs and its contract version. Without a running deployment: the
 * environment's configuration (`OCTOPUS_REGISTRY`, `<NAME>_PORT`, `OCTOPUS_PUBLIC_HOST`).
 * @throws when the deployment serves its registry from an http(s) URL (change it where it is hosted).
 */
export function resolveTarget(env: NodeJS.ProcessEnv = process.env, fetchImpl: typeof fetch = fetch): CliTarget {
  const deployment = readDeploymentState(env.OCTOPUS_DEPLOYMENT_FILE ? path.resolve(env.OCTOPUS_DEPLOYMENT_FILE) : undefined);
  if (deployment) {
    if (/^https?:\/\//.test(deployment.registrySource)) throw new Error(`the deployment serves its registry from ${deployment.registrySource}; change it where it is hosted`);
    const live = async (): Promise<RemoteRegistry> => {
      const response = await fetchImpl(`${deployment.shellUrl}/registry.json`, { cache: 'no-store', signal: AbortSignal.timeout(5000) });
      if (!response.ok) throw new Error(`${deployment.shellUrl}/registry.json answered ${response.status}`);
      return (await response.json()) as RemoteRegistry;
    };
    return {
      store: registryStore(deployment.registrySource, live),
      apps: deployment.apps,
      hostContractVersion: deployment.contractVersion,
      origin: `the deployment at ${deployment.shellUrl} (pid ${deployment.pid}; registry ${path.relative(repoRoot, deployment.registrySource) || deployment.registrySource})`,
      deployment,
    };
  }
  const source = env.OCTOPUS_REGISTRY;
  if (source && /^https?:\/\//.test(source)) throw new Error(`OCTOPUS_REGISTRY is a URL (${source}); change it where it is hosted`);
  const host = env.OCTOPUS_PUBLIC_HOST ?? 'localhost';
  const apps = listWebApps(env);
  const file = source ? path.resolve(repoRoot, source) : MANAGED_REGISTRY_FILE;
  return {
    store: registryStore(file, () => defaultRegistry({ mode: 'production', host, apps })),
    apps: Object.fromEntries(apps.filter((app) => app.kind === 'remote').map((app) => [app.name, `http://${host}:${app.port}`])),
    hostContractVersion: REMOTE_CONTRACT_VERSION,
    origin: `no running deployment found; this checkout's configuration (registry ${path.relative(repoRoot, file)})`,
    deployment: null,
  };
}

export interface ReleaseOptions {
  entry?: string;
  embed?: string;
  tab?: RemoteTab;
}

function releaseEntry(target: CliTarget, remote: string, version: string, options: ReleaseOptions): { entry: string; embed?: string } {
  remoteNameSchema.parse(remote);
  const base = target.apps[remote];
  const entry = options.entry ?? (base ? `${base}/${version}/mf-manifest.json` : undefined);
  if (!entry) throw new Error(`${remote} is not one of this deployment's servers; pass --entry <manifest URL>`);
  return { entry, ...(options.embed ? { embed: options.embed } : {}) };
}

const label = (entry: RegistryEntry | null) => (entry ? `${entry.version}${entry.canary ? ` (canary ${entry.canary.version})` : ''}` : '(none)');

/** `set`: validates the release, then points the remote's stable entry at it (a canary in progress is dropped). */
export async function setRelease(target: CliTarget, remote: string, version: string, options: ReleaseOptions = {}): Promise<string> {
  const { entry, embed } = releaseEntry(target, remote, version, options);
  await validateRelease(remote, { entry, version }, target.hostContractVersion);
  const { previous, next } = await changeEntry(target.store, remote, 'set', (current) => {
    // A release's iframe page lives beside its manifest when the previous one had one.
    const siblingEmbed = current?.embed ? entry.replace(/mf-manifest\.json$/, 'embed.html') : undefined;
    const { canary: _dropped, ...rest } = current ?? ({} as Partial<RegistryEntry>);
    return { ...rest, entry, version, ...(embed ?? siblingEmbed ? { embed: embed ?? siblingEmbed } : {}), ...(options.tab ? { tab: options.tab } : {}) } as RegistryEntry;
  });
  return `${remote}: ${label(previous)} → ${label(next)} (${entry})`;
}

/** `canary`: validates the release, then serves it to `agents`/`groups`/`percent` of agents beside the stable one. */
export async function startCanary(
  target: CliTarget,
  remote: string,
  version: string,
  audience: Pick<Canary, 'agents' | 'groups' | 'percent' | 'maxFailureRate'>,
  options: ReleaseOptions = {},
): Promise<string> {
  if (!audience.agents?.length && !audience.groups?.length && audience.percent === undefined) throw new Error('a canary needs --group, --agent or --percent');
  const { entry, embed } = releaseEntry(target, remote, version, options);
  await validateRelease(remote, { entry, version }, target.hostContractVersion);
  const { next } = await changeEntry(target.store, remote, 'canary', (current) => {
    if (!current) throw new Error(`${remote} has no stable release to canary beside; use set first`);
    return { ...current, canary: { entry, version, ...(embed ? { embed } : {}), ...audience, startedAt: new Date().toISOString() } };
  });
  const who = [audience.groups?.length ? `groups ${audience.groups.join(',')}` : '', audience.agents?.length ? `agents ${audience.agents.join(',')}` : '', audience.percent !== undefined ? `${audience.percent}% of agents` : '']
    .filter(Boolean)
    .join(', ');
  return `${remote}: canary ${next!.canary!.version} to ${who}; ${next!.version} for everyone else`;
}

/** `promote`: the canary becomes the stable release for everyone. */
export async function promoteCanary(target: CliTarget, remote: string): Promise<string> {
  const { previous, next } = await changeEntry(target.store, remote, 'promote', (current) => {
    if (!current?.canary) throw new Error(`${remote} has no canary`);
    const { canary, ...rest } = current;
    return { ...rest, entry: canary.entry, version: canary.version, ...(canary.embed ? { embed: canary.embed } : {}) };
  });
  return `${remote}: canary ${previous!.canary!.version} promoted; ${previous!.version} → ${next!.version} for everyone`;
}

/** `abort`: drops the canary; everyone stays on (or returns to) the stable release. */
export async function abortCanary(target: CliTarget, remote: string, reason = 'abort'): Promise<string> {
  const { previous, next } = await changeEntry(target.store, remote, reason, (current) => {
    if (!current?.canary) throw new Error(`${remote} has no canary`);
    const { canary: _dropped, ...rest } = current;
    return rest;
  });
  return `${remote}: canary ${previous!.canary!.version} aborted; everyone on ${next!.version}`;
}

/**
 * `rollback`: back to the stable release the remote had before its latest change (from the kept
 * history), validated first. A canary of the restored entry is not restored: after a rollback
 * everyone gets the same, known release.
 */
export async function rollback(target: CliTarget, remote: string): Promise<string> {
  const current = (await readRegistry(target.store)).remotes[remote] ?? null;
  const { canary: _notRestored, ...back } = rollbackTarget(target.store, remote, current);
  await validateRelease(remote, back, target.hostContractVersion);
  const { previous, next } = await changeEntry(target.store, remote, 'rollback', () => back);
  return `${remote}: rolled back ${label(previous)} → ${label(next)}`;
}

/** `history`: one line per change of `remote` (or every remote), oldest first. */
export function historyLines(target: CliTarget, remote?: string): string[] {
  return readHistory(target.store, remote).map((item) => `${item.at}  ${item.remote.padEnd(14)} ${item.action.padEnd(9)} ${label(item.previous)} → ${label(item.entry)}`);
}

/** `status`: each remote's stable release, canary and audience, and skipped entries. */
export async function statusLines(target: CliTarget): Promise<string[]> {
  const { remotes, invalid } = await readRegistry(target.store);
  const lines = [`# ${target.origin}; contract ${target.hostContractVersion}`];
  for (const [name, entry] of Object.entries(remotes)) {
    const canary = entry.canary
      ? `  canary ${entry.canary.version} → ${[entry.canary.groups?.length ? `groups ${entry.canary.groups.join(',')}` : '', entry.canary.agents?.length ? `agents ${entry.canary.agents.join(',')}` : '', entry.canary.percent !== undefined ? `${entry.canary.percent}%` : ''].filter(Boolean).join(', ')}`
      : '';
    lines.push(`${name.padEnd(14)} ${entry.version.padEnd(10)} ${entry.mode ?? 'federation'}${canary}  ${entry.entry}`);
  }
  for (const item of invalid) lines.push(`${item.remote.padEnd(14)} SKIPPED: ${item.reason}`);
  lines.push(...(await telemetryLines(target)));
  return lines;
}

/** Per remote, release and track over the last hour: loads, success rate and p95 load time (from the api's collector). */
export async function telemetryLines(target: CliTarget, env: NodeJS.ProcessEnv = process.env, windowMinutes = 60): Promise<string[]> {
  const apiUrl = target.deployment?.apiUrl;
  const secret = target.deployment?.dataDir ? deploymentSecret(target.deployment.dataDir, env) : (env.OCTOPUS_TOKEN_SECRET ?? null);
  if (!apiUrl || !secret) return ['# telemetry: no running deployment (api and secret) to read it from'];
  try {
    const summary = await fetchLoadSummary(apiUrl, secret, windowMinutes);
    return [
      `# remote loads, last ${summary.windowMinutes} min (remote, release, track: loads, success rate, p95 load time)`,
      ...summary.rows.map(
        (row) => `${row.remote.padEnd(14)} ${row.version.padEnd(10)} ${row.track.padEnd(7)} ${String(row.loads).padStart(5)} loads  ${(row.successRate * 100).toFixed(1).padStart(5)}% ok  p95 ${row.p95Ms === null ? '—' : `${row.p95Ms} ms`}`,
      ),
    ];
  } catch (error) {
    return [`# telemetry unavailable: ${error instanceof Error ? error.message : String(error)}`];
  }
}
