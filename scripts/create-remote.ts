// `pnpm create-remote <name> <dir> [--port 3105] [--title-en T] [--title-zh T] [--packs <dir>]`:
// scaffolds a new team's remote OUTSIDE this repository (docs/remote-guide.md). It packs the Octopus
// packages it needs (or takes the tarballs already in --packs) into <dir>/packs/.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PACKED_PACKAGES, packPackages, type PackResult } from './lib/packs';
import { writeScaffold } from './lib/scaffold';

const USAGE = 'usage: pnpm create-remote <name> <dir> [--port 3105] [--title-en T] [--title-zh T] [--packs <dir with the tarballs of pnpm pack-packages>]';

/** The tarballs already in `dir` (one per packed package), or null when one is missing. */
function existingPacks(dir: string): PackResult[] | null {
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir);
  const found = PACKED_PACKAGES.map((folder) => files.find((file) => file.startsWith(`octopus-${folder}-`) && file.endsWith('.tgz')));
  if (found.some((file) => !file)) return null;
  return found.map((file, index) => ({ name: `@octopus/${PACKED_PACKAGES[index]}`, version: file!.slice(`octopus-${PACKED_PACKAGES[index]}-`.length, -'.tgz'.length), tarball: path.join(dir, file!) }));
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { port: { type: 'string' }, 'title-en': { type: 'string' }, 'title-zh': { type: 'string' }, packs: { type: 'string' } },
  });
  const [name, where] = positionals;
  if (!name || !where) throw new Error(USAGE);
  // pnpm runs scripts at the repository root: relative paths are the caller's (INIT_CWD).
  const from = process.env.INIT_CWD ?? process.cwd();
  const dir = path.resolve(from, where);
  const packs = (values.packs ? existingPacks(path.resolve(from, values.packs)) : null) ?? packPackages(values.packs ? path.resolve(from, values.packs) : undefined, (line) => console.log(line));
  const files = writeScaffold({
    name,
    dir,
    packs,
    ...(values.port ? { port: Number(values.port) } : {}),
    ...(values['title-en'] ? { titleEn: values['title-en'] } : {}),
    ...(values['title-zh'] ? { titleZh: values['title-zh'] } : {}),
  });
  console.log(`${name}: ${files.length} files in ${dir}`);
  console.log(`next: cd ${dir} && pnpm install && pnpm test && pnpm build   (see its README.md)`);
}

try {
  main();
} catch (error) {
  console.error(`create-remote: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
