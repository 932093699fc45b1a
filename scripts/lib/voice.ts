// The voice path's deployment configuration and process control (docs/adr/0012-voice-path.md): renders
// deploy/voice/kamailio.cfg + rtpengine.conf with this deployment's hosts, ports and secrets, starts
// rtpengine then Kamailio in the foreground as children, and stops them. Used by `pnpm voice:start`
// and the voice e2e suite.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { repoRoot } from './workspace';

/** Where Debian puts the engines (`pnpm voice:install`). */
export const VOICE_BINARIES = { kamailio: '/usr/sbin/kamailio', rtpengine: '/usr/bin/rtpengine', baresip: '/usr/bin/baresip' } as const;
const KAMAILIO_MODULES = '/usr/lib/x86_64-linux-gnu/kamailio/modules';

/** True when the Debian voice packages are installed (Kamailio with its WebSocket and HTTP client modules, rtpengine, sox). */
export function voiceInstalled(): boolean {
  return (
    existsSync(VOICE_BINARIES.kamailio) &&
    existsSync(VOICE_BINARIES.rtpengine) &&
    existsSync(path.join(KAMAILIO_MODULES, 'websocket.so')) &&
    existsSync(path.join(KAMAILIO_MODULES, 'http_client.so')) &&
    existsSync('/usr/bin/sox')
  );
}

/** The one deployment configuration of the voice path (every field from `OCTOPUS_VOICE_*`, else the default). */
export interface VoiceConfig {
  /** Address Kamailio and rtpengine listen on (`OCTOPUS_VOICE_BIND_HOST`, default 127.0.0.1). */
  bindHost: string;
  /** Address browsers and callers reach them at (`OCTOPUS_VOICE_PUBLIC_HOST`, default the bind host). */
  publicHost: string;
  /** SIP over UDP for callers and trunks (`OCTOPUS_VOICE_SIP_PORT`, default 5060). */
  sipUdpPort: number;
  /** SIP over WebSocket for agents' browsers (`OCTOPUS_VOICE_WS_PORT`, default 5066). */
  sipWsPort: number;
  /** Kamailio JSON-RPC, loopback only (`OCTOPUS_VOICE_RPC_PORT`, default 5067). */
  rpcPort: number;
  /** rtpengine's control (NG) port, loopback (`OCTOPUS_VOICE_NG_PORT`, default 2223). */
  ngPort: number;
  /** Where rtpengine sends each caller's RFC 4733 key as JSON (`--dtmf-log-dest`) and the cti-server listens, loopback (`OCTOPUS_VOICE_DTMF_PORT`, default 2224). */
  dtmfPort: number;
  /** RTP/SRTP ports, inclusive (`OCTOPUS_VOICE_RTP_PORTS`, default 30000-30999): 4 per call. */
  rtpPorts: [number, number];
  /** SIP domain and digest realm (`OCTOPUS_VOICE_DOMAIN`, default octopus.local). */
  domain: string;
  /** The cti-server Kamailio asks (`OCTOPUS_VOICE_CTI_URL`, default http://127.0.0.1:$CTI_PORT). */
  ctiUrl: string;
  /** Longest an agent's browser rings on the SIP side, ms (`OCTOPUS_VOICE_RING_MS`, default 60000). */
  ringMs: number;
  /** Kamailio's async workers = calls that may wait in the queue at once (`OCTOPUS_VOICE_QUEUE_SLOTS`, default 16). */
  queueSlots: number;
  /** Secrets and rendered files (`OCTOPUS_VOICE_DIR`, default <repo>/.data/voice). */
  dir: string;
}

function num(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535 * 1000) throw new Error(`${name} must be a whole number`);
  return n;
}

export function voiceConfig(env: NodeJS.ProcessEnv = process.env): VoiceConfig {
  const bindHost = env.OCTOPUS_VOICE_BIND_HOST || '127.0.0.1';
  const ports = (env.OCTOPUS_VOICE_RTP_PORTS || '30000-30999').split('-').map(Number);
  if (ports.length !== 2 || !ports.every(Number.isInteger) || ports[0]! >= ports[1]!) throw new Error('OCTOPUS_VOICE_RTP_PORTS must be <min>-<max>');
  const domain = env.OCTOPUS_VOICE_DOMAIN || 'octopus.local';
  if (!/^[a-z0-9.-]{1,100}$/i.test(domain)) throw new Error('OCTOPUS_VOICE_DOMAIN must be a host name');
  return {
    bindHost,
    publicHost: env.OCTOPUS_VOICE_PUBLIC_HOST || bindHost,
    sipUdpPort: num(env, 'OCTOPUS_VOICE_SIP_PORT', 5060),
    sipWsPort: num(env, 'OCTOPUS_VOICE_WS_PORT', 5066),
    rpcPort: num(env, 'OCTOPUS_VOICE_RPC_PORT', 5067),
    ngPort: num(env, 'OCTOPUS_VOICE_NG_PORT', 2223),
    dtmfPort: num(env, 'OCTOPUS_VOICE_DTMF_PORT', 2224),
    rtpPorts: [ports[0]!, ports[1]!],
    domain,
    ctiUrl: (env.OCTOPUS_VOICE_CTI_URL || `http://127.0.0.1:${env.CTI_PORT || 4000}`).replace(/\/+$/, ''),
    ringMs: num(env, 'OCTOPUS_VOICE_RING_MS', 60_000),
    queueSlots: num(env, 'OCTOPUS_VOICE_QUEUE_SLOTS', 16),
    dir: path.resolve(env.OCTOPUS_VOICE_DIR || path.join(repoRoot, '.data', 'voice')),
  };
}

/** Generated once per deployment (mode 0600): the SIP secret agents' passwords derive from, and the ingress token Kamailio presents. */
export interface VoiceSecrets {
  sipSecret: string;
  ingressToken: string;
}

export function voiceSecrets(config: VoiceConfig): VoiceSecrets {
  const file = path.join(config.dir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as VoiceSecrets;
  mkdirSync(config.dir, { recursive: true, mode: 0o700 });
  const secrets = { sipSecret: randomBytes(32).toString('hex'), ingressToken: randomBytes(32).toString('hex') };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

/** Where the running voice path describes itself for `pnpm start` (`.data/voice/state.json`). */
export interface VoiceState {
  pid: number;
  wsUrl: string;
  sipUri: string;
  rpcUrl: string;
  domain: string;
  ctiUrl: string;
}

/** The cti-server's environment for this voice path (CTI_INGRESS_TOKEN and CTI_VOICE_*). */
export function ctiVoiceEnv(config: VoiceConfig, secrets: VoiceSecrets = voiceSecrets(config)): Record<string, string> {
  return {
    CTI_INGRESS_TOKEN: secrets.ingressToken,
    CTI_VOICE_WS_URL: `ws://${config.publicHost}:${config.sipWsPort}`,
    CTI_VOICE_DOMAIN: config.domain,
    CTI_VOICE_RPC_URL: `http://127.0.0.1:${config.rpcPort}/RPC`,
    CTI_VOICE_SIP_SECRET: secrets.sipSecret,
    CTI_VOICE_NG: `127.0.0.1:${config.ngPort}`,
    CTI_VOICE_HOLD_MUSIC: holdMusicFile(config),
    CTI_VOICE_SURVEY_PROMPT: surveyPromptFile(config),
    // The IVR on the media path: rtpengine's DTMF log and the prompts' files (made by the cti-server with sox).
    CTI_VOICE_DTMF: `127.0.0.1:${config.dtmfPort}`,
    CTI_VOICE_PROMPT_DIR: path.join(config.dir, 'run', 'prompts'),
  };
}

/** Where `startVoice` writes the survey's prompt (`<dir>/run/survey-prompt.wav`). */
export function surveyPromptFile(config: VoiceConfig): string {
  return path.join(config.dir, 'run', 'survey-prompt.wav');
}

/**
 * Writes the satisfaction survey's prompt that rtpengine plays to a caller the agent handed to the survey
 * (docs/adr/0017): two 1000 Hz beeps then a rising 1200 Hz one (0.4 s each, 0.2 s apart), 8 kHz mono —
 * a tone, so tests can tell it from the agents' voices and the music on hold. @throws when sox fails.
 */
export function writeSurveyPrompt(file: string): void {
  const beep = (hz: number) => ['synth', '0.4', 'sine', String(hz), 'vol', '0.4', 'pad', '0', '0.2'];
  const r = spawnSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', file, ...beep(1000), ':', ...beep(1000), ':', ...beep(1200)]);
  if (r.status !== 0) throw new Error(`sox could not write the survey prompt: ${r.stderr.toString().slice(0, 200)}`);
}

/** Where `startVoice` writes the music on hold (`<dir>/run/hold-music.wav`). */
export function holdMusicFile(config: VoiceConfig): string {
  return path.join(config.dir, 'run', 'hold-music.wav');
}

/**
 * The music on hold rtpengine plays to a held caller: a 2 s arpeggio (392, 494, 587, 494 Hz; below the
 * e2e agent's 660 Hz so a test can tell them apart), 8 kHz mono 16-bit PCM, made with sox.
 * @throws when sox fails.
 */
export function writeHoldMusic(file: string): void {
  const notes = [392, 494, 587, 494].flatMap((hz, i) => [...(i ? [':'] : []), 'synth', '0.5', 'sine', String(hz), 'vol', '0.4']);
  const r = spawnSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', file, ...notes]);
  if (r.status !== 0) throw new Error(`sox could not write the music on hold: ${r.stderr.toString().slice(0, 200)}`);
}

/** The state `pnpm voice:start` left, when its process still runs. */
export function runningVoice(config: VoiceConfig = voiceConfig()): VoiceState | null {
  const file = path.join(config.dir, 'state.json');
  if (!existsSync(file)) return null;
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as VoiceState;
    process.kill(state.pid, 0);
    return state;
  } catch {
    return null;
  }
}

/** Renders kamailio.cfg: a header of `#!substdef` lines (this deployment's values), then the repo's file. */
export function renderKamailioConfig(config: VoiceConfig, secrets: VoiceSecrets, nonceSecret: string): string {
  const advertise = (port: number) => (config.publicHost !== config.bindHost ? `advertise ${config.publicHost}:${port}` : '');
  const values: Record<string, string> = {
    OCT_LOG_LEVEL: process.env.OCTOPUS_VOICE_DEBUG ? '3' : '1',
    OCT_BIND_HOST: config.bindHost,
    OCT_UDP_PORT: String(config.sipUdpPort),
    OCT_UDP_ADVERTISE: advertise(config.sipUdpPort),
    OCT_WS_PORT: String(config.sipWsPort),
    OCT_WS_ADVERTISE: advertise(config.sipWsPort),
    OCT_RPC_PORT: String(config.rpcPort),
    OCT_RTPENGINE_NG_PORT: String(config.ngPort),
    OCT_DOMAIN: config.domain,
    OCT_CTI_URL: config.ctiUrl,
    OCT_INGRESS_TOKEN: secrets.ingressToken,
    OCT_SIP_SECRET: secrets.sipSecret,
    OCT_NONCE_SECRET: nonceSecret,
    OCT_RING_MS: String(config.ringMs),
    OCT_ASYNC_WORKERS: String(config.queueSlots),
    OCT_POLL_S: '20',
    OCT_MAX_POLLS: '90',
  };
  for (const [name, value] of Object.entries(values)) {
    if (/[!"\n\\]/.test(value)) throw new Error(`voice setting ${name} holds a character Kamailio's config cannot carry`);
  }
  const header = Object.entries(values)
    .map(([name, value]) => `#!substdef "!${name}!${value}!g"`)
    .join('\n');
  const body = readFileSync(path.join(repoRoot, 'deploy', 'voice', 'kamailio.cfg'), 'utf8').replace(/^#!KAMAILIO\n/, '');
  return `#!KAMAILIO\n${header}\n${body}`;
}

/** Resolves once rtpengine answers an NG `ping` on 127.0.0.1:`port`. */
async function waitForRtpengine(port: number, timeoutMs: number): Promise<void> {
  const { createSocket } = await import('node:dgram');
  const socket = createSocket('udp4');
  const until = Date.now() + timeoutMs;
  try {
    await new Promise<void>((resolve, reject) => {
      socket.on('message', (msg) => {
        if (msg.toString().includes('pong')) resolve();
      });
      socket.on('error', () => undefined);
      const ping = () => {
        if (Date.now() > until) return reject(new Error(`rtpengine does not answer on 127.0.0.1:${port} after ${timeoutMs} ms`));
        socket.send('octopus d7:command4:pinge', port, '127.0.0.1');
        timer = setTimeout(ping, 100);
      };
      let timer = setTimeout(ping, 0);
      socket.once('close', () => clearTimeout(timer));
    });
  } finally {
    socket.close();
  }
}

function waitForTcp(host: string, port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, host);
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > until) reject(new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

export interface RunningVoice {
  config: VoiceConfig;
  secrets: VoiceSecrets;
  /** Environment for the cti-server (`ctiVoiceEnv`). */
  ctiEnv: Record<string, string>;
  /** `sip:<host>:<udp port>`: where callers send INVITEs. */
  sipUri: string;
  close(): Promise<void>;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts rtpengine, then Kamailio (both in the foreground, as this process's children; logs to
 * `<dir>/run/*.log` unless `inheritLogs`). Resolves when Kamailio's WebSocket port accepts connections.
 * @throws when the packages are missing or a daemon exits or does not listen within 10 s.
 */
export async function startVoice(config: VoiceConfig, options: { inheritLogs?: boolean; writeState?: boolean } = {}): Promise<RunningVoice> {
  if (!voiceInstalled()) throw new Error('the voice packages are not installed: run `sudo pnpm voice:install` (Debian)');
  const secrets = voiceSecrets(config);
  const run = path.join(config.dir, 'run');
  mkdirSync(run, { recursive: true, mode: 0o700 });
  const kamailioCfg = path.join(run, 'kamailio.cfg');
  writeFileSync(kamailioCfg, renderKamailioConfig(config, secrets, randomBytes(16).toString('hex')), { mode: 0o600 });
  writeHoldMusic(holdMusicFile(config));
  writeSurveyPrompt(surveyPromptFile(config));
  const { openSync } = await import('node:fs');
  const out = (name: string) => (options.inheritLogs ? 'inherit' : openSync(path.join(run, `${name}.log`), 'a'));
  const rtpengine = spawn(
    VOICE_BINARIES.rtpengine,
    [
      `--config-file=${path.join(repoRoot, 'deploy', 'voice', 'rtpengine.conf')}`,
      `--pidfile=${path.join(run, 'rtpengine.pid')}`,
      `--interface=${config.bindHost}${config.publicHost !== config.bindHost ? `!${config.publicHost}` : ''}`,
      `--listen-ng=127.0.0.1:${config.ngPort}`,
      // Each RFC 4733 key a caller sends, as one JSON datagram to the cti-server (the IVR's keys).
      `--dtmf-log-dest=127.0.0.1:${config.dtmfPort}`,
      `--port-min=${config.rtpPorts[0]}`,
      `--port-max=${config.rtpPorts[1]}`,
      '--foreground',
      '--log-stderr',
      '--table=-1',
      ...(process.env.OCTOPUS_VOICE_DEBUG ? ['--log-level=7'] : []),
    ],
    { stdio: ['ignore', out('rtpengine'), out('rtpengine')] },
  );
  const exited = (child: ChildProcess, name: string) => {
    const p = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${name} exited (${code}); see ${run}`))));
    p.catch(() => undefined); // a later, intended exit (close) is no error
    return p;
  };
  const rtpengineExit = exited(rtpengine, 'rtpengine');
  try {
    await Promise.race([waitForRtpengine(config.ngPort, 10_000), rtpengineExit]);
  } catch (error) {
    await stopChild(rtpengine);
    throw error;
  }
  const kamailio = spawn(VOICE_BINARIES.kamailio, ['-f', kamailioCfg, '-DD', '-E', '-P', path.join(run, 'kamailio.pid'), '-Y', run], {
    stdio: ['ignore', out('kamailio'), out('kamailio')],
  });
  const close = async () => {
    await stopChild(kamailio);
    await stopChild(rtpengine);
  };
  try {
    await Promise.race([
      waitForTcp(config.bindHost, config.sipWsPort, 10_000),
      rtpengineExit,
      exited(kamailio, 'kamailio'),
    ]);
  } catch (error) {
    await close();
    throw error;
  }
  const sipUri = `sip:${config.publicHost}:${config.sipUdpPort}`;
  if (options.writeState) {
    const state: VoiceState = { pid: process.pid, wsUrl: `ws://${config.publicHost}:${config.sipWsPort}`, sipUri, rpcUrl: `http://127.0.0.1:${config.rpcPort}/RPC`, domain: config.domain, ctiUrl: config.ctiUrl };
    writeFileSync(path.join(config.dir, 'state.json'), `${JSON.stringify(state, null, 2)}\n`);
  }
  return { config, secrets, ctiEnv: ctiVoiceEnv(config, secrets), sipUri, close };
}
