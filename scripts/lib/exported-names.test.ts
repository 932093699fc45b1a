import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './workspace';

// Issue 10 point 5: no exported name with two meanings. A name a package exports is declared once in the
// whole tree (apps included); apps are separate teams' codebases, so two apps may each have, say, their own
// `messages` table or `remote` definition, but never a name that a package already gives a meaning to.

const DECLARATION = /^export (?:declare )?(?:abstract )?(?:const|let|function|async function|class|interface|type|enum) ([A-Za-z_$][\w$]*)/gm;

function declarations(): Array<{ name: string; file: string }> {
  const files = execFileSync('git', ['ls-files', 'apps/*/src/**', 'packages/*/src/**'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\n')
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$|\.d\.ts$|\/testing\/|test-utils|test-helpers/.test(file));
  return files.flatMap((file) => [...readFileSync(path.join(repoRoot, file), 'utf8').matchAll(DECLARATION)].map((match) => ({ name: match[1]!, file })));
}

describe('exported names', () => {
  const all = declarations();

  it('are found (the check is not vacuous)', () => {
    expect(all.filter((d) => d.file.startsWith('packages/')).length).toBeGreaterThan(300);
  });

  it('each name a package exports is declared in one file of the tree', () => {
    const byName = new Map<string, string[]>();
    for (const { name, file } of all) byName.set(name, [...(byName.get(name) ?? []), file]);
    const twice = [...byName]
      .filter(([, files]) => files.some((file) => file.startsWith('packages/')) && new Set(files).size > 1)
      .map(([name, files]) => `${name}: ${[...new Set(files)].join(', ')}`);
    expect(twice).toEqual([]);
  });
});
