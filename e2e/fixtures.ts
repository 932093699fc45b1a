import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { randomSecret } from '@octopus/auth';
import type { RemoteRegistry } from '@octopus/contracts';
import { startStack, type Stack } from '../scripts/lib/stack';
import { defaultRegistry } from '../scripts/lib/workspace';

export interface StackFixture extends Stack {
  /** Replace the registry the shell serves (no rebuild, no restart), as an operator would. */
  writeRegistry(registry: RemoteRegistry): void;
  defaultRegistry(): RemoteRegistry;
  /** The registry file the shell serves (OCTOPUS_REGISTRY of this stack). */
  registryFile: string;
}

/** One running stack per worker (the suite uses one worker): production builds, real servers. */
export const test = base.extend<object, { stack: StackFixture }>({
  stack: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      const registryFile = path.join(mkdtempSync(path.join(tmpdir(), 'octopus-e2e-')), 'registry.json');
      const initial = defaultRegistry({ mode: 'production' });
      writeFileSync(registryFile, JSON.stringify(initial));
      const dataDir = mkdtempSync(path.join(tmpdir(), 'octopus-e2e-data-'));
      // A secret of this run only; support.ts signs the few service tokens the specs need with it.
      const secret = randomSecret();
      process.env.E2E_TOKEN_SECRET = secret;
      const stack = await startStack({
        registrySource: registryFile,
        dataDir,
        // The registry tool acts on this deployment (OCTOPUS_DEPLOYMENT_FILE from global-setup.ts).
        ...(process.env.OCTOPUS_DEPLOYMENT_FILE ? { deploymentFile: process.env.OCTOPUS_DEPLOYMENT_FILE } : {}),
        // Short grace and wrap-up keep agents of one test from being routed calls in the next.
        env: { ...process.env, OCTOPUS_MODE: 'test', OCTOPUS_TOKEN_SECRET: secret, CTI_RECONNECT_GRACE_MS: '3000', CTI_WRAP_UP_MS: '8000' },
        log: () => undefined,
      });
      await use({
        ...stack,
        writeRegistry: (registry) => writeFileSync(registryFile, JSON.stringify(registry)),
        defaultRegistry: () => initial,
        registryFile,
      });
      await stack.close();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
});

export { expect } from '@playwright/test';
