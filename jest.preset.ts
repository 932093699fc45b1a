import path from 'node:path';
import type { Config } from 'jest';

export interface JestProjectOptions {
  /** `node` for servers and framework-agnostic cores, `jsdom` for React code. A test file can still opt in with a `@jest-environment` docblock. */
  environment: 'node' | 'jsdom';
}

const swcTransform: Config['transform'] = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', tsx: true },
        transform: { react: { runtime: 'automatic' } },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};

/** One jest project per workspace package; the root jest.config.ts collects them. */
export function defineJestProject(dir: string, options: JestProjectOptions): Config {
  const name = path.basename(dir);
  return {
    displayName: name,
    rootDir: dir,
    testEnvironment: options.environment,
    testMatch: ['<rootDir>/src/**/*.test.ts?(x)', '<rootDir>/scripts/**/*.test.ts'],
    transform: swcTransform,
    moduleNameMapper: { '\\.(css|less|svg|png)$': path.join(__dirname, 'jest.file-stub.ts') },
    setupFilesAfterEnv: [path.join(__dirname, 'jest.setup.ts')],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  };
}
