import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './workspace';

// The layer and cycle rules of `.dependency-cruiser.cjs` (run by `pnpm deps`, a step of `pnpm test`)
// on a small tree that breaks each of them once, and on a tree that keeps them: each rule can fail.

jest.setTimeout(60_000);

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function tree(files: Record<string, string>): void {
  dir = mkdtempSync(path.join(tmpdir(), 'octopus-deps-'));
  writeFileSync(path.join(dir, 'tsconfig.base.json'), '{ "compilerOptions": { "module": "esnext", "moduleResolution": "bundler" } }');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
}

function cruise(): { errors: string[]; warnings: string[] } {
  const bin = path.join(repoRoot, 'node_modules', '.bin', 'depcruise');
  const result = spawnSync(bin, ['apps', 'packages', '--config', path.join(repoRoot, '.dependency-cruiser.cjs'), '--output-type', 'json'], { cwd: dir, encoding: 'utf8' });
  const report = JSON.parse(result.stdout) as { summary: { violations: { rule: { name: string; severity: string }; from: string; to: string }[] } };
  const names = (severity: string) => report.summary.violations.filter((v) => v.rule.severity === severity).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
  return { errors: names('error'), warnings: names('warn') };
}

describe('dependency rules', () => {
  it('refuse cycles, packages importing apps, apps importing apps, contracts importing packages, and test code in production', () => {
    tree({
      'packages/contracts/src/index.ts': "import { ui } from '../../ui/src/index';\nexport const c = ui;\n",
      'packages/ui/src/index.ts': "import { main } from '../../../apps/shell/src/main';\nexport const ui = main;\n",
      'apps/shell/src/main.ts': "import { panel } from '../../tickets/src/panel';\nimport { fake } from './testing/fake';\nimport { a } from './a';\nexport const main = [panel, fake, a];\n",
      'apps/shell/src/testing/fake.ts': 'export const fake = 1;\n',
      'apps/shell/src/a.ts': "import { b } from './b';\nexport const a = b;\n",
      'apps/shell/src/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
      'apps/tickets/src/panel.ts': 'export const panel = 1;\n',
      'apps/tickets/src/hooks/use-tickets.ts': 'export const useTickets = () => 1;\n',
      'apps/tickets/src/list.ts': "import { useTickets } from './hooks/use-tickets';\nexport const list = useTickets;\n",
      'apps/shell/src/app/messages.ts': 'export const shellMessages = {};\n',
      'apps/shell/src/phone/PhoneBar.ts': "import { shellMessages } from '../app/messages';\nexport const bar = shellMessages;\n",
    });
    const { errors } = cruise();
    expect(errors).toEqual(
      expect.arrayContaining([
        'contracts-at-the-bottom: packages/contracts/src/index.ts → packages/ui/src/index.ts',
        'packages-not-to-apps: packages/ui/src/index.ts → apps/shell/src/main.ts',
        'apps-not-to-other-apps: apps/shell/src/main.ts → apps/tickets/src/panel.ts',
        'no-test-code-in-production: apps/shell/src/main.ts → apps/shell/src/testing/fake.ts',
        'hook-file-name: apps/tickets/src/list.ts → apps/tickets/src/hooks/use-tickets.ts',
        'shell-composition-root-on-top: apps/shell/src/phone/PhoneBar.ts → apps/shell/src/app/messages.ts',
      ]),
    );
    expect(errors.filter((e) => e.startsWith('no-circular:')).length).toBeGreaterThan(0);
  });

  it('pass a tree that keeps them (apps → packages → contracts; tests may use testing/ helpers)', () => {
    tree({
      'packages/contracts/src/index.ts': 'export const c = 1;\n',
      'packages/ui/src/index.ts': "import { c } from '../../contracts/src/index';\nexport const ui = c;\n",
      'apps/shell/src/main.ts': "import { ui } from '../../../packages/ui/src/index';\nexport const main = ui;\n",
      'apps/shell/src/testing/fake.ts': 'export const fake = 1;\n',
      'apps/shell/src/main.test.ts': "import { fake } from './testing/fake';\nimport { main } from './main';\nexport const t = [fake, main];\n",
      'apps/shell/src/useThing.ts': 'export const useThing = () => 1;\n',
      'apps/shell/src/thing.ts': "import { useThing } from './useThing';\nexport const thing = useThing;\n",
    });
    expect(cruise()).toEqual({ errors: [], warnings: [] });
  });

  it("refuse production code importing @octopus/telephony's simulated driver, and a package test starting an app", () => {
    tree({
      'packages/telephony/src/drivers/simulated.ts': "import { callView } from '../testing/events';\nexport const sim = callView;\n",
      'packages/telephony/src/testing/events.ts': 'export const callView = 1;\n',
      'packages/telephony/src/testing/index.ts': "export { sim } from '../drivers/simulated';\n",
      'packages/telephony/src/client.test.ts': "import { server } from '../../../apps/cti-server/src/server';\nexport const t = server;\n",
      'apps/cti-server/src/server.ts': 'export const server = 1;\n',
      'apps/shell/src/main.ts': "import { sim } from '../../../packages/telephony/src/drivers/simulated';\nexport const main = sim;\n",
    });
    expect(cruise().errors).toEqual([
      'no-test-code-in-production: apps/shell/src/main.ts → packages/telephony/src/drivers/simulated.ts',
      'packages-not-to-apps: packages/telephony/src/client.test.ts → apps/cti-server/src/server.ts',
    ]);
  });
});
