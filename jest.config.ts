/** @jest-config-loader esbuild-register */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Config } from 'jest';

// Each workspace package owns its jest.config.ts (built with jest.preset.ts); this file only collects them,
// and the scripts' own (the Node helpers behind `pnpm start`).
const projects = [
  ...['apps', 'packages'].flatMap((group) =>
    readdirSync(path.join(__dirname, group))
      .map((name) => path.join(__dirname, group, name, 'jest.config.ts'))
      .filter((file) => existsSync(file)),
  ),
  path.join(__dirname, 'scripts', 'jest.config.ts'),
];

const config: Config = { projects, maxWorkers: 2 };

export default config;
