import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SHARED_SUBPATH_MODULES } from '@octopus/contracts';

// A shared module cannot be tree-shaken (docs/adr/0003): every antd component antd.ts re-exports is in
// the login JavaScript. This keeps the list to what some app, remote or package actually imports.
const repoRoot = path.resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) files.push(...sources(full));
    else if (/\.tsx?$/.test(entry)) files.push(full);
  }
  return files;
}

function valueExportsOfAntdFile(): string[] {
  const text = readFileSync(path.join(__dirname, 'antd.ts'), 'utf8');
  const block = /export \{([^}]*)\} from 'antd'/.exec(text);
  if (!block) throw new Error('antd.ts has no `export { … } from "antd"`');
  return block[1]!
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

function importedFromUi(): Set<string> {
  const names = new Set<string>();
  const roots = ['apps', 'packages'].map((folder) => path.join(repoRoot, folder));
  for (const file of roots.flatMap((root) => sources(root))) {
    const text = readFileSync(file, 'utf8');
    const own = file.startsWith(path.join(repoRoot, 'packages', 'ui', 'src'));
    if (own && !file.endsWith('antd.ts') && !file.endsWith('.test.ts')) {
      // @octopus/ui's own modules import antd's names directly from './antd'.
      for (const match of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*'\.\/antd'/g)) {
        for (const name of match[1]!.split(',')) names.add(name.replace(/\btype\b/, '').split(' as ')[0]!.trim());
      }
      continue;
    }
    for (const match of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*'@octopus\/ui'/g)) {
      for (const name of match[1]!.split(',')) names.add(name.replace(/\btype\b/, '').split(' as ')[0]!.trim());
    }
  }
  return names;
}

describe('@octopus/ui antd re-exports', () => {
  it('re-exports no antd component that nothing imports (each one ships at login)', () => {
    const used = importedFromUi();
    expect(valueExportsOfAntdFile().filter((name) => !used.has(name))).toEqual([]);
  });
});

describe('@octopus/ui shared subpath modules', () => {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as {
    exports: Record<string, string>;
    publishConfig: { exports: Record<string, unknown> };
  };

  it('exports every key of SHARED_SUBPATH_MODULES, in the workspace and in the packed package', () => {
    for (const key of SHARED_SUBPATH_MODULES.filter((candidate) => candidate.startsWith('@octopus/ui/'))) {
      const subpath = `./${key.slice('@octopus/ui/'.length)}`;
      expect(pkg.exports[subpath]).toBeDefined();
      expect(pkg.publishConfig.exports[subpath]).toBeDefined();
    }
  });

  it('keeps their components out of the login entry (antd.ts), where they would ship at login again', () => {
    const root = new Set(valueExportsOfAntdFile());
    for (const key of SHARED_SUBPATH_MODULES.filter((candidate) => candidate.startsWith('@octopus/ui/'))) {
      const file = readFileSync(path.join(__dirname, `${key.slice('@octopus/ui/'.length)}.ts`), 'utf8');
      const names = /export \{([^}]*)\} from 'antd'/.exec(file)![1]!.split(',').map((name) => name.trim());
      for (const name of names) expect(root.has(name)).toBe(false);
    }
  });
});
