// Before any worker starts: puts the whole stack on free ports (unless E2E_DEFAULT_PORTS=1), so the
// suite runs beside `pnpm start` — and exercises the one deployment configuration off its defaults.
// Workers inherit process.env from here (Playwright passes global setup's environment on).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listWebApps, portEnvName } from '../scripts/lib/workspace';
import { voiceCallerAvailable, writeTone } from '../apps/cti-server/src/sim/voice-caller';
import { FAKE_MICROPHONE, SECOND_MICROPHONE } from './voice/fake-microphone';
import { freePort } from '../scripts/lib/free-port';

// Playwright wants the global setup as the default export.
// eslint-disable-next-line no-restricted-syntax
export default async function globalSetup(): Promise<void> {
  // The voice suite's fake microphone (Chromium reads it at launch; 48 kHz is its capture rate).
  if (voiceCallerAvailable()) {
    writeTone(FAKE_MICROPHONE, 660, 30, 0.5, 48_000);
    writeTone(SECOND_MICROPHONE, 880, 30, 0.5, 48_000);
  }
  if (process.env.E2E_DEFAULT_PORTS === '1') return;
  for (const app of listWebApps({})) {
    const variable = portEnvName(app.name);
    process.env[variable] ??= String(await freePort());
  }
  process.env.CTI_PORT ??= String(await freePort());
  process.env.API_PORT ??= String(await freePort());
  process.env.E2E_CTI_URL ??= `http://127.0.0.1:${process.env.CTI_PORT}`;
  process.env.E2E_API_URL ??= `http://127.0.0.1:${process.env.API_PORT}`;
  process.env.OCTOPUS_DEPLOYMENT_FILE ??= path.join(mkdtempSync(path.join(tmpdir(), 'octopus-e2e-deployment-')), 'deployment.json');
}
