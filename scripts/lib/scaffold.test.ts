import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkPublishedExports, PACKED_PACKAGES } from './packs';
import { writeScaffold } from './scaffold';
import { repoRoot } from './workspace';

describe('packable packages', () => {
  it.each(PACKED_PACKAGES)('%s publishes every export it has in the workspace, compiled (publishConfig.exports → dist/)', (folder) => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'packages', folder, 'package.json'), 'utf8'));
    expect(() => checkPublishedExports(pkg)).not.toThrow();
    expect(pkg.files).toEqual(['dist']);
  });

  it('refuses a package whose new export has no compiled counterpart', () => {
    expect(() => checkPublishedExports({ name: '@octopus/x', version: '0.1.0', exports: { '.': './src/index.ts', './extra': './src/extra.ts' }, publishConfig: { exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } } } })).toThrow(
      /publishConfig.exports\["\.\/extra"\]/,
    );
  });
});

describe('writeScaffold (pnpm create-remote)', () => {
  let work: string;
  const packs = PACKED_PACKAGES.map((folder) => ({ name: `@octopus/${folder}`, version: '0.1.0', tarball: '' }));
  beforeEach(() => {
    work = mkdtempSync(path.join(tmpdir(), 'octopus-scaffold-'));
    for (const pack of packs) {
      pack.tarball = path.join(work, `${pack.name.slice(1).replace('/', '-')}-0.1.0.tgz`);
      writeFileSync(pack.tarball, 'tgz');
    }
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('writes a remote outside the repo that installs the Octopus packages from its own packs/ and everything else at the shell’s versions', () => {
    const dir = path.join(work, 'logistics');
    const files = writeScaffold({ name: 'logistics', dir, packs, port: 3205, titleEn: 'Logistics', titleZh: '物流' });
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'webpack.config.js', 'jest.config.js', 'tsconfig.json', 'ci.sh', 'src/Panel.tsx', 'src/contract.test.tsx', 'src/bootstrap.tsx', 'packs/octopus-contracts-0.1.0.tgz', '.gitignore']),
    );
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg.octopus).toEqual({ remote: 'logistics', port: 3205 });
    expect(pkg.dependencies['@octopus/remote-kit']).toBe('file:packs/octopus-remote-kit-0.1.0.tgz');
    // The tarballs depend on each other by version: overrides send those to packs/ too (no registry lookup of @octopus/*).
    expect(pkg.pnpm.overrides['@octopus/contracts']).toBe('file:packs/octopus-contracts-0.1.0.tgz');
    const shellReact = JSON.parse(readFileSync(path.join(repoRoot, 'apps', 'shell', 'node_modules', 'react', 'package.json'), 'utf8')).version;
    expect(pkg.dependencies.react).toBe(shellReact);
    expect(Object.values(pkg.dependencies).concat(Object.values(pkg.devDependencies)).some((spec) => String(spec).startsWith('workspace:'))).toBe(false);
    const panel = readFileSync(path.join(dir, 'src', 'Panel.tsx'), 'utf8');
    expect(panel).toContain("export const REMOTE_NAME = 'logistics';");
    expect(panel).toContain('export function LogisticsPanel(');
    expect(readFileSync(path.join(dir, 'src', 'messages.ts'), 'utf8')).toContain("title: { 'zh-CN': '物流', 'en-US': 'Logistics' }");
    // The share scope comes from @octopus/contracts, as the shell's does; the contract version is fixed into the manifest.
    const webpackConfig = readFileSync(path.join(dir, 'webpack.config.js'), 'utf8');
    expect(webpackConfig).toContain('SHARED_SINGLETONS');
    expect(webpackConfig).toContain('stats.metaData.octopus = { remote, version: pkg.version, contractVersion }');
    expect(readFileSync(path.join(dir, 'src', 'contract.test.tsx'), 'utf8')).toContain("describeRemoteContract(() => import('./Panel'))");
  });

  it('refuses a name the registry would refuse, a folder inside the repository, and a folder with files', () => {
    expect(() => writeScaffold({ name: 'Logistics!', dir: path.join(work, 'x'), packs })).toThrow(/not a registry name/);
    expect(() => writeScaffold({ name: 'logistics', dir: path.join(repoRoot, 'apps', 'logistics'), packs })).toThrow(/inside the Octopus repository/);
    expect(() => writeScaffold({ name: 'logistics', dir: work, packs })).toThrow(/not empty/);
  });
});
