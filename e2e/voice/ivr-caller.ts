// A voice caller for the IVR on the media path (docs/adr/0012-voice-path.md): sipp (Debian `sip-tester`)
// places the SIP call to the plain hotline number, this process is its RTP endpoint. Debian's baresip 1.0
// sends no RTP before the call is answered, so it cannot key an IVR that plays early media; sipp's bundled
// RFC 4733 pcaps have fixed addresses. Here the media is ours: the first packets from rtpengine (the
// prompt) give its address, then a 440 Hz PCMU tone (encoded by sox) goes back, interrupted by RFC 4733
// key events (telephone-event, payload 101) when the test keys.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyseWav, type AudioAnalysis } from '../../apps/cti-server/src/sim/voice-caller';

export const SIPP = '/usr/bin/sipp';

const SCENARIO = `<?xml version="1.0" encoding="UTF-8"?>
<scenario name="octopus ivr caller">
  <send retrans="500"><![CDATA[
INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:FROM@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:FROM@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

v=0
o=- 1 1 IN IP4 127.0.0.1
s=octopus ivr caller
c=IN IP4 127.0.0.1
t=0 0
m=audio RTPPORT RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
a=sendrecv

]]></send>
  <label id="1"/>
  <recv response="100" optional="true" next="1" timeout="ANSWERWAIT" ontimeout="8"/>
  <recv response="180" optional="true" next="1" timeout="ANSWERWAIT" ontimeout="8"/>
  <recv response="183" optional="true" next="1" timeout="ANSWERWAIT" ontimeout="8"/>
  <recv response="200" rrs="true" timeout="ANSWERWAIT" ontimeout="8">
    <action>
      <ereg regexp="m=audio ([0-9]+)" search_in="body" check_it="true" assign_to="mline,answerport"/>
    </action>
  </recv>
  <nop>
    <action>
      <exec command="echo '[$answerport]' > answer-port.tmp; mv answer-port.tmp answer-port; echo '[$mline]' > /dev/null"/>
    </action>
  </nop>
  <send><![CDATA[
ACK [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:FROM@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 1 ACK
[routes]
Contact: <sip:FROM@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Length: 0

]]></send>
  <recv request="BYE" timeout="SECONDS000" ontimeout="9"/>
  <send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:FROM@[local_ip]:[local_port]>
Content-Length: 0

]]></send>
  <nop next="10"/>
  <label id="9"/>
  <send retrans="500"><![CDATA[
BYE [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:FROM@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 2 BYE
[routes]
Max-Forwards: 70
Content-Length: 0

]]></send>
  <recv response="200"/>
  <nop next="10"/>
  <label id="8"/>
  <send><![CDATA[
CANCEL sip:[service]@[remote_ip]:[remote_port] SIP/2.0
[last_Via:]
From: <sip:FROM@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 CANCEL
Max-Forwards: 70
Content-Length: 0

]]></send>
  <recv response="487" optional="true" next="12"/>
  <recv response="200"/>
  <recv response="487"/>
  <label id="12"/>
  <send><![CDATA[
ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
[last_Via:]
From: <sip:FROM@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0

]]></send>
  <label id="10"/>
</scenario>
`;

export interface IvrCallOptions {
  /** Kamailio's SIP/UDP address, `host:port`. */
  proxy: string;
  from: string;
  /** The hotline dialled (no keys: the interactive IVR). */
  to: string;
  /** The caller's tone after the first prompt, Hz (default 440). */
  toneHz?: number;
  /** How long the call lasts at most (sipp hangs up then), s. Default 90. */
  seconds?: number;
  /** How long the caller waits for an answer after its last provisional response before it cancels, ms. Default 60000. */
  answerWithinMs?: number;
  /** sipp's SIP port and the RTP port (fresh free ports). */
  sipPort: number;
  rtpPort: number;
}

export interface IvrCall {
  startedAt: number;
  /** Resolves with Date.now() of the first packet rtpengine sent the caller (the first prompt). */
  firstAudio: Promise<number>;
  /**
   * What the caller heard (PCMU payloads decoded by sox, back to back: rtpengine sends nothing between a
   * prompt's end and the answer), of the packets that arrived from `since` (Date.now(), default all), from
   * `skipSeconds` of that audio on.
   */
  heard(skipSeconds?: number, seconds?: number, since?: number): AudioAnalysis;
  /** Sends one key as RFC 4733 events (8 packets of 20 ms, the last 3 marked end), then the tone again. */
  key(digit: string): Promise<void>;
  /** Resolves with sipp's exit ('exit <code>') when the call is over. */
  closed: Promise<string>;
  hangup(): Promise<void>;
}

/** The caller's tone as raw PCMU (8 kHz), made with sox. */
function pcmuTone(dir: string, hz: number, seconds: number): Buffer {
  const file = path.join(dir, 'tone.ul');
  const r = spawnSync('sox', ['-n', '-r', '8000', '-c', '1', '-e', 'u-law', '-t', 'raw', file, 'synth', String(seconds), 'sine', String(hz), 'vol', '0.5']);
  if (r.status !== 0) throw new Error(`sox: ${r.stderr.toString().slice(0, 200)}`);
  return readFileSync(file);
}

/** Places the call; the tone starts once rtpengine's first packet arrived. */
export function placeIvrCall(options: IvrCallOptions): IvrCall {
  const dir = mkdtempSync(path.join(tmpdir(), 'octopus-ivr-caller-'));
  const seconds = options.seconds ?? 90;
  const tone = pcmuTone(dir, options.toneHz ?? 440, seconds);
  const scenario = path.join(dir, 'caller.xml');
  writeFileSync(scenario, SCENARIO.replaceAll('FROM', options.from).replace('RTPPORT', String(options.rtpPort)).replace('SECONDS', String(seconds)).replaceAll('ANSWERWAIT', String(options.answerWithinMs ?? 60_000)));
  const socket: Socket = createSocket('udp4');
  const received: Array<{ at: number; payload: Buffer }> = [];
  let remote: { address: string; port: number } | null = null;
  let firstAt = 0;
  let resolveFirst: (at: number) => void = () => undefined;
  const firstAudio = new Promise<number>((r) => (resolveFirst = r));
  let seq = 1;
  let timestamp = 0;
  let offset = 0;
  let keying = false;
  const ssrc = 0x4f435450;
  const packet = (payloadType: number, marker: boolean, ts: number, payload: Buffer) => {
    const header = Buffer.alloc(12);
    header[0] = 0x80;
    header[1] = (marker ? 0x80 : 0) | payloadType;
    header.writeUInt16BE(seq++ & 0xffff, 2);
    header.writeUInt32BE(ts >>> 0, 4);
    header.writeUInt32BE(ssrc, 8);
    return Buffer.concat([header, payload]);
  };
  const send = (b: Buffer) => remote && socket.send(b, remote.port, remote.address);
  let toneTimer: NodeJS.Timeout | null = null;
  const answerFile = path.join(dir, 'answer-port');
  let answered = false;
  socket.on('message', (message, from) => {
    // PCMU only (payload type 0); the first packet's source is rtpengine's port for this caller.
    if (message.length <= 12 || (message[1]! & 0x7f) !== 0) return;
    // Symmetric RTP: send where rtpengine sends from (its port for this caller may change when the agent answers).
    if (remote && (remote.port !== from.port || remote.address !== from.address)) {
      if (process.env.VOICE_DEBUG) console.log(`[ivr caller] rtpengine now sends from ${from.port} (was ${remote.port})`);
      remote = { address: from.address, port: from.port };
    }
    if (!remote) {
      remote = { address: from.address, port: from.port };
      firstAt = Date.now();
      resolveFirst(firstAt);
      toneTimer = setInterval(() => {
        // The answer's SDP (sipp writes its port) moves the caller's media: rtpengine gave the agent's
        // branch its own port towards the caller (docs/adr/0012), as a phone follows the 200's SDP.
        if (!answered && existsSync(answerFile)) {
          const answerPort = Number(readFileSync(answerFile, 'utf8').trim());
          if (Number.isInteger(answerPort) && answerPort > 0 && remote) {
            answered = true;
            remote = { address: remote.address, port: answerPort };
          }
        }
        if (keying) return;
        const frame = tone.subarray(offset, offset + 160);
        offset = (offset + 160) % (tone.length - 160);
        send(packet(0, timestamp === 0, timestamp, frame));
        timestamp += 160;
      }, 20);
    }
    received.push({ at: Date.now(), payload: Buffer.from(message.subarray(12)) });
  });
  socket.bind(options.rtpPort, '127.0.0.1');
  const [host, port] = options.proxy.split(':');
  const startedAt = Date.now();
  const sipp: ChildProcess = spawn(SIPP, [`${host}:${port}`, '-sf', scenario, '-s', options.to, '-i', '127.0.0.1', '-p', String(options.sipPort), '-mp', String(options.rtpPort + 2), '-m', '1', '-l', '1', '-nostdin', ...(process.env.VOICE_DEBUG ? ['-trace_msg'] : []), '-trace_err', '-error_file', path.join(dir, 'errors.log'), '-timeout', String(seconds + 30)], { cwd: dir, stdio: 'ignore' });
  const closed = new Promise<string>((resolve) => sipp.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `exit ${code}`)));
  const stopMedia = () => {
    if (toneTimer) clearInterval(toneTimer);
    toneTimer = null;
    try {
      socket.close();
    } catch {
      // closed already
    }
  };
  void closed.then(stopMedia);
  return {
    startedAt,
    firstAudio,
    heard(skipSeconds = 0, length = Infinity, since = 0) {
      const raw = path.join(dir, `heard-${Date.now()}.ul`);
      writeFileSync(raw, Buffer.concat(received.filter((r) => r.at >= since).map((r) => r.payload)));
      const wav = raw.replace(/\.ul$/, '.wav');
      const r = spawnSync('sox', ['-t', 'raw', '-e', 'u-law', '-r', '8000', '-c', '1', raw, '-b', '16', wav]);
      if (r.status !== 0) throw new Error(`sox: ${r.stderr.toString().slice(0, 200)}`);
      return analyseWav(wav, skipSeconds, length);
    },
    async key(digit) {
      const event = '0123456789*#'.indexOf(digit);
      if (event < 0) throw new Error(`no RFC 4733 event for ${digit}`);
      keying = true;
      const at = timestamp;
      for (let i = 1; i <= 8; i++) {
        const end = i >= 6;
        const payload = Buffer.alloc(4);
        payload[0] = event;
        payload[1] = (end ? 0x80 : 0) | 10; // volume -10 dBm0
        payload.writeUInt16BE(Math.min(i, 6) * 160, 2);
        send(packet(101, i === 1, at, payload));
        await new Promise((r) => setTimeout(r, 20));
      }
      timestamp += 6 * 160;
      keying = false;
    },
    closed,
    async hangup() {
      if (sipp.exitCode === null && sipp.signalCode === null) {
        sipp.kill('SIGTERM');
        const timer = setTimeout(() => sipp.kill('SIGKILL'), 3000);
        await closed;
        clearTimeout(timer);
      }
      stopMedia();
    },
  };
}
