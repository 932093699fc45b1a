import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES_FILE, renderApiFixtures, startFixtureApi } from '../testing/api-fixtures';
import { processIo, type CliIo } from './common';

const USAGE = 'usage: pnpm fixtures [--check]   (writes the remotes\' api fixtures from the seeded api; --check: exit 1 if the file is stale)';

/**
 * `pnpm fixtures`: starts a test api on the fixture world (seed 20261121, see api-fixtures.ts), reads every
 * fixture from it and writes packages/api-client/src/testing/fixtures.generated.json. With `--check` it
 * writes nothing and exits 1 when the checked-in file differs from what the api answers.
 * @returns the exit code: 0 written or current, 1 stale (--check), 2 usage.
 */
export async function fixturesCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const check = argv[0] === '--check';
  if (argv.length > (check ? 1 : 0)) {
    io.err(USAGE);
    return 2;
  }
  const api = await startFixtureApi();
  let text: string;
  try {
    text = await renderApiFixtures(api);
  } finally {
    await api.close();
  }
  const relative = path.relative(process.cwd(), FIXTURES_FILE);
  if (check) {
    const current = readFileSync(FIXTURES_FILE, 'utf8');
    if (current === text) return 0;
    io.err(`${relative} is stale: run pnpm fixtures`);
    return 1;
  }
  writeFileSync(FIXTURES_FILE, text);
  io.out(`wrote ${relative}`);
  return 0;
}

if (require.main === module) {
  fixturesCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`fixtures: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    },
  );
}
