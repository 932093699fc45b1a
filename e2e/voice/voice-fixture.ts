// The voice suite's stack: the whole product on fresh free ports, with the voice path (Kamailio +
// rtpengine from Debian, docs/adr/0012) in front of its cti-server. Skipped where the packages are absent.
import { test as base } from '@playwright/test';
import { startVoiceStack, type VoiceStack } from '../../scripts/lib/voice-stack';
import { voiceInstalled } from '../../scripts/lib/voice';
import { voiceCallerAvailable } from '../../apps/cti-server/src/sim/voice-caller';

export type { VoiceStack };

export const voiceReady = voiceInstalled() && voiceCallerAvailable();

export const test = base.extend<object, { voiceStack: VoiceStack }>({
  voiceStack: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      const voiceStack = await startVoiceStack(process.env.VOICE_DEBUG ? (line) => console.log(line) : undefined);
      await use(voiceStack);
      await voiceStack.close();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
});

export { expect } from '@playwright/test';
