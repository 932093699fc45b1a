import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryAccountDirectory, demoAccounts } from '../accounts/memory';
import { startCtiServer, type CtiServer } from '../server/start';
import { connect, loginFull, post } from '../server/test-client';
import { fakeRtpengine, until as untilIn } from './fake-rtpengine';
import { sipPassword } from './voice';

/** The server's answers here may take a while on a loaded machine: 10 s. */
const until = (pred: () => boolean) => untilIn(pred, 10_000);

const SECRET = 'voice-test-secret';
const TOKEN = 'pbx-token-0123456789-abcdefghijklmnop';
const SIP_SECRET = 'sip-secret-0123456789-abcdefghijklmnop';
const auth = { authorization: `Bearer ${TOKEN}` };

/** A stand-in for Kamailio's JSON-RPC: records each call; lists every dialog as confirmed (state 4). */
function fakeKamailioRpc(): Promise<{ url: string; calls: unknown[]; server: Server }> {
  const calls: unknown[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.url?.startsWith('/octopus/')) {
        calls.push({ method: 'GET', params: [req.url] });
        res.end('bye');
        return;
      }
      const call = JSON.parse(body) as { method: string };
      calls.push(call);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', result: call.method === 'dlg.dlg_list' ? { state: 4 } : null, id: 1 }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/RPC`, calls, server })));
}

describe('voice: the SIP proxy asks the ingress which agent to ring', () => {
  let server: CtiServer;
  let rpc: Awaited<ReturnType<typeof fakeKamailioRpc>>;
  let ng: Awaited<ReturnType<typeof fakeRtpengine>>;
  beforeAll(async () => {
    rpc = await fakeKamailioRpc();
    ng = await fakeRtpengine();
    server = await startCtiServer({
      port: 0,
      host: '127.0.0.1',
      mode: 'production',
      tokenSecret: SECRET,
      accounts: new MemoryAccountDirectory({ tokenSecret: SECRET, accounts: demoAccounts() }),
      ingressToken: TOKEN,
      voice: { wsUrl: 'ws://127.0.0.1:5066', domain: 'octopus.local', rpcUrl: rpc.url, sipSecret: SIP_SECRET, ngAddress: ng.address, holdMusic: '/tmp/hold.wav', surveyPrompt: '/tmp/survey.wav' },
      wrapUpMs: 50,
      listFlushMs: 20,
    });
  });
  afterAll(async () => {
    await server.close();
    await new Promise((r) => rpc.server.close(r));
    ng.socket.close();
  });

  it('hands a logged-in agent its own derived SIP credentials, and nobody else any', async () => {
    expect((await fetch(`${server.url}/voice/config`)).status).toBe(401);
    const { token } = await loginFull(server, '1001');
    const config = await (await fetch(`${server.url}/voice/config`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(config).toEqual({ enabled: true, wsUrl: 'ws://127.0.0.1:5066', domain: 'octopus.local', uri: 'sip:1001@octopus.local', authorizationUser: '1001', password: sipPassword(SIP_SECRET, '1001'), audioProcessing: true });
    // Derived per agent and per secret: another agent's or deployment's password differs.
    expect(sipPassword(SIP_SECRET, '1002')).not.toBe(config.password);
    expect(sipPassword('another-secret', '1001')).not.toBe(config.password);
    expect(config.password).toMatch(/^[0-9a-f]{64}$/);
    // The ring route is the PBX's: the agent's token does not open it.
    expect((await fetch(`${server.url}/ingress/voice/calls/x/ring`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('long-polls until the engine rings an agent, and ends the SIP dialog when the engine ends the call', async () => {
    const { token } = await loginFull(server, '1001');
    const agent = await connect(server, token, '&topics=');
    await agent.next((f) => f.type === 'snapshot');
    // Busy first, so the call waits in the queue and the poll must wait for the ring.
    agent.ws.send(JSON.stringify({ type: 'command', id: 'b', command: { name: 'setState', state: 'busy' } }));
    await agent.next((f) => f.type === 'ack' && f.id === 'b');
    const { callId } = (await (await post(`${server.url}/ingress/calls`, { from: '13800138000' }, auth)).json()) as { callId: string };
    const wait = await fetch(`${server.url}/ingress/voice/calls/${callId}/ring?wait=0`, { headers: auth });
    expect(await wait.text()).toBe('wait');
    const polled = fetch(`${server.url}/ingress/voice/calls/${callId}/ring?wait=10`, { headers: auth }).then((r) => r.text());
    agent.ws.send(JSON.stringify({ type: 'command', id: 'i', command: { name: 'setState', state: 'idle' } }));
    expect(await polled).toBe('ring 1001');
    // An agent without a voice registration is skipped: nothing else rings within the wait.
    expect(await (await fetch(`${server.url}/ingress/voice/calls/${callId}/ring?wait=0&skip=1001`, { headers: auth })).text()).toBe('wait');

    await agent.next((f) => f.type === 'call' && f.call.id === callId && f.call.state === 'ringing');
    agent.ws.send(JSON.stringify({ type: 'command', id: 'a', command: { name: 'answer', callId } }));
    await agent.next((f) => f.type === 'call' && f.call.id === callId && f.call.state === 'talking');
    const dialog = { sipCallId: 'abc@127.0.0.1', fromTag: 'f1', toTag: 't1' };
    expect(await (await post(`${server.url}/ingress/voice/calls/${callId}/dialog`, dialog, auth)).json()).toEqual({ callId, done: true });
    expect(rpc.calls).toEqual([]);
    expect(ng.commands).toEqual([]);
    // Hold: rtpengine blocks both sides' audio and plays the music to the caller (its tag: the dialog's from-tag).
    agent.ws.send(JSON.stringify({ type: 'command', id: 'ho', command: { name: 'hold', callId } }));
    await until(() => ng.commands.length === 3);
    expect(ng.commands).toEqual([
      { command: 'block media', 'call-id': 'abc@127.0.0.1', 'from-tag': 't1' },
      { command: 'block media', 'call-id': 'abc@127.0.0.1', 'from-tag': 'f1' },
      { command: 'play media', 'call-id': 'abc@127.0.0.1', 'from-tag': 'f1', file: '/tmp/hold.wav', 'repeat-times': 100000 },
    ]);
    // Resume: the music stops and both sides are heard again.
    agent.ws.send(JSON.stringify({ type: 'command', id: 'r', command: { name: 'resume', callId } }));
    await until(() => ng.commands.length === 6);
    expect(ng.commands.slice(3)).toEqual([
      { command: 'stop media', 'call-id': 'abc@127.0.0.1', 'from-tag': 'f1' },
      { command: 'unblock media', 'call-id': 'abc@127.0.0.1', 'from-tag': 'f1' },
      { command: 'unblock media', 'call-id': 'abc@127.0.0.1', 'from-tag': 't1' },
    ]);
    // The agent hangs up in the workbench: the engine ends the call, Kamailio is told to end the dialog.
    agent.ws.send(JSON.stringify({ type: 'command', id: 'h', command: { name: 'hangup', callId } }));
    await until(() => rpc.calls.length === 2);
    // Only a dialog still confirmed is terminated (an ended one stays listed until released).
    expect(rpc.calls[0]).toMatchObject({ method: 'dlg.dlg_list', params: ['abc@127.0.0.1', 'f1'] });
    expect(rpc.calls[1]).toMatchObject({ method: 'dlg.terminate_dlg', params: ['abc@127.0.0.1', 'f1', 't1'] });
    // Over: a late poll is told to end.
    expect(await (await fetch(`${server.url}/ingress/voice/calls/${callId}/ring?wait=5`, { headers: auth })).text()).toBe('end');
    agent.ws.terminate();
  });

  it('rings the consulted colleague for the consulting agent only, and the transfer target for the referred caller only (docs/adr/0017)', async () => {
    const one = await loginFull(server, '1001');
    const two = await loginFull(server, '1002');
    const a = await connect(server, one.token, '&topics=');
    const b = await connect(server, two.token, '&topics=');
    await a.next((f) => f.type === 'snapshot');
    await b.next((f) => f.type === 'snapshot');
    b.ws.send(JSON.stringify({ type: 'command', id: 'b', command: { name: 'setState', state: 'busy' } }));
    await b.next((f) => f.type === 'ack' && f.id === 'b');
    const { callId } = (await (await post(`${server.url}/ingress/calls`, { from: '13800138009' }, auth)).json()) as { callId: string };
    await a.next((f) => f.type === 'call' && f.call.id === callId && f.call.state === 'ringing');
    a.ws.send(JSON.stringify({ type: 'command', id: 'a', command: { name: 'answer', callId } }));
    await a.next((f) => f.type === 'call' && f.call.id === callId && f.call.state === 'talking');
    b.ws.send(JSON.stringify({ type: 'command', id: 'i', command: { name: 'setState', state: 'idle' } }));
    await b.next((f) => f.type === 'ack' && f.id === 'i');
    const ring = async (query: string) => (await fetch(`${server.url}/ingress/voice/calls/${callId}/ring?wait=0&${query}`, { headers: auth })).text();

    a.ws.send(JSON.stringify({ type: 'command', id: 'c', command: { name: 'consult', callId, target: { kind: 'agent', agentId: '1002' } } }));
    await b.next((f) => f.type === 'call' && f.call.id === callId && f.call.state === 'ringing');
    expect(await ring('leg=consult&from=1001')).toBe('ring 1002');
    // Only the agent who owns the call may call a colleague about it.
    expect(await ring('leg=consult&from=1002')).toBe('end');
    b.ws.send(JSON.stringify({ type: 'command', id: 'ba', command: { name: 'answer', callId } }));
    await b.next((f) => f.type === 'call' && f.call.id === callId && f.call.state === 'talking');
    a.ws.send(JSON.stringify({ type: 'command', id: 't', command: { name: 'consultTransfer', callId } }));
    await a.next((f) => f.type === 'call' && f.call.id === callId && f.call.endReason === 'transferred');
    // The caller, referred to `xfer-<callId>` by 1001's browser, now rings 1002; another number gets nothing.
    expect(await ring('from=13800138009')).toBe('ring 1002');
    expect(await ring('from=13900000000')).toBe('end');
    b.ws.send(JSON.stringify({ type: 'command', id: 'h', command: { name: 'hangup', callId } }));
    await b.next((f) => f.type === 'call' && f.call.id === callId && f.call.state !== 'talking');
    a.ws.terminate();
    b.ws.terminate();
  });

  it('survey handoff: the agent leaves, the caller hears the prompt, the rating ends the dialog and frees rtpengine (docs/adr/0017)', async () => {
    const { token } = await loginFull(server, '1003');
    const agent = await connect(server, token, '&topics=');
    await agent.next((f) => f.type === 'snapshot');
    const { callId } = (await (await post(`${server.url}/ingress/calls`, { from: '13800138012', keys: '2' }, auth)).json()) as { callId: string };
    await agent.next((f) => f.type === 'call' && f.call.id === callId && f.call.state === 'ringing');
    agent.ws.send(JSON.stringify({ type: 'command', id: 'a', command: { name: 'answer', callId } }));
    await agent.next((f) => f.type === 'call' && f.call.id === callId && f.call.state === 'talking');
    const dialog = { sipCallId: 'survey@127.0.0.1', fromTag: 'sf', toTag: 'st' };
    await post(`${server.url}/ingress/voice/calls/${callId}/dialog`, dialog, auth);
    const ngBefore = ng.commands.length;
    const rpcBefore = rpc.calls.length;
    agent.ws.send(JSON.stringify({ type: 'command', id: 's', command: { name: 'transferToSurvey', callId } }));
    await until(() => ng.commands.length === ngBefore + 2);
    expect(ng.commands.slice(ngBefore)).toEqual([
      { command: 'block media', 'call-id': 'survey@127.0.0.1', 'from-tag': 'st' },
      { command: 'play media', 'call-id': 'survey@127.0.0.1', 'from-tag': 'sf', file: '/tmp/survey.wav', 'repeat-times': 20 },
    ]);
    // The caller keys a rating: the call ends, Kamailio ends the dialog, rtpengine forgets the call.
    expect(await (await post(`${server.url}/ingress/calls/${callId}/dtmf`, { digits: '5' }, auth)).json()).toEqual({ callId, done: true });
    await until(() => ng.commands.length === ngBefore + 3);
    expect(rpc.calls.slice(rpcBefore)).toEqual([{ method: 'GET', params: ['/octopus/bye-caller/survey@127.0.0.1/sf/st'] }]);
    expect(ng.commands.at(-1)).toEqual({ command: 'delete', 'call-id': 'survey@127.0.0.1' });
    agent.ws.terminate();
  });

  it('refuses malformed dialog ids', async () => {
    const res = await post(`${server.url}/ingress/voice/calls/c1/dialog`, { sipCallId: 'a b', fromTag: 'x', toTag: 'y' }, auth);
    expect(res.status).toBe(400);
  });
});

describe('voice off', () => {
  it('says so to a logged-in agent, and the SIP routes do not exist', async () => {
    const server = await startCtiServer({
      port: 0,
      host: '127.0.0.1',
      mode: 'production',
      tokenSecret: SECRET,
      accounts: new MemoryAccountDirectory({ tokenSecret: SECRET, accounts: demoAccounts() }),
      ingressToken: TOKEN,
    });
    try {
      const { token } = await loginFull(server, '1001');
      expect(await (await fetch(`${server.url}/voice/config`, { headers: { authorization: `Bearer ${token}` } })).json()).toEqual({ enabled: false });
      expect((await fetch(`${server.url}/ingress/voice/calls/x/ring`, { headers: auth })).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
