// The IVR on the media path over HTTP, as Kamailio drives it (deploy/voice/kamailio.cfg, route CTI_IVR):
// the plain hotline number is an interactive call, its INVITE's SDP gets the 183's SDP back (base64),
// rtpengine's DTMF log datagrams walk the session, the ring route has rtpengine forget the IVR call first.
import { createSocket } from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemoryAccountDirectory, demoAccounts } from '../accounts/memory';
import { startCtiServer, type CtiServer } from '../server/start';
import { post } from '../server/test-client';
import { fakeRtpengine, until } from './fake-rtpengine';
import type { BencodeValue } from './rtpengine';

const SECRET = 'voice-ivr-test-secret';
const TOKEN = 'pbx-token-0123456789-abcdefghijklmnop';
const auth = { authorization: `Bearer ${TOKEN}` };

async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const port = s.address().port;
  s.close();
  return port;
}

describe('voice IVR routes', () => {
  let server: CtiServer;
  let ng: Awaited<ReturnType<typeof fakeRtpengine>>;
  let dtmfPort: number;
  const sender = createSocket('udp4');
  beforeAll(async () => {
    ng = await fakeRtpengine((command): Record<string, BencodeValue> => (command.command === 'answer' ? { sdp: 'v=0\r\nm=audio 30000 RTP/AVP 0 101\r\n' } : command.command === 'offer' ? { sdp: 'v=0\r\n' } : {}));
    dtmfPort = await freeUdpPort();
    server = await startCtiServer({
      port: 0,
      host: '127.0.0.1',
      mode: 'production',
      tokenSecret: SECRET,
      accounts: new MemoryAccountDirectory({ tokenSecret: SECRET, accounts: demoAccounts() }),
      ingressToken: TOKEN,
      voice: { wsUrl: 'ws://127.0.0.1:5066', domain: 'octopus.local', rpcUrl: null, sipSecret: 's'.repeat(40), ngAddress: ng.address, holdMusic: '/tmp/hold.wav', dtmfListen: `127.0.0.1:${dtmfPort}`, promptDir: mkdtempSync(path.join(tmpdir(), 'octopus-ivr-route-')) },
    });
  });
  afterAll(async () => {
    await server.close();
    ng.socket.close();
    sender.close();
  });

  it('answers the INVITE into the IVR, takes the caller’s RFC 4733 keys, forgets the IVR call before ringing', async () => {
    const { callId } = (await (await post(`${server.url}/ingress/calls`, { from: '13800138000', to: '95555', interactive: true }, auth)).json()) as { callId: string };
    const sdp64 = Buffer.from('v=0\r\nm=audio 40000 RTP/AVP 0 101\r\n').toString('base64');
    const early = await post(`${server.url}/ingress/voice/calls/${callId}/ivr`, { sipCallId: 'sip-9@127.0.0.1', fromTag: 'caller-9', sdp64 }, auth);
    expect(early.status).toBe(200);
    expect(Buffer.from(await early.text(), 'base64').toString()).toBe('v=0\r\nm=audio 30000 RTP/AVP 0 101\r\n');
    expect(ng.commands.slice(0, 2).map((c) => c.command)).toEqual(['offer', 'answer']);
    // Unknown calls and bad bodies are refused like the other ingress routes.
    expect((await post(`${server.url}/ingress/voice/calls/nope/ivr`, { sipCallId: 'a', fromTag: 'b', sdp64 }, auth)).status).toBe(404);
    expect((await post(`${server.url}/ingress/voice/calls/${callId}/ivr`, { sipCallId: 'a', fromTag: 'b', sdp64: 'not base64!' }, auth)).status).toBe(400);
    // rtpengine's DTMF log: key 0 (an agent) from the caller's tag.
    sender.send(JSON.stringify({ callid: 'sip-9@127.0.0.1', source_tag: 'caller-9', tags: ['caller-9', `ivr-${callId}`], type: 'DTMF', event: 0, duration: 800, volume: 10 }), dtmfPort, '127.0.0.1');
    await until(() => server.engine.ivrSession(callId)?.keyTrack === '0');
    expect(server.engine.ivrSession(callId)?.outcome).toBe('queued');
    // Nobody is logged in: the poll waits; the caller hangs up; rtpengine forgets the call.
    expect(await (await fetch(`${server.url}/ingress/voice/calls/${callId}/ring?wait=0`, { headers: auth })).text()).toBe('wait');
    await post(`${server.url}/ingress/calls/${callId}/hangup`, {}, auth);
    await until(() => ng.commands.some((c) => c.command === 'delete' && c['call-id'] === 'sip-9@127.0.0.1'));
  });
});
