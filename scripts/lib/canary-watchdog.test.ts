import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RemoteLoadSummary } from '@octopus/contracts';
import { startCanaryWatchdog } from './canary-watchdog';
import { readHistory, registryStore } from './registry-store';

const stable = { entry: 'http://localhost:3001/0.1.0/mf-manifest.json', version: '0.1.0' };
const canary = { entry: 'http://localhost:3001/0.2.0/mf-manifest.json', version: '0.2.0', groups: ['aftersale'], startedAt: new Date().toISOString() };
const row = (loads: number, failures: number, track: 'canary' | 'stable' = 'canary', version = '0.2.0') => ({ remote: 'tickets', version, track, loads, failures, successRate: (loads - failures) / loads, p95Ms: 100 });

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'octopus-watchdog-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setup(rows: RemoteLoadSummary['rows'], extra: Record<string, unknown> = {}) {
  const file = path.join(dir, 'registry.json');
  writeFileSync(file, JSON.stringify({ remotes: { tickets: { ...stable, canary: { ...canary, ...extra } }, orders: stable } }));
  const lines: string[] = [];
  const watchdog = startCanaryWatchdog({ store: registryStore(file, () => ({ remotes: {} })), summary: async (windowMinutes) => ({ windowMinutes, rows }), intervalMs: 60_000, log: (line) => lines.push(line) });
  return { file, watchdog, lines, store: registryStore(file, () => ({ remotes: {} })) };
}

describe('the canary watchdog', () => {
  it('rolls back a canary whose failure rate passes the threshold, touching nothing else', async () => {
    const { file, watchdog, lines, store } = setup([row(10, 4), row(100, 0, 'stable', '0.1.0')]);
    expect(await watchdog.check()).toEqual(['tickets']);
    const registry = JSON.parse(readFileSync(file, 'utf8'));
    expect(registry.remotes.tickets).toEqual(stable);
    expect(registry.remotes.orders).toEqual(stable);
    expect(lines[0]).toMatch(/canary tickets 0\.2\.0 rolled back automatically: 4\/10 loads failed \(40% > 20%\)/);
    expect(readHistory(store, 'tickets').map((item) => item.action)).toEqual(['auto-abort']);
    watchdog.stop();
  });

  it('leaves a healthy canary, one with too few loads, and honours its own threshold', async () => {
    for (const [rows, extra] of [
      [[row(20, 1)], {}],
      [[row(3, 3)], {}],
      [[row(10, 4)], { maxFailureRate: 0.5 }],
    ] as const) {
      const { watchdog } = setup([...rows], extra);
      expect(await watchdog.check()).toEqual([]);
      watchdog.stop();
    }
  });
});
