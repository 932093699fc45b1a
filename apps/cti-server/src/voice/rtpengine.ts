// rtpengine's control protocol (NG: a random cookie, a space, a bencoded dictionary, over UDP) for the
// media the engine decides beyond what SIP carries: hold with music (docs/adr/0012-voice-path.md).
// The bencode codec covers the subset NG uses (strings, integers, lists, dictionaries); npm's `bencode`
// is ESM-only from v4, which this CommonJS server and its tests do not load.
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import type { MediaControl } from './voice';

/** A bencode value as NG uses it. */
export type BencodeValue = string | number | BencodeValue[] | { [key: string]: BencodeValue };

/** Encodes `value` (dictionary keys sorted, as bencode requires). @throws on a non-integer number. */
export function bencode(value: BencodeValue): string {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error('bencode carries whole numbers only');
    return `i${value}e`;
  }
  if (typeof value === 'string') return `${Buffer.byteLength(value)}:${value}`;
  if (Array.isArray(value)) return `l${value.map(bencode).join('')}e`;
  return `d${Object.keys(value)
    .sort()
    .map((k) => bencode(k) + bencode(value[k]!))
    .join('')}e`;
}

/** Decodes one bencoded value from `text` (UTF-8 strings). @throws on malformed input. */
export function bdecode(text: string): BencodeValue {
  const buf = Buffer.from(text);
  let i = 0;
  const read = (): BencodeValue => {
    const c = String.fromCharCode(buf[i]!);
    if (c === 'i') {
      const end = buf.indexOf(0x65, i);
      if (end < 0) throw new Error('bencode: unterminated integer');
      const n = Number(buf.subarray(i + 1, end).toString());
      i = end + 1;
      return n;
    }
    if (c === 'l' || c === 'd') {
      i++;
      const items: BencodeValue[] = [];
      while (buf[i] !== 0x65) {
        if (i >= buf.length) throw new Error('bencode: unterminated container');
        items.push(read());
      }
      i++;
      if (c === 'l') return items;
      const dict: Record<string, BencodeValue> = {};
      for (let k = 0; k + 1 < items.length; k += 2) dict[String(items[k])] = items[k + 1]!;
      return dict;
    }
    const colon = buf.indexOf(0x3a, i);
    const length = Number(buf.subarray(i, colon).toString());
    if (colon < 0 || !Number.isInteger(length)) throw new Error('bencode: bad string');
    const s = buf.subarray(colon + 1, colon + 1 + length).toString();
    i = colon + 1 + length;
    return s;
  };
  return read();
}

/** Sends one NG command to rtpengine at `host:port` and resolves with its answer dictionary. @throws on timeout (default 2000 ms) or an `error` result. */
export function ngCommand(address: { host: string; port: number }, command: Record<string, BencodeValue>, timeoutMs = 2000): Promise<Record<string, BencodeValue>> {
  // A fresh cookie per command: rtpengine answers a repeated cookie from its cache (retransmissions).
  const cookie = randomBytes(8).toString('hex');
  const socket = createSocket('udp4');
  return new Promise<Record<string, BencodeValue>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`rtpengine did not answer '${String(command.command)}' within ${timeoutMs} ms`)), timeoutMs);
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('message', (message) => {
      const text = message.toString();
      if (!text.startsWith(`${cookie} `)) return;
      clearTimeout(timer);
      try {
        const answer = bdecode(text.slice(cookie.length + 1)) as Record<string, BencodeValue>;
        if (answer.result === 'error') reject(new Error(`rtpengine refused '${String(command.command)}': ${String(answer['error-reason'] ?? 'error')}`));
        else resolve(answer);
      } catch (error) {
        reject(error as Error);
      }
    });
    socket.send(`${cookie} ${bencode(command)}`, address.port, address.host);
  }).finally(() => socket.close());
}

/**
 * Hold in the media anchor, without SIP (docs/adr/0012-voice-path.md): rtpengine blocks what each side
 * sends (`block media` by the sender's tag: the dialog's from-tag is the caller, its to-tag the agent),
 * so the agent hears nothing, and plays the music towards the caller (`play media` plays to the party
 * whose tag it is given), looped from a file `pnpm voice:start` makes with sox. Resume stops the music
 * and unblocks both. No re-INVITE reaches the caller: its phone keeps its stream (and its recorder).
 * The survey blocks the agent's side and plays `surveyPrompt` (a WAV; null = silence) to the caller.
 * @param ng rtpengine's NG address (`127.0.0.1:2223`). @param musicFile a WAV rtpengine can read.
 */
export function rtpengineMediaControl(ng: string, musicFile: string, log: (m: string) => void = () => undefined, surveyPrompt: string | null = null): MediaControl {
  const [host, port] = ng.split(':');
  const address = { host: host || '127.0.0.1', port: Number(port) };
  const run = async (what: string, commands: Array<Record<string, BencodeValue>>) => {
    for (const command of commands) {
      try {
        await ngCommand(address, command);
      } catch (error) {
        log(`${what}: ${(error as Error).message}`);
      }
    }
  };
  return {
    hold: (d) =>
      run('hold', [
        { command: 'block media', 'call-id': d.sipCallId, 'from-tag': d.toTag },
        { command: 'block media', 'call-id': d.sipCallId, 'from-tag': d.fromTag },
        // ~2.3 days of a 2 s loop: longer than any hold (the dialog's own limit is 4 h).
        { command: 'play media', 'call-id': d.sipCallId, 'from-tag': d.fromTag, file: musicFile, 'repeat-times': 100_000 },
      ]),
    resume: (d) =>
      run('resume', [
        { command: 'stop media', 'call-id': d.sipCallId, 'from-tag': d.fromTag },
        { command: 'unblock media', 'call-id': d.sipCallId, 'from-tag': d.fromTag },
        { command: 'unblock media', 'call-id': d.sipCallId, 'from-tag': d.toTag },
      ]),
    // The agent's browser left (its BYE stopped at Kamailio, docs/adr/0017): its side is blocked, the caller
    // hears the prompt, repeated until the rating or the call's end.
    survey: (d) =>
      run('survey', [
        { command: 'block media', 'call-id': d.sipCallId, 'from-tag': d.toTag },
        ...(surveyPrompt ? [{ command: 'play media', 'call-id': d.sipCallId, 'from-tag': d.fromTag, file: surveyPrompt, 'repeat-times': 20 }] : []),
      ]),
    release: (d) => run('release', [{ command: 'delete', 'call-id': d.sipCallId }]),
  };
}
