// The interactive IVR on the media path (docs/adr/0012-voice-path.md, "The IVR on the media path"): a voice
// caller who dialled the plain hotline number hears the IVR session's prompts (ivr13's engine,
// engine/ivr-session.ts) played by rtpengine into its leg as early media, and its RFC 4733 key events,
// reported by rtpengine as JSON datagrams (`--dtmf-log-dest`), are the session's keys.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { IvrPrompt } from '@octopus/contracts';
import type { CallIngress, IngressEvent } from '../ingress/ingress';
import { ngCommand, type BencodeValue } from './rtpengine';

/** One key the caller pressed, as rtpengine reported it. */
export interface DtmfEvent {
  /** The SIP Call-ID of the caller's INVITE. */
  sipCallId: string;
  /** The tag of the party that sent the key (only the caller's counts). */
  sourceTag: string;
  /** `0`–`9`, `*`, `#`, `A`–`D`. */
  digit: string;
}

/** RFC 4733 event codes 0–15 as keys. */
const DIGITS = '0123456789*#ABCD';

/**
 * Parses one datagram rtpengine sends to `--dtmf-log-dest` when an RFC 4733 event ends, e.g.
 * `{"callid":"c1","source_tag":"ft","tags":["ivr-1","ft"],"type":"DTMF","timestamp":…,"event":1,…}`.
 * Returns null for anything else (malformed JSON, another `type`, an event outside 0–15).
 */
export function parseDtmfEvent(datagram: Buffer | string): DtmfEvent | null {
  let body: unknown;
  try {
    body = JSON.parse(datagram.toString());
  } catch {
    return null;
  }
  if (!body || typeof body !== 'object') return null;
  const { callid, source_tag: sourceTag, type, event } = body as Record<string, unknown>;
  if (type !== undefined && type !== 'DTMF') return null;
  if (typeof callid !== 'string' || !callid || typeof sourceTag !== 'string' || !sourceTag) return null;
  if (typeof event !== 'number' || !Number.isInteger(event) || event < 0 || event > 15) return null;
  return { sipCallId: callid, sourceTag, digit: DIGITS[event]! };
}

/** rtpengine's flags towards the plain SIP caller (voice-notes pitfall 8): no ICE, no DTLS, RTP/AVP, rtcp-mux demuxed. */
const PLAIN_RTP = { ICE: 'remove', DTLS: 'off', 'transport-protocol': 'RTP/AVP', 'rtcp-mux': ['demux'], replace: ['origin', 'session-connection'] } as const;

/** The to-tag of the IVR's side of a call in rtpengine (the agent's browser answers later with its own). */
export function ivrTag(callId: string): string {
  return `ivr-${callId}`;
}

/**
 * The IVR's side of the call in SDP: PCMU and telephone-event at the discard port of loopback. rtpengine
 * forwards the caller's audio there (nothing listens) while the prompts are played to the caller.
 */
export function ivrAnswerSdp(): string {
  return ['v=0', 'o=octopus-ivr 1 1 IN IP4 127.0.0.1', 's=octopus ivr', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 9 RTP/AVP 0 101', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-15', 'a=sendrecv', ''].join('\r\n');
}

/** The caller's leg of a call in rtpengine: its SIP Call-ID and the caller's (from-) tag. */
export interface CallerLeg {
  sipCallId: string;
  fromTag: string;
}

/**
 * The NG commands that answer the caller's INVITE into the IVR (the SDP of its `183 Session Progress`):
 * an `offer` with the caller's SDP, then an `answer` from the IVR's side (`ivrAnswerSdp`, to-tag `ivrTag`).
 * The same rtpengine call later carries the agent: Kamailio's offer towards the browser keeps the caller's port.
 */
export function earlyMediaCommands(leg: CallerLeg, callId: string, callerSdp: string): [Record<string, BencodeValue>, Record<string, BencodeValue>] {
  const base = { 'call-id': leg.sipCallId, 'from-tag': leg.fromTag, ...PLAIN_RTP, replace: [...PLAIN_RTP.replace], 'rtcp-mux': [...PLAIN_RTP['rtcp-mux']] };
  return [
    { command: 'offer', ...base, sdp: callerSdp },
    { command: 'answer', ...base, 'to-tag': ivrTag(callId), sdp: ivrAnswerSdp() },
  ];
}

/** `play media` of `file` towards the caller (rtpengine plays to the party whose tag it is given), once. */
export function playPromptCommand(leg: CallerLeg, file: string): Record<string, BencodeValue> {
  return { command: 'play media', 'call-id': leg.sipCallId, 'from-tag': leg.fromTag, file };
}

/** `stop media` towards the caller (the prompt being played, if any). */
export function stopPromptCommand(leg: CallerLeg): Record<string, BencodeValue> {
  return { command: 'stop media', 'call-id': leg.sipCallId, 'from-tag': leg.fromTag };
}

/** Turns a prompt into a WAV file rtpengine can play. */
export interface PromptFiles {
  /** The file for `prompt` (made on first use, then cached). @throws when it cannot be made. */
  fileFor(prompt: IvrPrompt): Promise<string>;
}

/**
 * A sox tone pattern standing for a prompt's text (no speech synthesiser in Debian's voice packages here):
 * one 0.25 s beep per started 20 characters of the zh-CN text (at most 6), each at a frequency from the
 * text's hash (500–1100 Hz in 50 Hz steps), so each node's prompt sounds different and a test can tell them
 * apart; 8 kHz mono 16-bit, like the hold music.
 */
export function toneArguments(text: string, file: string): string[] {
  const hash = createHash('sha256').update(text).digest();
  const hz = 500 + (hash[0]! % 13) * 50;
  const beeps = Math.min(6, Math.max(1, Math.ceil([...text].length / 20)));
  const beep = ['synth', '0.25', 'sine', String(hz), 'vol', '0.4', 'pad', '0', '0.15'];
  return ['-n', '-r', '8000', '-c', '1', '-b', '16', file, ...beep, ...Array.from({ length: beeps - 1 }, () => [':', ...beep]).flat()];
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited ${code}: ${stderr.slice(0, 200)}`))));
  });
}

/**
 * Prompt files in `dir`, named by the hash of the text, made on first use: speech with espeak-ng (Mandarin)
 * when it is installed, else `toneArguments`' beeps with sox (`pnpm voice:install` installs sox).
 * A tree edited in the designer gets its new prompts on their first call.
 */
export function promptFiles(dir: string, tools: { espeak?: string | null; sox?: string } = {}): PromptFiles {
  const espeak = tools.espeak === undefined ? (existsSync('/usr/bin/espeak-ng') ? '/usr/bin/espeak-ng' : null) : tools.espeak;
  const sox = tools.sox ?? 'sox';
  const making = new Map<string, Promise<string>>();
  return {
    fileFor(prompt) {
      const text = prompt.text['zh-CN'] || prompt.text['en-US'] || '';
      const file = path.join(dir, `prompt-${createHash('sha256').update(`${espeak ? 'speech' : 'tone'}:${text}`).digest('hex').slice(0, 16)}.wav`);
      const known = making.get(file);
      if (known) return known;
      const made = (async () => {
        if (existsSync(file)) return file;
        mkdirSync(dir, { recursive: true });
        // Written aside then renamed: rtpengine never reads half a file.
        const partial = `${file}.${process.pid}.part.wav`;
        if (espeak) {
          const raw = `${file}.${process.pid}.speech.wav`;
          // The text (a supervisor's, from the designer) reaches espeak-ng in a file, never as an argument:
          // a prompt such as "-w /some/path" must stay words, not become an option.
          const textFile = `${file}.${process.pid}.txt`;
          writeFileSync(textFile, text);
          try {
            await run(espeak, ['-v', 'cmn', '-w', raw, '-f', textFile]);
          } finally {
            rmSync(textFile, { force: true });
          }
          await run(sox, [raw, '-r', '8000', '-c', '1', '-b', '16', partial]);
          rmSync(raw, { force: true });
        } else await run(sox, toneArguments(text, partial));
        renameSync(partial, file);
        return file;
      })();
      made.catch(() => making.delete(file));
      making.set(file, made);
      return made;
    },
  };
}

/** Sends one NG command (`ngCommand`); injected in tests. */
export type NgSender = (command: Record<string, BencodeValue>) => Promise<Record<string, BencodeValue>>;

/**
 * The IVR's media for voice calls: answers the caller's INVITE into rtpengine (`early`), plays each prompt
 * the call's IVR session says (the ingress's `ivr-prompt` events), stops when an agent's phone rings or the
 * call ends, and hands the caller's RFC 4733 keys to the session (`dtmf`, from rtpengine's DTMF log).
 */
export class VoiceIvr {
  /** Calls in the IVR on the media path, by Octopus call id. */
  private readonly legs = new Map<string, CallerLeg>();
  private readonly bySip = new Map<string, string>();
  /** NG commands per call run in order (a prompt's stop before the next one's play). */
  private readonly queue = new Map<string, Promise<void>>();
  private readonly unsubscribe: () => void;
  /** Milliseconds (Date.now) of the last prompt played per call: the prompt → key latency. */
  private readonly promptAt = new Map<string, number>();
  private readonly latencies: number[] = [];
  /** When the prompt playing per call ends (Date.now() + rtpengine's `duration`). */
  private readonly playingUntil = new Map<string, number>();
  /** Calls whose caller keyed since their last prompt started: the next prompt cuts in (barge-in). */
  private readonly keyed = new Set<string>();
  /** Calls whose IVR call rtpengine is being told to forget (`release`). */
  private readonly releasing = new Map<string, Promise<void>>();

  constructor(
    private readonly ingress: CallIngress,
    private readonly ng: NgSender,
    private readonly prompts: PromptFiles,
    /** The prompts the call's IVR session played so far (`engine.ivrSession(callId)?.prompts`); the last is replayed on `early`. */
    private readonly playedPrompts: (callId: string) => readonly IvrPrompt[],
    private readonly log: (m: string) => void = () => undefined,
  ) {
    this.unsubscribe = ingress.subscribe((event) => this.onEvent(event));
  }

  /**
   * The caller's INVITE (`callerSdp`) for `callId`, which entered its IVR session, is answered with early
   * media: resolves with the SDP of the `183` Kamailio sends the caller. The prompts the session played
   * before are played now (the first menu's prompt is played at the call's start).
   * @throws when rtpengine refuses or does not answer (Kamailio then routes the caller to an agent).
   */
  async early(callId: string, leg: CallerLeg, callerSdp: string): Promise<string> {
    const [offer, answer] = earlyMediaCommands(leg, callId, callerSdp);
    await this.ng(offer);
    const answered = await this.ng(answer);
    if (typeof answered.sdp !== 'string') throw new Error('rtpengine answered without SDP');
    this.legs.set(callId, leg);
    this.bySip.set(`${leg.sipCallId}\n${leg.fromTag}`, callId);
    // The session played its first prompt when the call entered (before the caller had media): play it now.
    const last = this.playedPrompts(callId).at(-1);
    if (last) this.play(callId, leg, last);
    return answered.sdp;
  }

  /** The caller's key, from rtpengine's DTMF log: given to its call's IVR session. False when it is not a caller in the IVR. */
  dtmf(event: DtmfEvent): boolean {
    const callId = this.bySip.get(`${event.sipCallId}\n${event.sourceTag}`);
    if (!callId) return false;
    this.keyed.add(callId);
    const at = this.promptAt.get(callId);
    if (at !== undefined) {
      this.latencies.push(Date.now() - at);
      if (this.latencies.length > 1000) this.latencies.shift();
      this.promptAt.delete(callId);
    }
    return this.ingress.dtmf(callId, event.digit);
  }

  /** Whether `callId` is in the IVR on the media path (tests, status). */
  has(callId: string): boolean {
    return this.legs.has(callId);
  }

  /** Prompt start → the next key, ms, of recent calls (the bench). */
  keyLatencies(): number[] {
    return [...this.latencies];
  }

  close(): void {
    this.unsubscribe();
  }

  private onEvent(event: IngressEvent): void {
    if (event.type === 'ivr-prompt') {
      const leg = this.legs.get(event.callId);
      if (leg) this.play(event.callId, leg, event.prompt);
      return;
    }
    const callId = event.type === 'call' ? event.call.callId : event.type === 'ended' ? event.callId : null;
    if (!callId || !this.legs.has(callId)) return;
    // An agent's phone rings (Kamailio offers the call to the browser next) or the call is over.
    const leaving = event.type === 'ended' || (event.type === 'call' && (event.call.phase === 'ended' || event.call.legs.some((l) => l.status === 'ringing' || l.status === 'active')));
    if (leaving) void this.release(callId);
  }

  /**
   * The call leaves the IVR: rtpengine forgets its IVR call (prompt, IVR side and all). Resolves once it
   * did; idempotent (the same promise while it runs, at once for a call not in the IVR). Kamailio's offer
   * towards the agent's browser must come after it (the ring route awaits it): reusing the IVR's call,
   * rtpengine turned the IVR's side into the browser's and the browser's answer, with its own to-tag, got
   * fresh ports its ICE never reached. The browser's offer starts a fresh call; the caller's media moves
   * to the ports of the 200's SDP, as after any early media.
   */
  release(callId: string): Promise<void> {
    const pending = this.releasing.get(callId);
    if (pending) return pending;
    const leg = this.legs.get(callId);
    if (!leg) return Promise.resolve();
    this.legs.delete(callId);
    this.bySip.delete(`${leg.sipCallId}\n${leg.fromTag}`);
    this.promptAt.delete(callId);
    this.playingUntil.delete(callId);
    this.keyed.delete(callId);
    this.enqueue(callId, () => this.ng({ command: 'delete', 'call-id': leg.sipCallId }).then(() => undefined));
    const last = this.queue.get(callId)!;
    const done = last.then(() => {
      this.releasing.delete(callId);
      if (this.queue.get(callId) === last) this.queue.delete(callId);
    });
    this.releasing.set(callId, done);
    return done;
  }

  /**
   * Plays `prompt` after the one playing: at once when the caller keyed since that one started (a key
   * cuts a menu short), else once it ended (an invalid key's notice, then the menu again).
   */
  private play(callId: string, leg: CallerLeg, prompt: IvrPrompt): void {
    const bargeIn = this.keyed.delete(callId);
    this.enqueue(callId, async () => {
      const file = await this.prompts.fileFor(prompt);
      const wait = (this.playingUntil.get(callId) ?? 0) - Date.now();
      if (!bargeIn && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (!this.legs.has(callId)) return;
      await this.ng(stopPromptCommand(leg)).catch(() => undefined);
      const played = await this.ng(playPromptCommand(leg, file));
      const now = Date.now();
      this.promptAt.set(callId, now);
      this.playingUntil.set(callId, now + (typeof played.duration === 'number' ? played.duration : 0));
    });
  }

  private enqueue(callId: string, task: () => Promise<void>): void {
    const wrapped = () => task().catch((error: unknown) => this.log(`IVR media for ${callId}: ${(error as Error).message}`));
    const next = (this.queue.get(callId) ?? Promise.resolve()).then(wrapped, wrapped);
    this.queue.set(callId, next);
  }
}

/** rtpengine's NG at `address` (`127.0.0.1:2223`) as an `NgSender`. */
export function ngSender(address: string): NgSender {
  const [host, port] = address.split(':');
  const target = { host: host || '127.0.0.1', port: Number(port) };
  return (command) => ngCommand(target, command);
}

/**
 * Listens for rtpengine's DTMF log (`--dtmf-log-dest`) on `address` (`127.0.0.1:2224`) and hands each
 * parsed event to `onEvent`. Resolves with the bound socket (close it to stop). @throws when it cannot bind.
 */
export function listenDtmf(address: string, onEvent: (event: DtmfEvent) => void): Promise<Socket> {
  const [host, port] = address.split(':');
  const socket = createSocket('udp4');
  socket.on('message', (message) => {
    const event = parseDtmfEvent(message);
    if (event) onEvent(event);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(Number(port), host || '127.0.0.1', () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}
