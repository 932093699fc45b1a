import { tmpdir } from 'node:os';
import path from 'node:path';

/** The voice suite's fake microphone: a 660 Hz tone (global-setup.ts writes it when sox is there; Chromium reads it at launch). */
export const FAKE_MICROPHONE = path.join(tmpdir(), 'octopus-e2e-fake-mic-660.wav');
