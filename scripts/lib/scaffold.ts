// `pnpm create-remote`: writes a new team's remote outside this repository from scripts/remote-template/
// — its own package.json (the Octopus packages as tarballs in packs/, everything else from the npm
// registry at the versions the shell runs), webpack + Module Federation config with the shell's share
// scope, a panel built on the contract, the contract kit test, the standalone harness and a CI script.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REMOTE_NAME_PATTERN } from '@octopus/contracts';
import type { PackResult } from './packs';
import { repoRoot } from './workspace';

const TEMPLATE_DIR = path.join(repoRoot, 'scripts', 'remote-template');

export interface ScaffoldOptions {
  /** Registry name (`^[a-z][a-z0-9-]{0,39}$`), e.g. `logistics`. */
  name: string;
  /** Target folder; must not exist or be empty, and lie outside this repository. */
  dir: string;
  /** The tarballs `packPackages` wrote; copied into `<dir>/packs/`. */
  packs: PackResult[];
  /** Dev server port of the harness (default 3105). */
  port?: number;
  /** Tab title per locale (default: the name). */
  titleEn?: string;
  titleZh?: string;
}

// Runtime libraries at the versions the repository's remotes build with (the shell shares these).
const RUNTIME = ['react', 'react-dom', 'antd', '@ant-design/cssinjs', '@tanstack/react-query', '@tanstack/query-core', 'zustand'];
const TOOLING = [
  '@module-federation/enhanced',
  'webpack',
  'webpack-cli',
  'webpack-dev-server',
  'html-webpack-plugin',
  'swc-loader',
  '@swc/core',
  'jest',
  '@swc/jest',
  'jest-environment-jsdom',
  '@testing-library/react',
  '@testing-library/dom',
  '@testing-library/jest-dom',
  'typescript',
  '@types/react',
  '@types/react-dom',
  '@types/jest',
  '@types/node',
];

/** The exact version of `name` installed for `fromDir` in this repository. @throws when it is not installed there. */
function installedVersion(fromDir: string, name: string): string {
  const file = path.join(fromDir, 'node_modules', name, 'package.json');
  if (!existsSync(file)) throw new Error(`${name} is not installed in ${path.relative(repoRoot, fromDir) || '.'} (pnpm install first)`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());
}

/** The scaffold's package.json: its own name and version, the packs as file: dependencies (and overrides, for theirs). */
export function scaffoldPackageJson(options: ScaffoldOptions): Record<string, unknown> {
  const fromRemote = path.join(repoRoot, 'apps', 'tickets');
  const packs = Object.fromEntries(options.packs.map((pack) => [pack.name, `file:packs/${path.basename(pack.tarball)}`]));
  return {
    name: `${options.name}-remote`,
    version: '0.1.0',
    private: true,
    description: `${options.name}: a remote of the Octopus workbench`,
    octopus: { remote: options.name, port: options.port ?? 3105 },
    scripts: {
      dev: 'webpack serve --mode development',
      build: 'webpack --mode production',
      test: 'jest',
      typecheck: 'tsc -p tsconfig.json',
      ci: 'sh ci.sh',
    },
    dependencies: {
      ...packs,
      ...Object.fromEntries(RUNTIME.map((name) => [name, installedVersion(fromRemote, name)])),
    },
    devDependencies: Object.fromEntries(TOOLING.map((name) => [name, installedVersion(repoRoot, name)])),
    pnpm: {
      // The packs depend on each other by version (pnpm pack rewrote workspace:*): resolve those to the tarballs too.
      overrides: packs,
      onlyBuiltDependencies: ['@swc/core'],
    },
  };
}

function listTemplates(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? listTemplates(full, path.join(prefix, entry)) : [path.join(prefix, entry)];
  });
}

/**
 * Writes the remote into `options.dir` and returns the files written (relative). Templates are
 * `scripts/remote-template/**\/*.tmpl` with `__REMOTE__`, `__PASCAL__`, `__PORT__`, `__TITLE_EN__`,
 * `__TITLE_ZH__` replaced.
 * @throws when the name is not a registry name, the folder is inside this repository or not empty.
 */
export function writeScaffold(options: ScaffoldOptions): string[] {
  if (!REMOTE_NAME_PATTERN.test(options.name)) throw new Error(`"${options.name}" is not a registry name (${String(REMOTE_NAME_PATTERN)})`);
  const dir = path.resolve(options.dir);
  const relative = path.relative(repoRoot, dir);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) throw new Error(`${dir} is inside the Octopus repository; a team's remote lives outside it`);
  if (existsSync(dir) && readdirSync(dir).length) throw new Error(`${dir} exists and is not empty`);
  const titleEn = options.titleEn ?? options.name;
  const titleZh = options.titleZh ?? titleEn;
  const fill = (text: string) =>
    text
      .replaceAll('__REMOTE__', options.name)
      .replaceAll('__PASCAL__', pascal(options.name))
      .replaceAll('__PORT__', String(options.port ?? 3105))
      .replaceAll('__TITLE_EN__', titleEn.replace(/['\\]/g, ''))
      .replaceAll('__TITLE_ZH__', titleZh.replace(/['\\]/g, ''));
  const written: string[] = [];
  for (const template of listTemplates(TEMPLATE_DIR)) {
    const target = template.replace(/\.tmpl$/, '').replace(/^gitignore$/, '.gitignore');
    mkdirSync(path.dirname(path.join(dir, target)), { recursive: true });
    writeFileSync(path.join(dir, target), fill(readFileSync(path.join(TEMPLATE_DIR, template), 'utf8')));
    written.push(target);
  }
  mkdirSync(path.join(dir, 'packs'), { recursive: true });
  for (const pack of options.packs) {
    copyFileSync(pack.tarball, path.join(dir, 'packs', path.basename(pack.tarball)));
    written.push(path.join('packs', path.basename(pack.tarball)));
  }
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(scaffoldPackageJson(options), null, 2)}\n`);
  written.push('package.json');
  return written.sort();
}
