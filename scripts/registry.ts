// `pnpm registry …`: the operator's tool for the runtime remote registry. Switching a remote to another
// release, or rolling it back, is a registry change: no rebuild, no restart, live on the next page load.
//   pnpm registry show                       what the shell serves now
//   pnpm registry set <remote> <version>     point <remote> at http://<host>:<port>/<version>/mf-manifest.json
//   pnpm registry set <remote> <version> --entry <manifest URL>
//   pnpm registry mode <remote> iframe|federation   host it as its iframe page (needs an `embed` URL) or federated
//   pnpm registry reset                      back to every remote's current package.json version
// It writes OCTOPUS_REGISTRY when that names a file, else .octopus/registry.json (which the shell then serves).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { federationNameOf, remoteNameSchema, remoteRegistrySchema, type RemoteName, type RemoteRegistry } from '@octopus/contracts';
import { MANAGED_REGISTRY_FILE, defaultRegistry, listWebApps, repoRoot } from './lib/workspace';

function targetFile(): string {
  const source = process.env.OCTOPUS_REGISTRY;
  if (source && /^https?:\/\//.test(source)) {
    throw new Error(`OCTOPUS_REGISTRY is a URL (${source}); change it where it is hosted`);
  }
  return source ? path.resolve(repoRoot, source) : MANAGED_REGISTRY_FILE;
}

function readCurrent(file: string): RemoteRegistry {
  if (!existsSync(file)) return defaultRegistry({ mode: 'production', host: process.env.OCTOPUS_PUBLIC_HOST });
  return remoteRegistrySchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

function write(file: string, registry: RemoteRegistry): void {
  const valid = remoteRegistrySchema.parse(registry);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(valid, null, 2)}\n`);
}

/** Refuse to register a release that is not deployed: the manifest must answer and name the right container. */
async function checkDeployed(remote: RemoteName, entry: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(entry, { cache: 'no-store' });
  } catch (error) {
    throw new Error(`${entry} is unreachable (${String(error)}); is the ${remote} server running and the release deployed?`);
  }
  if (!response.ok) throw new Error(`${entry} answered ${response.status}: that release is not deployed`);
  const manifest = (await response.json()) as { name?: string };
  const expected = federationNameOf(remote);
  if (manifest.name !== expected) throw new Error(`${entry} is the manifest of "${manifest.name}", not ${expected}`);
}

async function main(argv: string[]): Promise<void> {
  const [command = 'show', remoteArg, version] = argv;
  const file = targetFile();
  if (command === 'show') {
    console.log(`# ${existsSync(file) ? path.relative(repoRoot, file) : '(generated default; no registry file written yet)'}`);
    console.log(JSON.stringify(readCurrent(file), null, 2));
    return;
  }
  if (command === 'reset') {
    write(file, defaultRegistry({ mode: 'production', host: process.env.OCTOPUS_PUBLIC_HOST }));
    console.log(`registry reset to the current package versions → ${path.relative(repoRoot, file)}`);
    return;
  }
  if (command === 'set') {
    if (!remoteArg || !remoteNameSchema.safeParse(remoteArg).success || !version) {
      throw new Error('usage: pnpm registry set <remote> <version> [--entry <manifest URL>] (a remote outside this repo needs --entry)');
    }
    const remote = remoteArg as RemoteName;
    const entryFlag = argv.indexOf('--entry');
    const app = listWebApps().find((candidate) => candidate.name === remote);
    const host = process.env.OCTOPUS_PUBLIC_HOST ?? 'localhost';
    const entry = entryFlag >= 0 ? argv[entryFlag + 1] : app ? `http://${host}:${app.port}/${version}/mf-manifest.json` : undefined;
    if (!entry) throw new Error(`no entry URL for ${remote}; pass --entry`);
    if (!argv.includes('--no-check')) await checkDeployed(remote, entry);
    const registry = readCurrent(file);
    const previous = registry.remotes[remote];
    // A new release's iframe page lives beside its manifest.
    const embed = previous?.embed ? entry.replace(/mf-manifest\.json$/, 'embed.html') : undefined;
    registry.remotes[remote] = { ...previous, entry, version, ...(embed ? { embed } : {}) };
    write(file, registry);
    console.log(`${remote}: ${previous ? `${previous.version} → ` : ''}${version} (${entry}) → ${path.relative(repoRoot, file)}`);
    console.log('Live on the next page load; agents mid-call keep the release they loaded until they reload.');
    return;
  }
  if (command === 'mode') {
    const remote = remoteArg as RemoteName;
    const mode = version;
    if (!remoteNameSchema.safeParse(remote).success || (mode !== 'iframe' && mode !== 'federation')) {
      throw new Error('usage: pnpm registry mode <remote> iframe|federation');
    }
    const registry = readCurrent(file);
    const entry = registry.remotes[remote];
    if (!entry) throw new Error(`${remote} is not registered`);
    if (mode === 'iframe' && !entry.embed) throw new Error(`${remote} ${entry.version} has no iframe page (embed URL)`);
    registry.remotes[remote] = { ...entry, mode };
    write(file, registry);
    console.log(`${remote}: hosted as ${mode === 'iframe' ? `an iframe (${entry.embed})` : 'a federated component'} → ${path.relative(repoRoot, file)}`);
    return;
  }
  throw new Error(`unknown command "${command}"; use show, set, mode or reset`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`registry: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
