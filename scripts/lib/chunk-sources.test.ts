import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { forbiddenSources, sourceMapsUnder } from './chunk-sources';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'octopus-chunks-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function map(file: string, sources: string[]): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), JSON.stringify({ version: 3, sources, mappings: '' }));
}

describe('forbiddenSources', () => {
  it("names each chunk that shipped @octopus/telephony's testing entry or its simulated driver", () => {
    map('assets/main.abc.js.map', ['webpack://octopus_shell/./src/index.ts', 'webpack://octopus_shell/../../packages/telephony/src/client.ts']);
    map('assets/412.def.js.map', ['webpack://octopus_shell/../../packages/telephony/src/drivers/simulated.ts', 'webpack://octopus_shell/../../packages/telephony/src/testing/events.ts']);
    map('0.1.0/remoteEntry.js.map', ['webpack://octopus_tickets/../../packages/telephony/src/drivers/cti.ts']);
    expect(forbiddenSources(dir)).toEqual([
      { chunk: 'assets/412.def.js', source: 'webpack://octopus_shell/../../packages/telephony/src/drivers/simulated.ts' },
      { chunk: 'assets/412.def.js', source: 'webpack://octopus_shell/../../packages/telephony/src/testing/events.ts' },
    ]);
  });

  it('finds nothing in a clean build, and nothing where no build is', () => {
    map('assets/main.abc.js.map', ['webpack://octopus_shell/../../packages/telephony/src/drivers/cti.ts', 'webpack://octopus_shell/../../packages/remote-kit/src/testing-free.ts']);
    expect(forbiddenSources(dir)).toEqual([]);
    expect(sourceMapsUnder(path.join(dir, 'missing'))).toEqual([]);
  });
});
