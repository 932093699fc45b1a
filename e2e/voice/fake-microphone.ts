import { tmpdir } from 'node:os';
import path from 'node:path';

/** The voice suite's fake microphone: a 660 Hz tone (global-setup.ts writes it when sox is there; Chromium reads it at launch). */
export const FAKE_MICROPHONE = path.join(tmpdir(), 'octopus-e2e-fake-mic-660.wav');

/** A second agent's fake microphone, 880 Hz: in a transfer or a conference, who hears whom is told by frequency. */
export const SECOND_MICROPHONE = path.join(tmpdir(), 'octopus-e2e-fake-mic-880.wav');

/**
 * Chromium's flags for real audio in tests: fake devices reading `microphone`, loopback ICE, autoplay
 * (voice-notes pitfalls 5, 6). `base` are the suite's usual headless flags.
 */
export function voiceChromiumArgs(base: string[], microphone: string): string[] {
  return [
    ...base,
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${microphone}`,
    '--allow-loopback-in-peer-connection',
    '--autoplay-policy=no-user-gesture-required',
  ];
}
