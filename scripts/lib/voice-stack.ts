// The whole product on fresh free ports with the voice path (Kamailio + rtpengine, docs/adr/0012-voice-path.md)
// in front of its cti-server: what the voice e2e suite and `pnpm bench`'s voice figures run against.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomSecret } from '@octopus/auth';
import { freePort } from './free-port';
import { startStack, type Stack } from './stack';
import { startVoice, voiceConfig, type RunningVoice } from './voice';
import { listWebApps, portEnvName } from './workspace';

export interface VoiceStack {
  stack: Stack;
  voice: RunningVoice;
  shellUrl: string;
  ctiUrl: string;
  /** Kamailio's SIP-over-UDP address (`host:port`), where callers dial. */
  proxy: string;
  /** Calls Kamailio's JSON-RPC (loopback): what registrations and dialogs it still holds. */
  rpc(method: string, params?: unknown[]): Promise<{ result?: unknown; error?: { code: number; message: string } }>;
  close(): Promise<void>;
}

/**
 * Starts rtpengine + Kamailio, then the built apps in test mode (measured test audio: the browser's voice
 * processing off), every port free and fresh. `log` gets the stack's lines (default: dropped).
 * @throws when the voice packages or the build are missing, or a part does not start.
 */
export async function startVoiceStack(log: (line: string) => void = () => undefined): Promise<VoiceStack> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const app of listWebApps({})) env[portEnvName(app.name)] = String(await freePort());
  env.CTI_PORT = String(await freePort());
  env.API_PORT = String(await freePort());
  const rtpBase = 20000 + ((await freePort()) % 20000);
  const config = voiceConfig({
    ...env,
    OCTOPUS_VOICE_DIR: mkdtempSync(path.join(tmpdir(), 'octopus-voice-stack-')),
    OCTOPUS_VOICE_SIP_PORT: String(await freePort()),
    OCTOPUS_VOICE_WS_PORT: String(await freePort()),
    OCTOPUS_VOICE_RPC_PORT: String(await freePort()),
    OCTOPUS_VOICE_NG_PORT: String(await freePort()),
    OCTOPUS_VOICE_DTMF_PORT: String(await freePort()),
    OCTOPUS_VOICE_RTP_PORTS: `${rtpBase}-${rtpBase + 399}`,
  });
  const voice = await startVoice(config);
  let stack: Stack;
  try {
    stack = await startStack({
      dataDir: mkdtempSync(path.join(tmpdir(), 'octopus-voice-stack-data-')),
      deploymentFile: path.join(mkdtempSync(path.join(tmpdir(), 'octopus-voice-stack-deployment-')), 'deployment.json'),
      env: {
        ...env,
        ...voice.ctiEnv,
        // Measured test audio: the browser's voice processing would attenuate the tone (voice-notes pitfall 4).
        CTI_VOICE_AUDIO_PROCESSING: 'off',
        OCTOPUS_MODE: 'test',
        OCTOPUS_TOKEN_SECRET: randomSecret(),
        CTI_RECONNECT_GRACE_MS: '3000',
        CTI_WRAP_UP_MS: '3000',
      },
      log,
    });
  } catch (error) {
    await voice.close();
    throw error;
  }
  const rpc: VoiceStack['rpc'] = async (method, params = []) => {
    const response = await fetch(`http://127.0.0.1:${config.rpcPort}/RPC`, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', method, params, id: 1 }) });
    return (await response.json()) as { result?: unknown; error?: { code: number; message: string } };
  };
  return {
    stack,
    voice,
    shellUrl: stack.urlOf('shell'),
    ctiUrl: `http://127.0.0.1:${env.CTI_PORT}`,
    proxy: `${config.publicHost}:${config.sipUdpPort}`,
    rpc,
    async close() {
      await stack.close();
      await voice.close();
    },
  };
}
