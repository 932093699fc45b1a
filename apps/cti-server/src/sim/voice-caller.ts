// A caller with a voice (docs/adr/0012-voice-path.md): Debian's baresip places a real SIP call over UDP,
// plays a tone (sox) or a file, and records what it hears (its sndfile module), so tests and
// `pnpm call --voice` can check both directions of the audio.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const BARESIP = '/usr/bin/baresip';
const MODULES = '/usr/lib/baresip/modules';

/** baresip with the modules a headless caller needs, and sox for the tone. */
export function voiceCallerAvailable(): boolean {
  return existsSync(BARESIP) && existsSync(path.join(MODULES, 'sndfile.so')) && existsSync(path.join(MODULES, 'aufile.so')) && existsSync('/usr/bin/sox');
}

export interface VoiceCallOptions {
  /** Kamailio's SIP-over-UDP address, `host:port` (e.g. `127.0.0.1:5060`). */
  proxy: string;
  /** The calling number (the From user), digits. */
  from: string;
  /** The dialled number; `<number>*<keys>` passes IVR keys (e.g. `95555*1`). Default `95555`. */
  to?: string;
  /** Tone the caller plays, Hz (default 440), unless `file` (a WAV) is given. */
  toneHz?: number;
  file?: string;
  /** The caller hangs up after this long, s (default 60). */
  seconds?: number;
  /** Where the recordings go (default a fresh temp folder). */
  dir?: string;
  /** Lines of baresip's output (for the CLI). */
  onLine?: (line: string) => void;
}

export interface VoiceCall {
  /** Folder of the recordings (`dump-*-dec.wav` = what the caller heard, `-enc.wav` = what it sent). */
  dir: string;
  /** Resolves when the call was answered (baresip's "call established"), with epoch ms. */
  established: Promise<number>;
  /** Resolves when the call is over (either side hung up), with baresip's last words about it. */
  closed: Promise<string>;
  /** Epoch ms the INVITE went out (baresip started dialling). */
  startedAt: number;
  /** The audio bitrate the caller receives now, bit/s (baresip's status line; 0 when nothing arrives). */
  rxBitrate(): number;
  /** Hangs up (quits baresip, which sends BYE or CANCEL). */
  hangup(): Promise<void>;
}

/** Writes a mono 16-bit tone of `hz` for `seconds` at `rate` (Hz, default 8000) with sox. */
export function writeTone(file: string, hz: number, seconds: number, volume = 0.5, rate = 8000): void {
  const r = spawnSync('sox', ['-n', '-r', String(rate), '-c', '1', '-b', '16', file, 'synth', String(seconds), 'sine', String(hz), 'vol', String(volume)]);
  if (r.status !== 0) throw new Error(`sox failed: ${r.stderr.toString().slice(0, 200)}`);
}

/** Places the call. @throws when baresip or sox is missing. */
export function placeVoiceCall(options: VoiceCallOptions): VoiceCall {
  if (!voiceCallerAvailable()) throw new Error('baresip/sox are not installed: run `sudo pnpm voice:install` (Debian)');
  if (!/^\+?[0-9]{3,20}$/.test(options.from)) throw new Error('from must be a phone number (digits)');
  const to = options.to ?? '95555';
  if (!/^[0-9+]{1,20}(\*[0-9]{1,8})?$/.test(to)) throw new Error('to must be <number> or <number>*<keys>');
  const [proxyHost, proxyPort] = options.proxy.split(':');
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'octopus-voice-call-'));
  const config = path.join(dir, 'baresip');
  mkdirSync(config, { recursive: true });
  const seconds = options.seconds ?? 60;
  let source = options.file;
  if (!source) {
    source = path.join(dir, `tone-${options.toneHz ?? 440}.wav`);
    writeTone(source, options.toneHz ?? 440, seconds + 5);
  }
  // baresip refuses `net_interface lo`; an address works (voice-notes pitfall 2).
  writeFileSync(
    path.join(config, 'config'),
    [
      'poll_method epoll',
      `sip_listen ${proxyHost}:0`,
      'sip_transports udp',
      `net_interface ${proxyHost}`,
      `audio_source aufile,${source}`,
      // No sound card: play into a bridge nobody reads; sndfile records what arrives before it.
      'audio_player aubridge,octopus',
      'audio_alert aubridge,octopus',
      `module_path ${MODULES}`,
      'module g711.so',
      'module aufile.so',
      'module aubridge.so',
      'module sndfile.so',
      'module_app account.so',
      'module_app menu.so',
      `snd_path ${dir}`,
      'rtp_ports 40000-40999',
      'audio_buffer 20-160',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(config, 'accounts'), `<sip:${options.from}@${proxyHost}>;regint=0;audio_codecs=PCMU;outbound="sip:${options.proxy}"\n`);
  const uri = `sip:${to}@${proxyHost}:${proxyPort}`;
  const startedAt = Date.now();
  const child: ChildProcess = spawn(BARESIP, ['-f', config, '-e', `/dial ${uri}`, '-t', String(seconds)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let onEstablished: (at: number) => void = () => undefined;
  let onClosed: (why: string) => void = () => undefined;
  const established = new Promise<number>((resolve) => (onEstablished = resolve));
  const closed = new Promise<string>((resolve) => (onClosed = resolve));
  let buffer = '';
  let rx = 0;
  const read = (chunk: Buffer) => {
    buffer += chunk.toString();
    // Status lines "[0:00:05] audio=<rx>/<tx> (bit/s)" are redrawn in place (no newline).
    const status = [...buffer.matchAll(/audio=(\d+)\/(\d+) \(bit\/s\)/g)].at(-1);
    if (status) rx = Number(status[1]);
    let i: number;
    while ((i = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, i).trimEnd();
      buffer = buffer.slice(i + 1);
      options.onLine?.(line);
      if (/call established/i.test(line)) onEstablished(Date.now());
      if (/call closed|session closed|terminated/i.test(line)) onClosed(line);
    }
  };
  child.stdout?.on('data', read);
  child.stderr?.on('data', read);
  child.once('exit', () => onClosed('baresip exited'));
  return {
    dir,
    established,
    closed,
    startedAt,
    rxBitrate: () => rx,
    hangup: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** What a recording holds: RMS (0–1 of full scale), the dominant frequency by zero crossings (Hz), its length (s). */
export interface AudioAnalysis {
  rms: number;
  frequencyHz: number;
  seconds: number;
}

/** Analyses a 16-bit PCM WAV (mono or the first channel) from `skipSeconds` on, for `seconds` (default: to the end). */
export function analyseWav(file: string, skipSeconds = 0, seconds = Infinity): AudioAnalysis {
  const data = readFileSync(file);
  let offset = 12;
  let rate = 8000;
  let channels = 1;
  let pcm: Buffer | null = null;
  while (offset + 8 <= data.length) {
    const id = data.toString('ascii', offset, offset + 4);
    const size = data.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      channels = data.readUInt16LE(offset + 10);
      rate = data.readUInt32LE(offset + 12);
    } else if (id === 'data') {
      pcm = data.subarray(offset + 8, Math.min(data.length, offset + 8 + size));
    }
    offset += 8 + size + (size % 2);
  }
  if (!pcm) return { rms: 0, frequencyHz: 0, seconds: 0 };
  const frames = Math.floor(pcm.length / (2 * channels));
  const start = Math.min(frames, Math.floor(skipSeconds * rate));
  const end = Math.min(frames, start + Math.floor(seconds * rate));
  let sum = 0;
  let crossings = 0;
  let previous = 0;
  for (let i = start; i < end; i++) {
    const v = pcm.readInt16LE(i * 2 * channels) / 32768;
    sum += v * v;
    if ((previous < 0 && v >= 0) || (previous >= 0 && v < 0)) crossings++;
    previous = v;
  }
  const n = end - start;
  return n > 0 ? { rms: Math.sqrt(sum / n), frequencyHz: crossings / 2 / (n / rate), seconds: frames / rate } : { rms: 0, frequencyHz: 0, seconds: frames / rate };
}

/**
 * The amplitude of one frequency in a 16-bit PCM WAV (first channel) from `skipSeconds` on, for `seconds`:
 * a Goertzel filter, 0–1 of full scale (a full-scale sine at `hz` reads ≈ 1). Tells apart voices mixed in
 * one recording (a conference: the agents' 660 Hz and 880 Hz fake microphones). 0 for an empty stretch.
 */
export function toneAmplitude(file: string, hz: number, skipSeconds = 0, seconds = Infinity): number {
  const data = readFileSync(file);
  let offset = 12;
  let rate = 8000;
  let channels = 1;
  let pcm: Buffer | null = null;
  while (offset + 8 <= data.length) {
    const id = data.toString('ascii', offset, offset + 4);
    const size = data.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      channels = data.readUInt16LE(offset + 10);
      rate = data.readUInt32LE(offset + 12);
    } else if (id === 'data') pcm = data.subarray(offset + 8, Math.min(data.length, offset + 8 + size));
    offset += 8 + size + (size % 2);
  }
  if (!pcm) return 0;
  const frames = Math.floor(pcm.length / (2 * channels));
  const start = Math.min(frames, Math.floor(skipSeconds * rate));
  const end = Math.min(frames, start + Math.floor(seconds * rate));
  const n = end - start;
  if (n <= 0) return 0;
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / rate);
  let s1 = 0;
  let s2 = 0;
  for (let i = start; i < end; i++) {
    const s0 = pcm.readInt16LE(i * 2 * channels) / 32768 + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
  return (2 * Math.sqrt(Math.max(power, 0))) / n;
}

/**
 * The recordings of what the caller heard (sndfile's `dump-<time>-dec.wav`), oldest first: baresip
 * starts a new one at every re-INVITE (hold, resume), named by the second it started.
 */
export function heardRecordings(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.startsWith('dump-') && f.endsWith('-dec.wav'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The first recording of what the caller heard (until the first re-INVITE), once baresip wrote it. */
export function heardRecording(dir: string): string | null {
  return heardRecordings(dir)[0] ?? null;
}
