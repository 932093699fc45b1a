// What the workspace holds and where each app listens, read from the apps' package.json files.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { RemoteName, RemoteRegistry, RemoteTab } from '@octopus/contracts';

export const repoRoot = path.resolve(__dirname, '..', '..');

interface AppPackageJson {
  name: string;
  version: string;
  octopus?: { remote?: RemoteName; host?: boolean; port: number; tab?: RemoteTab };
}

export interface WebApp {
  dir: string;
  packageName: string;
  version: string;
  /** "shell" or the registry name of a remote. */
  name: 'shell' | RemoteName;
  kind: 'host' | 'remote';
  port: number;
  /** The tab the remote asks for in the default registry (package.json `octopus.tab`: title, order, roles). */
  tab?: RemoteTab;
}

/** `SHELL_PORT`, `TICKETS_PORT`, `SERVICE_TRACK_PORT`, …: each default port can be overridden. */
export function portEnvName(name: string): string {
  return `${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_PORT`;
}

export function listWebApps(env: NodeJS.ProcessEnv = process.env): WebApp[] {
  const appsDir = path.join(repoRoot, 'apps');
  return readdirSync(appsDir)
    .map((folder) => path.join(appsDir, folder, 'package.json'))
    .filter((file) => existsSync(file))
    .map((file) => ({ file, pkg: JSON.parse(readFileSync(file, 'utf8')) as AppPackageJson }))
    .filter(({ pkg }) => pkg.octopus)
    .map(({ file, pkg }) => {
      const meta = pkg.octopus!;
      const name = meta.remote ?? 'shell';
      const override = env[portEnvName(name)];
      return {
        dir: path.dirname(file),
        packageName: pkg.name,
        version: pkg.version,
        name,
        kind: meta.remote ? 'remote' : 'host',
        port: override ? Number(override) : meta.port,
        ...(meta.tab ? { tab: meta.tab } : {}),
      } satisfies WebApp;
    })
    .sort((a, b) => a.port - b.port);
}

/**
 * The registry `pnpm start` serves when OCTOPUS_REGISTRY does not name another one: every remote at
 * the version its package.json declares, on its own server. Production builds live in dist/<version>/.
 */
export function defaultRegistry(options: { mode: 'production' | 'development'; host?: string; apps?: WebApp[] }): RemoteRegistry {
  const host = options.host ?? 'localhost';
  const remotes: RemoteRegistry['remotes'] = {};
  for (const app of options.apps ?? listWebApps()) {
    if (app.kind !== 'remote') continue;
    const base = `http://${host}:${app.port}`;
    const folder = options.mode === 'production' ? `${base}/${app.version}` : base;
    // A release that built an iframe page (finance) advertises it; the shell still federates by default.
    const builtEmbed = existsSync(path.join(app.dir, 'dist', options.mode === 'production' ? app.version : 'dev', 'embed.html'));
    remotes[app.name as RemoteName] = {
      entry: `${folder}/mf-manifest.json`,
      version: options.mode === 'production' ? app.version : `${app.version}-dev`,
      ...(builtEmbed || (options.mode === 'development' && app.name === 'finance') ? { embed: `${folder}/embed.html` } : {}),
      ...(app.tab ? { tab: app.tab } : {}),
    };
  }
  return { remotes };
}

/** Where `pnpm registry` keeps the operator's registry when OCTOPUS_REGISTRY names no other file. */
export const MANAGED_REGISTRY_FILE = path.join(repoRoot, '.octopus', 'registry.json');

/** The registry source the shell serves: OCTOPUS_REGISTRY (file or URL), else the managed file if an operator wrote one. */
export function registrySourceFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.OCTOPUS_REGISTRY) return env.OCTOPUS_REGISTRY;
  return existsSync(MANAGED_REGISTRY_FILE) ? MANAGED_REGISTRY_FILE : undefined;
}
