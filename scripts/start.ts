// `pnpm start` (after `pnpm build`): serves the whole product from production builds on the default ports.
import { deploymentFile } from './lib/deployment';
import { startStack } from './lib/stack';
import { ctiVoiceEnv, runningVoice, voiceConfig } from './lib/voice';

async function main(): Promise<void> {
  // With `pnpm voice:start` running (Kamailio + rtpengine, docs/adr/0011), the cti-server gets voice;
  // without it everything works as before, without audio, and the workbench says voice is off.
  const voiceSettings = voiceConfig();
  const voice = runningVoice(voiceSettings);
  const env = voice ? { ...process.env, ...ctiVoiceEnv(voiceSettings) } : process.env;
  const stack = await startStack({ withServices: true, deploymentFile: deploymentFile(), env });
  console.log(`\nOctopus is up: open ${stack.urlOf('shell')}  (English: ${stack.urlOf('shell')}/?lng=en-US)`);
  console.log('Demo agents 1001–1008, password "octopus". Place a call: pnpm call --from 13800138000. Ctrl+C stops everything.');
  console.log(
    voice
      ? `Voice is on: agents register at ${voice.wsUrl}; place a real call with \`pnpm call --voice\`.`
      : 'Voice is off (calls without audio): `sudo pnpm voice:install`, then `pnpm voice:start` before `pnpm start`.',
  );
  const stop = () => {
    void stack.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
