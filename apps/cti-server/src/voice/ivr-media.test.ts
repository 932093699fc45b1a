import { createSocket } from 'node:dgram';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IvrPrompt } from '@octopus/contracts';
import { CallIngress } from '../ingress/ingress';
import { setup } from '../engine/testing/engine-harness';
import { earlyMediaCommands, ivrAnswerSdp, listenDtmf, ngSender, parseDtmfEvent, playPromptCommand, promptFiles, stopPromptCommand, toneArguments, VoiceIvr, type DtmfEvent } from './ivr-media';
import { fakeRtpengine, until } from './fake-rtpengine';
import type { BencodeValue } from './rtpengine';

/** What rtpengine 10.5 sent to `--dtmf-log-dest` for key 1 in a run on this machine. */
const LOGGED = '{"callid":"c1","source_tag":"ft","tags":["ivr-1","ft"],"type":"DTMF","timestamp":1796191169,"source_ip":"127.0.0.1","event":1,"duration":160,"volume":10}';

describe('rtpengine DTMF log datagrams', () => {
  it('parses the call, the sending tag and the key (events 0–15: digits, *, #, A–D)', () => {
    expect(parseDtmfEvent(Buffer.from(LOGGED))).toEqual({ sipCallId: 'c1', sourceTag: 'ft', digit: '1' });
    const withEvent = (event: number) => parseDtmfEvent(LOGGED.replace('"event":1', `"event":${event}`))?.digit;
    expect([0, 9, 10, 11, 12, 15].map(withEvent)).toEqual(['0', '9', '*', '#', 'A', 'D']);
  });

  it('ignores anything else', () => {
    expect(parseDtmfEvent('not json')).toBeNull();
    expect(parseDtmfEvent('null')).toBeNull();
    expect(parseDtmfEvent(LOGGED.replace('"event":1', '"event":16'))).toBeNull();
    expect(parseDtmfEvent(LOGGED.replace('"event":1', '"event":1.5'))).toBeNull();
    expect(parseDtmfEvent(LOGGED.replace('"type":"DTMF"', '"type":"other"'))).toBeNull();
    expect(parseDtmfEvent(LOGGED.replace('"callid":"c1"', '"callid":""'))).toBeNull();
    expect(parseDtmfEvent(LOGGED.replace('"source_tag":"ft",', ''))).toBeNull();
  });

  it('listens on a UDP address and hands over parsed events only', async () => {
    const events: DtmfEvent[] = [];
    const probe = createSocket('udp4');
    await new Promise<void>((r) => probe.bind(0, '127.0.0.1', () => r()));
    const port = probe.address().port;
    probe.close();
    const socket = await listenDtmf(`127.0.0.1:${port}`, (e) => events.push(e));
    const sender = createSocket('udp4');
    sender.send('garbage', port, '127.0.0.1');
    sender.send(LOGGED, port, '127.0.0.1');
    await until(() => events.length === 1);
    expect(events).toEqual([{ sipCallId: 'c1', sourceTag: 'ft', digit: '1' }]);
    sender.close();
    socket.close();
  });
});

describe('NG commands of the IVR', () => {
  const leg = { sipCallId: 'abc@127.0.0.1', fromTag: 'caller-tag' };

  it('answers the caller into rtpengine: offer with its SDP, answer from the IVR side (plain RTP both)', () => {
    const [offer, answer] = earlyMediaCommands(leg, 'C42', 'v=0\r\n');
    expect(offer).toMatchObject({ command: 'offer', 'call-id': 'abc@127.0.0.1', 'from-tag': 'caller-tag', sdp: 'v=0\r\n', ICE: 'remove', DTLS: 'off', 'transport-protocol': 'RTP/AVP', 'rtcp-mux': ['demux'] });
    expect(offer).not.toHaveProperty('to-tag');
    expect(answer).toMatchObject({ command: 'answer', 'call-id': 'abc@127.0.0.1', 'from-tag': 'caller-tag', 'to-tag': 'ivr-C42', sdp: ivrAnswerSdp(), ICE: 'remove' });
    expect(ivrAnswerSdp()).toContain('m=audio 9 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000');
  });

  it('plays and stops towards the caller’s tag', () => {
    expect(playPromptCommand(leg, '/p.wav')).toEqual({ command: 'play media', 'call-id': 'abc@127.0.0.1', 'from-tag': 'caller-tag', file: '/p.wav' });
    expect(stopPromptCommand(leg)).toEqual({ command: 'stop media', 'call-id': 'abc@127.0.0.1', 'from-tag': 'caller-tag' });
  });

  it('gives each prompt text its own tone, more beeps for longer text', () => {
    const a = toneArguments('您好，欢迎致电。售前咨询请按1，售后服务请按2，人工服务请按0。', 'a.wav');
    const b = toneArguments('输入有误，请重新选择。', 'b.wav');
    expect(a.slice(0, 8)).toEqual(['-n', '-r', '8000', '-c', '1', '-b', '16', 'a.wav']);
    expect(a.filter((x) => x === 'synth')).toHaveLength(2);
    expect(b.filter((x) => x === 'synth')).toHaveLength(1);
    expect(toneArguments('输入有误，请重新选择。', 'c.wav').slice(8)).toEqual(b.slice(8));
  });
});

describe('VoiceIvr: the IVR session on rtpengine', () => {
  const leg = { sipCallId: 'sip-1@127.0.0.1', fromTag: 'caller' };
  const files = { fileFor: async (p: IvrPrompt) => `/prompts/${p.kind}-${p.node ?? 'none'}-${p.seq}.wav` };

  async function rig(durationMs = 0) {
    const t = setup();
    const ingress = new CallIngress(t.engine);
    const ng = await fakeRtpengine((command): Record<string, BencodeValue> =>
      command.command === 'answer' ? { sdp: 'v=0\r\nm=audio 30000 RTP/AVP 0 101\r\n' } : command.command === 'offer' ? { sdp: 'v=0\r\nm=audio 30002 RTP/AVP 0 101\r\n' } : command.command === 'play media' ? { duration: durationMs } : {},
    );
    const ivr = new VoiceIvr(ingress, ngSender(ng.address), files, (callId) => t.engine.ivrSession(callId)?.prompts ?? []);
    const callId = ingress.inbound({ from: '13800138000', interactive: true });
    const played = () => ng.commands.filter((c) => c.command === 'play media').map((c) => String(c.file));
    return { t, ingress, ng, ivr, callId, played, close: () => (ivr.close(), ng.socket.close()) };
  }

  it('answers the INVITE with rtpengine’s SDP and plays the first menu’s prompt, then keys walk the session', async () => {
    const r = await rig();
    const sdp = await r.ivr.early(r.callId, leg, 'v=0\r\ncaller\r\n');
    expect(sdp).toContain('m=audio 30000');
    expect(r.ng.commands.slice(0, 2).map((c) => [c.command, c['to-tag'] ?? null])).toEqual([['offer', null], ['answer', `ivr-${r.callId}`]]);
    await until(() => r.played().length === 1);
    expect(r.played()).toEqual(['/prompts/prompt-main-1.wav']);
    // A key from another party (the agent's tag) or another call is no caller's key.
    expect(r.ivr.dtmf({ sipCallId: leg.sipCallId, sourceTag: `ivr-${r.callId}`, digit: '1' })).toBe(false);
    expect(r.ivr.dtmf({ sipCallId: 'other', sourceTag: 'caller', digit: '1' })).toBe(false);
    // Key 1 of the seed menu: sales, the call leaves the IVR and queues; the key track records it.
    expect(r.ivr.dtmf({ sipCallId: leg.sipCallId, sourceTag: 'caller', digit: '1' })).toBe(true);
    expect(r.t.engine.ivrSession(r.callId)?.keyTrack).toBe('1');
    expect(r.ivr.keyLatencies()).toHaveLength(1);
    // The caller hangs up while queued: rtpengine forgets the call (no agent leg will).
    r.ingress.hangup(r.callId);
    await until(() => r.ng.commands.some((c) => c.command === 'delete'));
    expect(r.ng.commands.at(-1)).toEqual({ command: 'delete', 'call-id': leg.sipCallId });
    expect(r.ivr.has(r.callId)).toBe(false);
    r.close();
  });

  it('an invalid key: the notice plays, then the menu again once the notice ended', async () => {
    const r = await rig(150);
    await r.ivr.early(r.callId, leg, 'v=0\r\n');
    await until(() => r.played().length === 1);
    expect(r.ivr.dtmf({ sipCallId: leg.sipCallId, sourceTag: 'caller', digit: '7' })).toBe(true);
    const keyedAt = Date.now();
    await until(() => r.played().length === 3);
    expect(Date.now() - keyedAt).toBeGreaterThanOrEqual(100);
    expect(r.played()[1]).toMatch(/^\/prompts\/invalid-main-2/);
    expect(r.played()[2]).toMatch(/^\/prompts\/prompt-main-3/);
    // Each play stops the prompt before it.
    const kinds = r.ng.commands.map((c) => String(c.command));
    expect(kinds.filter((k) => k === 'stop media').length).toBeGreaterThanOrEqual(3);
    expect(r.t.engine.ivrSession(r.callId)?.keyTrack).toBe('7');
    r.close();
  });

  it('forgets the IVR call in rtpengine when an agent’s phone rings (before the browser’s offer)', async () => {
    const r = await rig();
    r.t.login('a1');
    await r.ivr.early(r.callId, leg, 'v=0\r\n');
    await until(() => r.played().length === 1);
    r.ivr.dtmf({ sipCallId: leg.sipCallId, sourceTag: 'caller', digit: '1' });
    await until(() => r.t.ringingAgent(r.callId) === 'a1');
    expect(r.ivr.has(r.callId)).toBe(false);
    // What the ring route awaits: the delete has been answered by then.
    await r.ivr.release(r.callId);
    expect(r.ng.commands.at(-1)).toEqual({ command: 'delete', 'call-id': leg.sipCallId });
    // Keys after the IVR are no longer its keys.
    expect(r.ivr.dtmf({ sipCallId: leg.sipCallId, sourceTag: 'caller', digit: '2' })).toBe(false);
    r.close();
  });
});

describe('prompt files', () => {
  const sox = existsSync('/usr/bin/sox');
  (sox ? it : it.skip)('makes one tone WAV per text with sox, reused', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'octopus-prompts-'));
    const files = promptFiles(dir, { espeak: null });
    const prompt = (zh: string, seq: number): IvrPrompt => ({ seq, at: 0, kind: 'prompt', node: 'main', text: { 'zh-CN': zh, 'en-US': zh } });
    const a = await files.fileFor(prompt('主菜单', 1));
    expect(await files.fileFor(prompt('主菜单', 2))).toBe(a);
    expect(await files.fileFor(prompt('子菜单', 3))).not.toBe(a);
    expect(existsSync(a)).toBe(true);
    expect(path.dirname(a)).toBe(dir);
  });

  it('hands the prompt text to espeak-ng in a file, never as an argument (a hostile prompt stays words)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'octopus-prompts-'));
    // Stand-ins for espeak-ng and sox: each logs its arguments and writes the file it is asked for.
    const log = path.join(dir, 'args.log');
    const fake = path.join(dir, 'fake-tool');
    writeFileSync(
      fake,
      `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
const text = args.includes('-f') ? fs.readFileSync(args[args.indexOf('-f') + 1], 'utf8') : null;
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args, text }) + '\\n');
const out = args.includes('-w') ? args[args.indexOf('-w') + 1] : args.at(-1);
fs.writeFileSync(out, 'RIFF');
`,
    );
    chmodSync(fake, 0o755);
    const files = promptFiles(dir, { espeak: fake, sox: fake });
    const hostile = '-w /tmp/octopus-overwritten --stdout';
    await files.fileFor({ seq: 1, at: 0, kind: 'prompt', node: 'main', text: { 'zh-CN': hostile, 'en-US': hostile } });
    const calls = readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { args: string[]; text: string | null });
    expect(calls[0]!.text).toBe(hostile);
    for (const call of calls) expect(call.args.some((arg) => arg.includes('octopus-overwritten') || arg === '--stdout')).toBe(false);
  });
});
