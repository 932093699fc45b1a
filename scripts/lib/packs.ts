// The packages a team outside this repository needs to build, test and run a remote, as npm tarballs:
// each is compiled to CommonJS + type declarations (dist/), then `pnpm pack`ed; its package.json
// `publishConfig` points `exports` at dist/ in the tarball (the workspace keeps using src/).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './workspace';

/** The packable packages, dependencies first (folder under packages/). */
export const PACKED_PACKAGES = ['contracts', 'ui', 'telephony', 'api-client', 'remote-kit', 'federation'] as const;
export type PackedPackage = (typeof PACKED_PACKAGES)[number];

interface PackageJson {
  name: string;
  version: string;
  exports: Record<string, string>;
  publishConfig?: { exports?: Record<string, { types: string; default: string }> };
}

/** Default folder `pnpm pack-packages` writes to. */
export const DEFAULT_PACKS_DIR = path.join(repoRoot, '.octopus', 'packs');

function readPackageJson(folder: string): PackageJson {
  return JSON.parse(readFileSync(path.join(repoRoot, 'packages', folder, 'package.json'), 'utf8')) as PackageJson;
}

/** `./src/testing/index.ts` → `testing/index` (the path under src/ and dist/, without extension). */
function distStem(sourcePath: string): string {
  return sourcePath.replace(/^\.\/src\//, '').replace(/\.tsx?$/, '');
}

/**
 * Checks that a package's `publishConfig.exports` maps every workspace export to its compiled file, so
 * the tarball exposes what the workspace does.
 * @throws naming the first subpath that is missing or points elsewhere.
 */
export function checkPublishedExports(pkg: PackageJson): void {
  const published = pkg.publishConfig?.exports ?? {};
  for (const [subpath, source] of Object.entries(pkg.exports)) {
    const stem = distStem(source);
    const want = { types: `./dist/${stem}.d.ts`, default: `./dist/${stem}.js` };
    const got = published[subpath];
    if (!got || got.types !== want.types || got.default !== want.default) {
      throw new Error(`${pkg.name}: publishConfig.exports["${subpath}"] must be ${JSON.stringify(want)} (for ${source})`);
    }
  }
}

/**
 * Compiles the `src` of every packed package (tests excluded) in one TypeScript program to
 * `packages/<folder>/dist` as CommonJS with declarations; imports of each other stay package imports.
 * @throws with tsc's output when the program does not compile.
 */
function compileAll(log: (line: string) => void): void {
  const packagesDir = path.join(repoRoot, 'packages');
  const outDir = path.join(repoRoot, '.octopus', `pack-build-${process.pid}`);
  rmSync(outDir, { recursive: true, force: true });
  // Beside the packages (type libraries resolve from the repository); removed afterwards.
  const tsconfig = path.join(packagesDir, `.tsconfig.pack-${process.pid}.json`);
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: path.join(repoRoot, 'tsconfig.base.json'),
      compilerOptions: {
        noEmit: false,
        declaration: true,
        module: 'CommonJS',
        moduleResolution: 'Node10',
        verbatimModuleSyntax: false,
        target: 'ES2020',
        rootDir: packagesDir,
        outDir,
        types: ['node', 'jest'],
        // Node10 resolution reads no `exports`: map each package's subpaths to its sources in this program.
        paths: Object.fromEntries(
          PACKED_PACKAGES.flatMap((folder) => {
            const pkg = readPackageJson(folder);
            return Object.entries(pkg.exports).map(([subpath, source]) => [`${pkg.name}${subpath.slice(1)}`, [path.join(packagesDir, folder, source)]]);
          }),
        ),
      },
      include: PACKED_PACKAGES.map((folder) => path.join(packagesDir, folder, 'src')),
      exclude: ['**/*.test.ts', '**/*.test.tsx', '**/test-helpers.tsx', '**/bench/**'],
    }),
  );
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', tsconfig], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const folder of PACKED_PACKAGES) {
      const dist = path.join(packagesDir, folder, 'dist');
      rmSync(dist, { recursive: true, force: true });
      cpSync(path.join(outDir, folder, 'src'), dist, { recursive: true });
      log(`  compiled packages/${folder} → dist/`);
    }
  } catch (error) {
    const out = (error as { stdout?: Buffer }).stdout?.toString() ?? String(error);
    throw new Error(`compiling the packed packages failed:\n${out}`);
  } finally {
    rmSync(tsconfig, { force: true });
    rmSync(outDir, { recursive: true, force: true });
  }
}

export interface PackResult {
  name: string;
  version: string;
  /** Absolute path of the tarball. */
  tarball: string;
}

/**
 * Compiles and packs every package of {@link PACKED_PACKAGES} into `outDir` (created; default
 * `.octopus/packs`). `workspace:*` dependencies become the packages' versions (pnpm pack); a consumer
 * maps them to these tarballs (the scaffold's `pnpm.overrides`).
 * @throws when a package's publishConfig does not cover its exports, or tsc / pnpm pack fails.
 */
export function packPackages(outDir: string = DEFAULT_PACKS_DIR, log: (line: string) => void = () => undefined): PackResult[] {
  mkdirSync(outDir, { recursive: true });
  const results: PackResult[] = [];
  for (const folder of PACKED_PACKAGES) checkPublishedExports(readPackageJson(folder));
  compileAll(log);
  for (const folder of PACKED_PACKAGES) {
    const pkg = readPackageJson(folder);
    const dir = path.join(repoRoot, 'packages', folder);
    const tarball = path.join(outDir, `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`);
    rmSync(tarball, { force: true });
    execFileSync('pnpm', ['pack', '--pack-destination', outDir], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    if (!existsSync(tarball)) throw new Error(`pnpm pack did not write ${tarball}`);
    results.push({ name: pkg.name, version: pkg.version, tarball });
    log(`  packed ${pkg.name}@${pkg.version} → ${path.relative(process.cwd(), tarball) || tarball}`);
  }
  return results;
}
