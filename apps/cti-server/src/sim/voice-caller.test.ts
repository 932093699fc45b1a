import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toneAmplitude } from './voice-caller';

/** A mono 16-bit WAV of the sum of `tones` (Hz → amplitude 0–1) at 8 kHz. */
function wav(tones: Record<number, number>, seconds: number): string {
  const rate = 8000;
  const n = rate * seconds;
  const pcm = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (const [hz, a] of Object.entries(tones)) v += a * Math.sin((2 * Math.PI * Number(hz) * i) / rate);
    pcm.writeInt16LE(Math.round(Math.max(-1, Math.min(1, v)) * 32767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(pcm.length, 40);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'octopus-tone-')), 'mix.wav');
  writeFileSync(file, Buffer.concat([header, pcm]));
  return file;
}

describe('toneAmplitude (who is heard in a mixed recording)', () => {
  it('reads each voice of a mix at its own frequency, and nothing at one absent', () => {
    const file = wav({ 660: 0.3, 880: 0.2 }, 2);
    expect(toneAmplitude(file, 660)).toBeCloseTo(0.3, 1);
    expect(toneAmplitude(file, 880)).toBeCloseTo(0.2, 1);
    expect(toneAmplitude(file, 440)).toBeLessThan(0.01);
    // A stretch past the end is empty.
    expect(toneAmplitude(file, 660, 5, 1)).toBe(0);
  });
});
