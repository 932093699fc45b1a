/* global module */
// Layer and cycle rules of the monorepo (ADR 0011), checked by `pnpm deps` (a step of `pnpm test`).
// Layers, top to bottom: apps (one deployable each) → packages → @octopus/contracts (schemas only).
// Test code (jest suites, `testing/` folders — @octopus/telephony's `testing` entry with its event
// builders among them —, the simulated telephony driver, the e2e and scripts harnesses) never reaches
// production code. `pnpm size` checks the same in the built chunks' source maps.

/** The simulated telephony driver: a test double, exported only by `@octopus/telephony/testing`. */
const SIMULATED_DRIVER = '^packages/telephony/src/drivers/simulated\\.ts$';
/** Files that only tests, harnesses and tools load. */
const TEST_CODE = `(\\.test\\.|\\.spec\\.|/testing/|/__tests__/|/test-utils\\.|^e2e/|${SIMULATED_DRIVER}|/jest\\.|^jest\\.)`;
/** Production sources: apps and packages, less their tests, benches and tools. */
const PRODUCTION = '^(apps|packages)/[^/]+/src/';
const NOT_PRODUCTION = `${TEST_CODE}|/bench/|/cli/|/seed/|/scripts/|\\.stories\\.`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles: a cycle makes the load order decide behaviour and blocks splitting a module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'packages-not-to-apps',
      severity: 'error',
      comment:
        "Packages are the lower layer: their code never imports an app, and their tests do not start one (a client-against-server check lives in the app's tests).",
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-not-to-other-apps',
      severity: 'error',
      comment: 'An app imports packages, never another app (share through a package or @octopus/contracts).',
      from: { path: '^apps/([^/]+)/', pathNot: TEST_CODE },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'app-tests-not-to-other-apps',
      // A warning: the shell's i18n suite reads the remotes' tables to check both locales have every key.
      severity: 'warn',
      comment: "An app's tests import their own app and packages.",
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'contracts-at-the-bottom',
      severity: 'error',
      comment: '@octopus/contracts imports no workspace package or app: everything may depend on it, it on nothing of ours.',
      from: { path: '^packages/contracts/' },
      to: { path: '^(apps|packages)/', pathNot: '^packages/contracts/' },
    },
    {
      name: 'no-test-code-in-production',
      severity: 'error',
      comment: 'Production code never imports tests, `testing/` helpers or test event builders: they would ship in bundles.',
      from: { path: PRODUCTION, pathNot: NOT_PRODUCTION },
      to: { path: TEST_CODE },
    },
    {
      name: 'shell-composition-root-on-top',
      severity: 'error',
      comment: "The shell's composition root (`src/app/`) wires the features; no feature imports it back (only the entry and tests do).",
      from: { path: '^apps/shell/src/', pathNot: ['^apps/shell/src/app/', '^apps/shell/src/bootstrap\\.tsx$', TEST_CODE] },
      to: { path: '^apps/shell/src/app/' },
    },
    {
      name: 'hook-file-name',
      severity: 'error',
      comment: 'One hook file convention: a hook lives in a file named after it (`useTickets.ts`), never `use-tickets.ts`.',
      from: {},
      to: { path: '(^|/)use-[a-z][a-z0-9-]*\\.tsx?$' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves (a typo or a missing dependency).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|coverage|\\.octopus|test-results|playwright-report)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    // Workspace packages resolve through their package.json `exports` to their sources.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    moduleSystems: ['es6', 'cjs'],
    combinedDependencies: false,
    preserveSymlinks: false,
  },
};
