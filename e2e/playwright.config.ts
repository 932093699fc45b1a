import { defineConfig } from '@playwright/test';
import { FAKE_MICROPHONE, voiceChromiumArgs } from './voice/fake-microphone';

// Debian's Chromium, never a downloaded browser. The flags keep it off the (closed) network.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export default defineConfig({
  testDir: '.',
  // One stack, on free ports (global-setup.ts; E2E_DEFAULT_PORTS=1 for the defaults): tests run one at a time.
  globalSetup: './global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: '../test-results/e2e',
  // Baselines are named without the project: only the main project takes screenshots.
  snapshotPathTemplate: '{snapshotDir}/{testFileDir}/{testFileName}-snapshots/{arg}{-snapshotSuffix}{ext}',
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
  },
  projects: [
    { name: 'main', testMatch: '**/*.spec.ts', testIgnore: '**/voice/**' },
    {
      // Real audio through Kamailio + rtpengine (docs/adr/0012): fake media devices, a 660 Hz fake
      // microphone (global-setup.ts writes it), loopback ICE (voice-notes pitfalls 5, 6).
      name: 'voice',
      testMatch: '**/voice/*.spec.ts',
      use: {
        launchOptions: {
          executablePath: chromiumPath,
          args: voiceChromiumArgs(chromiumArgs, FAKE_MICROPHONE),
        },
      },
    },
  ],
});
