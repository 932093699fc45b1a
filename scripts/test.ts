// `pnpm test`: every check, in the order that fails fastest — typecheck, lint, the layer and cycle rules
// (`pnpm deps`, dependency-cruiser: .dependency-cruiser.cjs), jest, production build,
// Playwright e2e against the running stack — then one closing line with the totals.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/workspace';

const reports = path.join(repoRoot, 'test-results');
mkdirSync(reports, { recursive: true });
const jestReport = path.join(reports, 'jest.json');
const jestPostgresReport = path.join(reports, 'jest-postgres.json');
// With a PostgreSQL server (CI starts one), the data suites run twice: embedded PGlite, then PostgreSQL.
const postgresUrl = process.env.TEST_DATABASE_URL || undefined;
const e2eReport = path.join(reports, 'e2e.json');

interface Step {
  name: string;
  command: string[];
  env?: Record<string, string>;
}

const skipE2e = process.argv.includes('--no-e2e');
const steps: Step[] = [
  { name: 'typecheck', command: ['pnpm', 'typecheck'] },
  { name: 'lint', command: ['pnpm', 'lint'] },
  { name: 'dependency rules', command: ['pnpm', 'deps'] },
  { name: 'jest', command: ['pnpm', 'test:unit', '--json', `--outputFile=${jestReport}`], env: { TEST_DATABASE_URL: '', DATABASE_URL: '' } },
  ...(postgresUrl
    ? [
        {
          name: 'jest (PostgreSQL)',
          command: ['pnpm', 'test:unit', '--selectProjects', 'api', 'db', '--json', `--outputFile=${jestPostgresReport}`],
          env: { TEST_DATABASE_URL: postgresUrl },
        },
      ]
    : []),
  ...(skipE2e
    ? []
    : [
        { name: 'build', command: ['pnpm', 'build'] },
        {
          name: 'e2e',
          command: ['pnpm', 'test:e2e', '--reporter=list,json'],
          env: { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport },
        },
      ]),
];

const timings: string[] = [];
for (const step of steps) {
  const started = Date.now();
  console.log(`\n▶ ${step.name}: ${step.command.join(' ')}`);
  const result = spawnSync(step.command[0]!, step.command.slice(1), {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, ...step.env },
  });
  timings.push(`${step.name} ${((Date.now() - started) / 1000).toFixed(0)}s`);
  if (result.status !== 0) {
    console.error(`\n✗ ${step.name} failed (exit ${result.status ?? result.signal}); timings: ${timings.join(', ')}`);
    process.exit(result.status ?? 1);
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const [label, report] of [
  ['jest', jestReport],
  ['jest (PostgreSQL)', jestPostgresReport],
] as const) {
  if (!existsSync(report) || (report === jestPostgresReport && !postgresUrl)) continue;
  const jest = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number };
  passed += jest.numPassedTests;
  failed += jest.numFailedTests;
  skipped += jest.numPendingTests;
  console.log(`${label}: ${jest.numPassedTests} passed, ${jest.numFailedTests} failed`);
}
if (!skipE2e && existsSync(e2eReport)) {
  const e2e = JSON.parse(readFileSync(e2eReport, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
  console.log(`e2e: ${e2e.stats.expected + e2e.stats.flaky} passed (${e2e.stats.flaky} flaky), ${e2e.stats.unexpected} failed`);
}
console.log(`timings: ${timings.join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
