// `pnpm pack-packages [--out <dir>]`: the packages a remote team outside this repository installs
// (@octopus/contracts, ui, telephony, api-client, remote-kit, federation), compiled and packed as
// tarballs into <dir> (default .octopus/packs). docs/remote-guide.md §1.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PACKS_DIR, packPackages } from './lib/packs';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
// pnpm runs scripts at the repository root: a relative --out is the caller's (INIT_CWD).
const outDir = values.out ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out) : DEFAULT_PACKS_DIR;
try {
  const packed = packPackages(outDir, (line) => console.log(line));
  console.log(`${packed.length} tarballs in ${outDir}`);
} catch (error) {
  console.error(`pack-packages: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
