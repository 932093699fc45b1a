// The voice suite's stack: the whole product on fresh free ports, with the voice path (Kamailio +
// rtpengine from Debian, docs/adr/0011) in front of its cti-server. Skipped where the packages are absent.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { randomSecret } from '@octopus/auth';
import { startStack, type Stack } from '../../scripts/lib/stack';
import { startVoice, voiceConfig, voiceInstalled, type RunningVoice } from '../../scripts/lib/voice';
import { listWebApps, portEnvName } from '../../scripts/lib/workspace';
import { voiceCallerAvailable } from '../../apps/cti-server/src/sim/voice-caller';
import { freePort } from '../../scripts/lib/free-port';

export interface VoiceStack {
  stack: Stack;
  voice: RunningVoice;
  shellUrl: string;
  ctiUrl: string;
  /** Kamailio's SIP-over-UDP address (`host:port`), where callers dial. */
  proxy: string;
  /** Calls Kamailio's JSON-RPC (loopback): what registrations and dialogs it still holds. */
  rpc(method: string, params?: unknown[]): Promise<{ result?: unknown; error?: { code: number; message: string } }>;
}

export const voiceReady = voiceInstalled() && voiceCallerAvailable();

export const test = base.extend<object, { voiceStack: VoiceStack }>({
  voiceStack: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      const env: NodeJS.ProcessEnv = { ...process.env };
      for (const app of listWebApps({})) env[portEnvName(app.name)] = String(await freePort());
      env.CTI_PORT = String(await freePort());
      env.API_PORT = String(await freePort());
      const rtpBase = 20000 + ((await freePort()) % 20000);
      const config = voiceConfig({
        ...env,
        OCTOPUS_VOICE_DIR: mkdtempSync(path.join(tmpdir(), 'octopus-e2e-voice-')),
        OCTOPUS_VOICE_SIP_PORT: String(await freePort()),
        OCTOPUS_VOICE_WS_PORT: String(await freePort()),
        OCTOPUS_VOICE_RPC_PORT: String(await freePort()),
        OCTOPUS_VOICE_NG_PORT: String(await freePort()),
        OCTOPUS_VOICE_RTP_PORTS: `${rtpBase}-${rtpBase + 199}`,
      });
      const voice = await startVoice(config);
      const secret = randomSecret();
      const stack = await startStack({
        dataDir: mkdtempSync(path.join(tmpdir(), 'octopus-e2e-voice-data-')),
        deploymentFile: path.join(mkdtempSync(path.join(tmpdir(), 'octopus-e2e-voice-deployment-')), 'deployment.json'),
        env: {
          ...env,
          ...voice.ctiEnv,
          // Measured test audio: the browser's voice processing would attenuate the tone (voice-notes pitfall 4).
          CTI_VOICE_AUDIO_PROCESSING: 'off',
          OCTOPUS_MODE: 'test',
          OCTOPUS_TOKEN_SECRET: secret,
          CTI_RECONNECT_GRACE_MS: '3000',
          CTI_WRAP_UP_MS: '3000',
        },
        log: () => undefined,
      });
      const rpc: VoiceStack['rpc'] = async (method, params = []) => {
        const response = await fetch(`http://127.0.0.1:${config.rpcPort}/RPC`, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', method, params, id: 1 }) });
        return (await response.json()) as { result?: unknown; error?: { code: number; message: string } };
      };
      await use({ stack, voice, shellUrl: stack.urlOf('shell'), ctiUrl: `http://127.0.0.1:${env.CTI_PORT}`, proxy: `${config.publicHost}:${config.sipUdpPort}`, rpc });
      await stack.close();
      await voice.close();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
});

export { expect } from '@playwright/test';
