import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './workspace';

// Issue 10 point 5: no exported name with two meanings. Every exported name is declared in one file of the
// tree, but for the names below, which mean the same thing wherever they stand.

/** Names declared in several places on purpose, each with the one meaning given here. */
const SAME_MEANING: Record<string, string> = {
  remote: "a remote's definition (`defineRemote`), the export name the remote contract asks every remote for",
  messages: "a remote's own string table",
  bindCustomer: 'the protocol command `bindCustomer`: sent by the shell, performed by the engine',
};

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

  it('each exported name is declared in one file of the tree', () => {
    const byName = new Map<string, string[]>();
    for (const { name, file } of all) byName.set(name, [...(byName.get(name) ?? []), file]);
    const twice = [...byName]
      .filter(([name, files]) => !(name in SAME_MEANING) && new Set(files).size > 1)
      .map(([name, files]) => `${name}: ${[...new Set(files)].join(', ')}`);
    expect(twice).toEqual([]);
  });
});
